using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Harness.Bank.Mail;
using Harness.Bank.Vip;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Harness.Bank.Tests;

/// <summary>One real bank per test: its own loopback port, SQLite file, fake clock, outbox and vendor.</summary>
public sealed class TestBank : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private readonly TestBankBacking? _backing;
    private readonly Action<DbContextOptionsBuilder>? _configureDatabase;

    private TestBank(BankHost host, FakeTimeProvider clock, Outbox outbox, FakeVendor vendor, string databasePath, TestBankBacking? backing,
        Action<DbContextOptionsBuilder>? configureDatabase)
    {
        _backing = backing;
        _configureDatabase = configureDatabase;
        Host = host;
        Clock = clock;
        Outbox = outbox;
        Vendor = vendor;
        DatabasePath = databasePath;
        Http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
    }

    public BankHost Host { get; private set; }
    public FakeTimeProvider Clock { get; }
    public Outbox Outbox { get; }
    public FakeVendor Vendor { get; }
    public string DatabasePath { get; }
    public HttpClient Http { get; private set; }

    /// <param name="backing">Another database or mail transport (the containers tests: PostgreSQL, a real SMTP server); null =
    /// the SQLite file and the in-memory outbox.</param>
    /// <param name="configureDatabase">Added to the bank's database settings (<see cref="BankHostOptions.ConfigureDatabase"/>), e.g. the
    /// bank tests' DatabaseSwitch that makes the database unreachable.</param>
    public static async Task<TestBank> StartAsync(string profile, FakeTimeProvider? clock = null, string? databasePath = null, TestBankBacking? backing = null,
        Action<DbContextOptionsBuilder>? configureDatabase = null)
    {
        clock ??= new FakeTimeProvider(Start);
        var outbox = new Outbox();
        var vendor = new FakeVendor(clock);
        databasePath ??= Path.Combine(Path.GetTempPath(), $"bank-test-{Guid.NewGuid():N}.db");
        var host = await BankHost.StartAsync(Options(profile, clock, outbox, vendor, databasePath, backing, configureDatabase));
        return new TestBank(host, clock, outbox, vendor, databasePath, backing, configureDatabase);
    }

    private static BankHostOptions Options(string profile, FakeTimeProvider clock, Outbox outbox, FakeVendor vendor, string databasePath, TestBankBacking? backing,
        Action<DbContextOptionsBuilder>? configureDatabase) => new()
    {
        Profile = profile,
        TimeProvider = clock,
        DatabasePath = databasePath,
        PostgresConnectionString = backing?.PostgresConnectionString,
        HarnessMode = true,
        MailTransport = backing?.Mail?.Invoke(outbox) ?? outbox,
        TokenVendor = vendor,
        PasswordHashCost = PasswordHashCost.ForTests,
        ConfigureDatabase = configureDatabase,
    };

    /// <summary>Stops the bank and starts it again on the same database.</summary>
    public async Task RestartAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Host = await BankHost.StartAsync(Options(Host.Profile.Id, Clock, Outbox, Vendor, DatabasePath, _backing, _configureDatabase));
        Http = new HttpClient { BaseAddress = new Uri(Host.BaseUrl) };
    }

    public async Task<Reply> PostAsync(string path, object? body = null, string? session = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (session is not null)
        {
            request.Headers.Authorization = new("Bearer", session);
        }
        using var response = await Http.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    public async Task<Reply> GetAsync(string path, string? session = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (session is not null)
        {
            request.Headers.Authorization = new("Bearer", session);
        }
        using var response = await Http.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    public async Task<DemoCustomer> NewCustomerAsync(string loginId, string kind = "Personal")
    {
        var reply = await PostAsync("/staff/api/customers", new
        {
            loginId,
            password = "Pass-" + loginId,
            confirmationPassword = "kakunin99",
            name = "テスト " + loginId,
            email = loginId + "@example.jp",
            kind,
            balanceYen = "5000000",
        });
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK), reply.Text);
        return new DemoCustomer(loginId, "Pass-" + loginId, "kakunin99", "テスト " + loginId, loginId + "@example.jp", kind);
    }

    public async Task<Reply> LoginAsync(DemoCustomer customer, string channel = "pc") =>
        await PostAsync("/api/login", new { loginId = customer.LoginId, password = customer.Password, channel });

    /// <summary>Logs in with id + password and, where asked, the OTP; returns the session id.</summary>
    public async Task<string> LoggedInAsync(DemoCustomer customer, SoftApp? app = null)
    {
        var login = await LoginAsync(customer);
        Assert.That(login.Status, Is.EqualTo(HttpStatusCode.OK), login.Text);
        var session = login.String("sessionId");
        if (login.String("next") == "otp")
        {
            Assert.That(app, Is.Not.Null, "this customer needs an OTP to log in");
            var otp = await PostAsync("/api/login/otp", new { code = app!.CodeNow() }, session);
            Assert.That(otp.Status, Is.EqualTo(HttpStatusCode.OK), otp.Text);
        }
        return session;
    }

    /// <summary>The whole soft-token path: issue, the app's 初期設定, 利用開始. Leaves the customer logged in.</summary>
    public async Task<(string Session, SoftApp App)> ActiveSoftTokenAsync(DemoCustomer customer)
    {
        if (Host.Profile.Otp.IssueNeedsStaffAcceptance)
        {
            Assert.That((await PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application")).Status, Is.EqualTo(HttpStatusCode.OK));
        }
        var session = await LoggedInAsync(customer);
        string? mailPassword = null;
        if (Host.Profile.MailPassword.RequiredFor.Contains(Profiles.MailPasswordUse.SoftTokenIssue))
        {
            Assert.That((await PostAsync("/api/otp/soft/mail-password", null, session)).Status, Is.EqualTo(HttpStatusCode.OK));
            mailPassword = Outbox.LastValue(customer.Email, "メール通知パスワード");
        }
        var issue = await PostAsync("/api/otp/soft", new
        {
            mailAddress = "phone-" + customer.Email,
            mailAddressConfirm = "phone-" + customer.Email,
            activationPassword = "1234",
            activationPasswordConfirm = "1234",
            confirmationPassword = customer.ConfirmationPassword,
            mailPassword,
        }, session);
        Assert.That(issue.Status, Is.EqualTo(HttpStatusCode.OK), issue.Text);
        var app = await ProvisionAsync(Outbox.LastValue("phone-" + customer.Email, "サービスID"), Outbox.LastValue("phone-" + customer.Email, "ユーザID"), "1234", "phone-1");
        var activate = await PostAsync("/api/otp/activate", new { code = app.CodeNow() }, session);
        Assert.That(activate.Status, Is.EqualTo(HttpStatusCode.OK), activate.Text);
        return (session, app);
    }

    public async Task<SoftApp> ProvisionAsync(string serviceId, string userId, string activationPassword, string deviceId)
    {
        var reply = await PostAsync("/app/v1/provision", new { serviceId, userId, activationPassword, deviceId });
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK), reply.Text);
        return new SoftApp(Base32Encoding.ToBytes(reply.String("secret")), reply.Int("digits"), reply.Int("periodSeconds"), Clock);
    }

    public async Task<int> FailCountAsync(string loginId) =>
        (await GetAsync($"/staff/api/customers/{loginId}")).Json.GetProperty("otp").GetProperty("failCount").GetInt32();

    public async Task<string> TokenStateAsync(string loginId) =>
        (await GetAsync($"/staff/api/customers/{loginId}")).Json.GetProperty("otp").GetProperty("state").GetString() ?? "";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}

