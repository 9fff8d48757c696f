using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Harness.Bank;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.WithBank;

/// <summary>A customer opened at the 窓口 through the bank's staff API.</summary>
internal sealed record Customer(string LoginId, string Password, string ConfirmationPassword, string Name, string Email);

/// <summary>
/// One real reference bank (CONTRACTS.md §1) on a loopback port with its own SQLite file, wired to the
/// devices' SMTP server and VIP vendor and reading the devices' FakeTimeProvider. Tests talk to it only
/// over HTTP, as the customer's browser and the 窓口 do.
/// </summary>
internal sealed class LiveBank : IAsyncDisposable
{
    /// <summary>2026-11-23 09:00 JST: a multiple of 60 s, so 30 s and 60 s steps start exactly here.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private readonly string _databasePath;

    private LiveBank(BankHost host, string databasePath)
    {
        Host = host;
        _databasePath = databasePath;
        BaseUrl = new Uri(host.BaseUrl);
        Http = new HttpClient { BaseAddress = BaseUrl };
    }

    public BankHost Host { get; }
    public Uri BaseUrl { get; }
    public HttpClient Http { get; }

    public static async Task<LiveBank> StartAsync(string profile, FakeTimeProvider clock, DeviceHost devices, TimeSpan? vendorTimeout = null)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"bank-with-devices-{Guid.NewGuid():N}.db");
        var host = await BankHost.StartAsync(new BankHostOptions
        {
            Profile = profile,
            TimeProvider = clock,
            Port = 0,
            DatabasePath = databasePath,
            SmtpHost = devices.SmtpHost,
            SmtpPort = devices.SmtpPort,
            VendorBaseUrl = devices.VendorBaseUrl,
            VendorTimeout = vendorTimeout ?? TimeSpan.FromSeconds(3),
            // Beyond the contract, as the bank's own tests do: cheap password hashes, no demo customers.
            PasswordHashCost = PasswordHashCost.ForTests,
            SeedDemoCustomers = false,
        });
        return new LiveBank(host, databasePath);
    }

    /// <summary>お客様登録 at the 窓口 (POST /staff/api/customers).</summary>
    public async Task<Customer> OpenAccountAsync(string loginId, string email, string kind = "Personal")
    {
        var customer = new Customer(loginId, "Pass-" + loginId, "kakunin99", "テスト " + loginId, email);
        var reply = await PostAsync("/staff/api/customers", new
        {
            loginId,
            password = customer.Password,
            confirmationPassword = customer.ConfirmationPassword,
            name = customer.Name,
            email,
            kind,
            balanceYen = "5000000",
        });
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK), reply.Text);
        return customer;
    }

    /// <summary>ログイン with id + password; the answer says whether the ワンタイムパスワード認証画面 follows.</summary>
    public Task<Reply> LoginAsync(Customer customer, string channel = "pc") =>
        PostAsync("/api/login", new { loginId = customer.LoginId, password = customer.Password, channel });

    /// <summary>Logs in with id + password and expects the ワンタイムパスワード認証画面 next; returns the session id.</summary>
    public async Task<string> LoginUpToOtpAsync(Customer customer)
    {
        var login = await LoginAsync(customer);
        Assert.That(login.Status, Is.EqualTo(HttpStatusCode.OK), login.Text);
        Assert.That(login.String("next"), Is.EqualTo("otp"));
        return login.String("sessionId");
    }

    /// <summary>Logs in with id + password where no OTP is asked yet; returns the session id.</summary>
    public async Task<string> LoginToMenuAsync(Customer customer)
    {
        var login = await LoginAsync(customer);
        Assert.That(login.Status, Is.EqualTo(HttpStatusCode.OK), login.Text);
        Assert.That(login.String("next"), Is.EqualTo("menu"));
        return login.String("sessionId");
    }

    public async Task<Reply> PostAsync(string path, object? body = null, string? session = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (session is not null)
            request.Headers.Authorization = new("Bearer", session);
        using var response = await Http.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    public async Task<Reply> GetAsync(string path, string? session = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (session is not null)
            request.Headers.Authorization = new("Bearer", session);
        using var response = await Http.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    /// <summary>The 窓口's view of the customer's current token (GET /staff/api/customers/{id}).</summary>
    public async Task<JsonElement> StaffTokenViewAsync(string loginId)
    {
        var reply = await GetAsync($"/staff/api/customers/{loginId}");
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK), reply.Text);
        return reply.Json.GetProperty("otp");
    }

    public async Task<int> FailCountAsync(string loginId) => (await StaffTokenViewAsync(loginId)).GetProperty("failCount").GetInt32();

    /// <summary>The customer's audit log as 「event → result」 lines, oldest first (GET /staff/api/audit).</summary>
    public async Task<IReadOnlyList<string>> AuditAsync(string loginId)
    {
        var reply = await GetAsync($"/staff/api/audit?loginId={loginId}");
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK), reply.Text);
        return [.. reply.Json.EnumerateArray().Select(e => $"{e.GetProperty("event").GetString()} → {e.GetProperty("result").GetString()}")];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_databasePath + suffix);
    }
}

/// <summary>A bank answer: status, raw text and its JSON.</summary>
internal sealed record Reply(HttpStatusCode Status, string Text, JsonElement Json)
{
    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new Reply(response.StatusCode, text, json);
    }

    public string String(string name) => Json.GetProperty(name).GetString() ?? string.Empty;
}
