using System.Net;
using System.Net.Http.Json;
using Harness.Bank;
using Harness.Bank.Mail;
using Harness.Bank.Tests;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Harness.Containers.Tests;

/// <summary>
/// The reference bank on a database of its own in the PostgreSQL container, with the bank tests' fake clock, outbox
/// (or real SMTP) and vendor. <see cref="RestartAsync"/> stops the bank and starts it again on the same database.
/// </summary>
internal sealed class PostgresBank : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly (string Host, int Port)? _smtp;

    private PostgresBank(BankHost host, string connectionString, FakeTimeProvider clock, Outbox outbox, FakeVendor vendor, (string, int)? smtp)
    {
        Host = host;
        _connectionString = connectionString;
        Clock = clock;
        Outbox = outbox;
        Vendor = vendor;
        _smtp = smtp;
        Http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
    }

    public BankHost Host { get; private set; }
    public FakeTimeProvider Clock { get; }
    /// <summary>Every mail the bank sent (and, over SMTP, the server took).</summary>
    public Outbox Outbox { get; }
    public FakeVendor Vendor { get; }
    public HttpClient Http { get; private set; }

    /// <param name="smtp">The mail container's SMTP port on loopback; null = the in-memory outbox.</param>
    public static async Task<PostgresBank> StartAsync(string profile, (string Host, int Port)? smtp = null, FakeTimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(TestBank.Start);
        var outbox = new Outbox();
        var vendor = new FakeVendor(clock);
        var connectionString = await Containers.NewDatabaseAsync();
        var host = await BankHost.StartAsync(Options(profile, connectionString, clock, outbox, vendor, smtp));
        return new PostgresBank(host, connectionString, clock, outbox, vendor, smtp);
    }

    private static BankHostOptions Options(string profile, string connectionString, FakeTimeProvider clock, Outbox outbox, FakeVendor vendor, (string Host, int Port)? smtp) => new()
    {
        Profile = profile,
        TimeProvider = clock,
        PostgresConnectionString = connectionString,
        HarnessMode = true,
        MailTransport = smtp is { } server ? new RecordingSmtp(outbox, server.Host, server.Port) : outbox,
        TokenVendor = vendor,
        PasswordHashCost = Harness.Bank.PasswordHashCost.ForTests,
    };

    public async Task RestartAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Host = await BankHost.StartAsync(Options(Host.Profile.Id, _connectionString, Clock, Outbox, Vendor, _smtp));
        Http = new HttpClient { BaseAddress = new Uri(Host.BaseUrl) };
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

    public Task<Reply> LoginAsync(DemoCustomer customer) =>
        PostAsync("/api/login", new { loginId = customer.LoginId, password = customer.Password, channel = "pc" });

    /// <summary>The soft-token path of the bank tests (TestBank.ActiveSoftTokenAsync) over the outbox: issue, 初期設定, 利用開始.</summary>
    public async Task<(string Session, SoftApp App)> ActiveSoftTokenAsync(DemoCustomer customer)
    {
        if (Host.Profile.Otp.IssueNeedsStaffAcceptance)
            Assert.That((await PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application")).Status, Is.EqualTo(HttpStatusCode.OK));
        var login = await LoginAsync(customer);
        Assert.That(login.String("next"), Is.EqualTo("menu"), login.Text);
        var session = login.String("sessionId");
        string? mailPassword = null;
        if (Host.Profile.MailPassword.RequiredFor.Contains(Bank.Profiles.MailPasswordUse.SoftTokenIssue))
        {
            Assert.That((await PostAsync("/api/otp/soft/mail-password", null, session)).Status, Is.EqualTo(HttpStatusCode.OK));
            mailPassword = Outbox.LastValue(customer.Email, "メール通知パスワード");
        }
        var phone = "phone-" + customer.Email;
        var issue = await PostAsync("/api/otp/soft", new
        {
            mailAddress = phone, mailAddressConfirm = phone,
            activationPassword = "1234", activationPasswordConfirm = "1234",
            confirmationPassword = customer.ConfirmationPassword, mailPassword,
        }, session);
        Assert.That(issue.Status, Is.EqualTo(HttpStatusCode.OK), issue.Text);
        var provision = await PostAsync("/app/v1/provision", new
        {
            serviceId = Outbox.LastValue(phone, "サービスID"), userId = Outbox.LastValue(phone, "ユーザID"),
            activationPassword = "1234", deviceId = "phone-1",
        });
        Assert.That(provision.Status, Is.EqualTo(HttpStatusCode.OK), provision.Text);
        var app = new SoftApp(Base32Encoding.ToBytes(provision.String("secret")), provision.Int("digits"), provision.Int("periodSeconds"), Clock);
        var activate = await PostAsync("/api/otp/activate", new { code = app.CodeNow() }, session);
        Assert.That(activate.Status, Is.EqualTo(HttpStatusCode.OK), activate.Text);
        return (session, app);
    }

    public async Task<int> FailCountAsync(string loginId) =>
        (await GetAsync($"/staff/api/customers/{loginId}")).Json.GetProperty("otp").GetProperty("failCount").GetInt32();

    public async Task<string> TokenStateAsync(string loginId) =>
        (await GetAsync($"/staff/api/customers/{loginId}")).Json.GetProperty("otp").GetProperty("state").GetString() ?? "";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>The bank's own SMTP transport to the mail container, keeping a copy of each mail the server took.</summary>
internal sealed class RecordingSmtp(Outbox sent, string host, int port) : IMailTransport
{
    private readonly SmtpMailTransport _smtp = new(host, port, Microsoft.Extensions.Logging.Abstractions.NullLogger<SmtpMailTransport>.Instance);

    public async Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
        await _smtp.SendAsync(mail, cancellationToken) && await sent.SendAsync(mail, cancellationToken);
}