/// <summary>Where a test bank keeps its state and sends its mail instead of the SQLite file and the outbox: a PostgreSQL
/// database, and a transport made from the outbox (e.g. real SMTP that also records into it).</summary>
public sealed record TestBankBacking(string? PostgresConnectionString = null, Func<Outbox, IMailTransport>? Mail = null);

public sealed record Reply(HttpStatusCode Status, string Text, JsonElement Json)
{
    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new Reply(response.StatusCode, text, json);
    }

    public string String(string name) => Json.GetProperty(name).GetString() ?? "";
    public int Int(string name) => Json.GetProperty(name).GetInt32();
    public long Long(string name) => Json.GetProperty(name).GetInt64();
    public string Code => String("code");
    public string Message => String("message");
}

/// <summary>The customer's phone app after 初期設定: computes codes from the shared clock.</summary>
public sealed class SoftApp(byte[] secret, int digits, int periodSeconds, TimeProvider clock)
{
    public string CodeNow() => CodeAt(clock.GetUtcNow());

    public string CodeAt(DateTimeOffset at) => new Totp(secret, periodSeconds, OtpHashMode.Sha1, digits).ComputeTotp(at.UtcDateTime);

    /// <summary>A code of the right shape that is not valid anywhere near now.</summary>
    public string WrongCode()
    {
        var now = clock.GetUtcNow();
        var valid = Enumerable.Range(-3, 7).Select(i => CodeAt(now.AddSeconds(i * periodSeconds))).ToHashSet();
        for (var n = 0; ; n++)
        {
            var candidate = n.ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture);
            if (!valid.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}

/// <summary>An in-memory mail server: keeps every mail, or refuses all while <see cref="Down"/>.</summary>
public sealed class Outbox : IMailTransport
{
    private readonly List<OutgoingMail> _mails = [];

    public bool Down { get; set; }

    public IReadOnlyList<OutgoingMail> Mails
    {
        get { lock (_mails) { return _mails.ToList(); } }
    }

    public Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (Down)
        {
            return Task.FromResult(false);
        }
        lock (_mails)
        {
            _mails.Add(mail);
        }
        return Task.FromResult(true);
    }

    /// <summary>The value of the last 「label：value」 line mailed to <paramref name="to"/>.</summary>
    public string LastValue(string to, string label)
    {
        var prefix = label + "：";
        var line = Mails.Where(m => m.To == to).SelectMany(m => m.Body.Split('\n')).Last(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line[prefix.Length..];
    }
}

/// <summary>The VIP vendor as CONTRACTS.md §3 describes it: ±1 step of 30 s, replay refused, from the seeds its apps hold.</summary>
public sealed class FakeVendor(TimeProvider clock) : ITokenVendor
{
    private readonly Dictionary<string, (byte[] Secret, long LastStep)> _credentials = [];

    public bool Down { get; set; }
    public int Calls { get; private set; }

    public SoftApp NewCredential(string credentialId)
    {
        var secret = KeyGeneration.GenerateRandomKey(20);
        lock (_credentials)
        {
            _credentials[credentialId] = (secret, -1);
        }
        return new SoftApp(secret, 6, 30, clock);
    }

    public Task<VendorAnswer> ValidateAsync(string credentialId, string securityCode, CancellationToken cancellationToken)
    {
        lock (_credentials)
        {
            Calls++;
            if (Down)
            {
                return Task.FromResult(VendorAnswer.Outage);
            }
            if (!_credentials.TryGetValue(credentialId, out var credential))
            {
                return Task.FromResult(VendorAnswer.UnknownCredential);
            }
            var totp = new Totp(credential.Secret, 30, OtpHashMode.Sha1, 6);
            var ok = totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, securityCode, out var step, new VerificationWindow(1, 1));
            if (!ok || step <= credential.LastStep)
            {
                return Task.FromResult(VendorAnswer.Invalid);
            }
            _credentials[credentialId] = (credential.Secret, step);
            return Task.FromResult(VendorAnswer.Valid);
        }
    }
}
