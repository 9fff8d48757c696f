using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Harness.Devices.Vendor;

/// <summary>The vendor's answer to one validation (CONTRACTS.md §3).</summary>
public enum VipValidationResult
{
    Valid,
    Invalid,
    UnknownCredential,
}

/// <summary>One request the bank made to the vendor, with the virtual time it arrived: evidence for the report.</summary>
public sealed record VendorJournalEntry(
    DateTimeOffset At,
    string Method,
    string Path,
    string RequestBody,
    int StatusCode,
    string ResponseBody,
    string? Fault);

/// <summary>
/// The simulated VIP Access token vendor on WireMock.Net: <c>POST /vip/v1/validate</c> answers from the
/// seeds of the credentials it issued to the simulated apps, accepting the current 30 s step ±1 and
/// refusing any step at or before the last accepted one. Binds 127.0.0.1 only.
/// </summary>
public sealed class TokenVendor : IDisposable
{
    public const string ValidatePath = "/vip/v1/validate";

    private static readonly JsonSerializerOptions JournalJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly WireMockServer _server;
    private readonly Dictionary<string, VipCredential> _credentials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastAcceptedStep = new(StringComparer.Ordinal);
    private readonly List<VendorJournalEntry> _journal = [];
    private VendorFault? _fault;
    private Guid? _delayMapping;
    private CancellationTokenSource _releaseDelayed = new();
    private TaskCompletionSource _delayedArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TokenVendor(TimeProvider clock)
    {
        _clock = clock;
        // WireMock reports its URLs as "localhost"; the contract wants the loopback address itself.
        BaseUrl = $"http://127.0.0.1:{FreeLoopbackPort()}";
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [BaseUrl],
            StartAdminInterface = false,
            ReadStaticMappings = false,
        });
        _server.Given(Request.Create().WithPath(ValidatePath).UsingPost())
            .AtPriority(10)
            .RespondWith(Response.Create().WithCallback(request => Answer(request, delayed: null)));
    }

    public static TokenVendor Start(TimeProvider clock) => new(clock);

    /// <summary>The base URL the bank is configured with (VendorBaseUrl), e.g. http://127.0.0.1:41235.</summary>
    public string BaseUrl { get; }

    /// <summary>Issues a new credential with a fresh id and a random 20-byte seed, as the VIP Access app does on first start.</summary>
    public VipCredential Provision(VipCredentialKind kind)
    {
        lock (_gate)
        {
            string id;
            do
            {
                id = VipCredential.Prefix(kind) + RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            }
            while (_credentials.ContainsKey(id));
            return Register(id, RandomNumberGenerator.GetBytes(20));
        }
    }

    /// <summary>Registers a credential with a known seed (tests that need exact codes).</summary>
    public VipCredential Register(string credentialId, ReadOnlySpan<byte> seed)
    {
        var credential = new VipCredential(credentialId, seed);
        lock (_gate)
        {
            if (!_credentials.TryAdd(credentialId, credential))
                throw new InvalidOperationException($"Credential {credentialId} already exists.");
        }
        return credential;
    }

    /// <summary>Plays an outage until <see cref="ClearFault"/>.</summary>
    public void InjectFault(VendorFault fault)
    {
        ClearFault();
        lock (_gate)
        {
            _fault = fault;
            if (fault is VendorFault.Delay delay)
            {
                // The delay passes on the shared virtual clock: the caller's timeout (on the same clock) decides, not the wall clock.
                _delayedArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var guid = Guid.NewGuid();
                _server.Given(Request.Create().WithPath(ValidatePath).UsingPost())
                    .WithGuid(guid)
                    .AtPriority(1)
                    .RespondWith(Response.Create().WithCallback(request => DelayedAnswer(request, delay)));
                _delayMapping = guid;
            }
        }
    }

    /// <summary>Completes when a request reaches the vendor under a <see cref="VendorFault.Delay"/>: the caller is now waiting,
    /// so a test can move the clock past the caller's timeout.</summary>
    public Task DelayedRequestArrived
    {
        get
        {
            lock (_gate)
            {
                return _delayedArrived.Task;
            }
        }
    }

    private ResponseMessage DelayedAnswer(IRequestMessage request, VendorFault.Delay delay)
    {
        CancellationToken release;
        TaskCompletionSource arrived;
        lock (_gate)
        {
            release = _releaseDelayed.Token;
            arrived = _delayedArrived;
        }

        var wait = Task.Delay(delay.By, _clock, release);
        arrived.TrySetResult();
        try
        {
            wait.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // The fault was cleared or the vendor stopped: answer now.
        }

        return Answer(request, delay);
    }

    public void ClearFault()
    {
        lock (_gate)
        {
            _releaseDelayed.Cancel();
            _releaseDelayed.Dispose();
            _releaseDelayed = new CancellationTokenSource();
            _fault = null;
            if (_delayMapping is { } guid)
                _server.DeleteMapping(guid);
            _delayMapping = null;
        }
    }

    /// <summary>The validation itself, as the HTTP endpoint applies it (no fault).</summary>
    public VipValidationResult Validate(string credentialId, string securityCode)
    {
        lock (_gate)
            return Decide(credentialId, securityCode, consume: true);
    }

    public IReadOnlyList<VendorJournalEntry> Journal
    {
        get { lock (_gate) return [.. _journal]; }
    }

    public string ExportJournalJson() => JsonSerializer.Serialize(Journal, JournalJson);

    private VipValidationResult Decide(string credentialId, string securityCode, bool consume)
    {
        if (!_credentials.TryGetValue(credentialId, out var credential))
            return VipValidationResult.UnknownCredential;
        var now = credential.Generator.StepAt(_clock.GetUtcNow());
        var last = _lastAcceptedStep.TryGetValue(credentialId, out var accepted) ? accepted : long.MinValue;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step <= last || step < 0 || credential.Generator.CodeForStep(step) != securityCode)
                continue;
            if (consume)
                _lastAcceptedStep[credentialId] = step;
            return VipValidationResult.Valid;
        }
        return VipValidationResult.Invalid;
    }

    private ResponseMessage Answer(IRequestMessage request, VendorFault.Delay? delayed)
    {
        var body = request.Body ?? request.BodyData?.BodyAsString ?? string.Empty;
        lock (_gate)
        {
            var fault = delayed ?? _fault;
            var (status, answer) = fault switch
            {
                VendorFault.ServerError => (500, "{\"error\":\"internal_server_error\"}"),
                VendorFault.MalformedBody => (200, "<html><body>Service Unavailable</body></html>"),
                _ => Respond(body, consume: fault is null),
            };
            _journal.Add(new VendorJournalEntry(_clock.GetUtcNow(), request.Method, request.Path, body, status, answer, Describe(fault)));
            var message = new ResponseMessage
            {
                StatusCode = status,
                BodyData = new BodyData { BodyAsString = answer, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
            };
            message.AddHeader("Content-Type", fault is VendorFault.MalformedBody ? "text/html; charset=utf-8" : "application/json; charset=utf-8");
            return message;
        }
    }

    private (int Status, string Body) Respond(string body, bool consume)
    {
        string? credentialId = null, securityCode = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("credentialId", out var id) && id.ValueKind == JsonValueKind.String)
                    credentialId = id.GetString();
                if (json.RootElement.TryGetProperty("securityCode", out var code) && code.ValueKind == JsonValueKind.String)
                    securityCode = code.GetString();
            }
        }
        catch (JsonException)
        {
        }
        if (credentialId is null || securityCode is null)
            return (400, "{\"error\":\"malformed_request\"}");

        return Decide(credentialId, securityCode, consume) switch
        {
            VipValidationResult.Valid => (200, "{\"result\":\"valid\"}"),
            VipValidationResult.Invalid => (200, "{\"result\":\"invalid\"}"),
            _ => (200, "{\"result\":\"unknown_credential\"}"),
        };
    }

    private static string? Describe(VendorFault? fault) => fault switch
    {
        null => null,
        VendorFault.Delay d => string.Create(CultureInfo.InvariantCulture, $"delay {d.By.TotalMilliseconds} ms"),
        VendorFault.ServerError => "server error",
        VendorFault.MalformedBody => "malformed body",
        _ => fault.ToString(),
    };

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        ClearFault();
        _server.Dispose();
    }
}
