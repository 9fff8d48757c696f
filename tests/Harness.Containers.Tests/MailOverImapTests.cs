using System.Net;
using System.Text;
using Harness.Containers;
using Harness.Bank.Tests;
using Harness.Devices;
using Harness.Devices.Mail;
using Harness.Devices.Phones;
using Harness.Devices.Tests.WithBank;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Containers.Tests;

/// <summary>
/// Containers mode's mail: the bank (on PostgreSQL) sends over SMTP to the mail container (Postfix), and the phone's
/// mail app reads the customer's mailbox over IMAP (Dovecot) with MailKit — the same mail app as with the embedded
/// mailbox, over <see cref="ImapMailbox"/> (from a <see cref="DeviceHost"/> started on the external mail server). Each test uses addresses of its own, so the shared server's mailboxes
/// never mix.
/// </summary>
[Category("containers")]
// Only a guard so a lost mail fails the test instead of hanging the run: every wait's deadline is virtual time, and
// the IDLE wait ends as soon as the server reports the mail.
[CancelAfter(120_000)]
public sealed class MailOverImapTests
{
    private static CancellationToken Guard => TestContext.CurrentContext.CancellationToken;

    private const string ActivationPassword = "4649";

    [SetUp]
    public Task RequireDocker() => Docker.RequireAsync();

    [Test]
    public async Task An_aomori_phone_set_up_from_mail_read_over_imap_logs_in_with_the_apps_code()
    {
        var (smtp, imap) = await MailServerAsync();
        var clock = new FakeTimeProvider(TestBank.Start);
        await using var devices = DeviceHost.Start(clock, new ExternalMailServer(smtp.Host, smtp.Port, imap));
        await using var bank = await PostgresBank.StartAsync("aomori", (devices.SmtpHost, devices.SmtpPort), clock);
        var customer = await NewCustomerAsync(bank);
        var registered = devices.MailSourceFor(customer.Email);
        var phone = devices.NewPhone("phone-" + customer.Email);
        var session = (await bank.LoginAsync(customer)).String("sessionId");

        var sent = await bank.PostAsync("/api/otp/soft/mail-password", null, session);
        var passwordMail = await registered.WaitForMailAsync(new MailQuery(bank.Host.Profile.Mail.MailPasswordSender, "メール通知パスワード"), TimeSpan.FromMinutes(5), cancellationToken: Guard);
        var issued = await bank.PostAsync("/api/otp/soft", new
        {
            mailAddress = phone.MailAddress, mailAddressConfirm = phone.MailAddress,
            activationPassword = ActivationPassword, activationPasswordConfirm = ActivationPassword,
            confirmationPassword = customer.ConfirmationPassword,
            mailPassword = passwordMail.Value("メール通知パスワード"),
        }, session);
        var issueMail = await phone.Mail.WaitForMailAsync(new MailQuery(bank.Host.Profile.Mail.TokenIssuedSender, "トークン発行のご案内"), TimeSpan.FromMinutes(5), cancellationToken: Guard);
        var app = phone.InstallBankOtpAppFrom(issueMail);
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();
        var setup = await app.InitialSetupAsync(issueMail.Value("サービスID"), issueMail.Value("ユーザID"), ActivationPassword);
        app.Next();
        var activated = await bank.PostAsync("/api/otp/activate", new { code = app.CurrentCode }, session);
        clock.Advance(TimeSpan.FromSeconds(60));
        var login = await bank.LoginAsync(customer);
        var otp = await bank.PostAsync("/api/login/otp", new { code = app.CurrentCode }, login.String("sessionId"));

        Assert.That(registered, Is.InstanceOf<ImapMailbox>());
        Assert.That(phone.Mail.Mailbox, Is.SameAs(devices.MailSourceFor(phone.MailAddress)));
        Assert.That(devices.Mail.Mailboxes, Is.Empty, "in containers mode nothing reaches the embedded mail server");
        Assert.That(sent.Status, Is.EqualTo(HttpStatusCode.OK), sent.Text);
        Assert.That(passwordMail.Value("メール通知パスワード"), Is.EqualTo(bank.Outbox.LastValue(customer.Email, "メール通知パスワード")));
        Assert.That(issued.Status, Is.EqualTo(HttpStatusCode.OK), issued.Text);
        Assert.That(issueMail.Value("サービスID"), Is.EqualTo(issued.String("serviceId")));
        Assert.That(issueMail.Value("ユーザID"), Is.EqualTo(issued.String("userId")));
        Assert.That(setup, Is.InstanceOf<InitialSetupResult.Completed>(), setup.ToString());
        Assert.That(app.BankBaseUrl, Is.EqualTo(new Uri(bank.Host.BaseUrl)));
        Assert.That(activated.Status, Is.EqualTo(HttpStatusCode.OK), activated.Text);
        Assert.That(login.String("next"), Is.EqualTo("otp"));
        Assert.That(otp.Status, Is.EqualTo(HttpStatusCode.OK), otp.Text);
        Assert.That(otp.String("next"), Is.EqualTo("menu"));
    }

    [TestCase("utf-8")]
    [TestCase("iso-2022-jp")]
    public async Task The_akita_application_accepted_mail_reads_back_exactly_over_imap(string charset)
    {
        var (smtp, imap) = await MailServerAsync();
        var clock = new FakeTimeProvider(TestBank.Start);
        var profile = charset == "utf-8" ? "akita" : TestProfiles.WithMailCharset("akita", charset);
        await using var bank = await PostgresBank.StartAsync(profile, smtp, clock);
        var customer = await NewCustomerAsync(bank);
        var mailbox = new ImapMailbox(customer.Email, imap, clock);

        var accepted = await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application");
        Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK), accepted.Text);
        var sent = bank.Outbox.Mails.Single(m => m.To == customer.Email);
        var mail = await mailbox.WaitForMailAsync(new MailQuery(SubjectContains: "受付確認の案内"), TimeSpan.FromMinutes(5), cancellationToken: Guard);

        Assert.Multiple(() =>
        {
            Assert.That((mail.From, mail.FromName), Is.EqualTo(("info@akita-kenshin.jp", "AKITAKENSHINYOUKUMIAI")));
            Assert.That(mail.Envelope.From, Is.EqualTo("info@akita-kenshin.jp"));
            Assert.That(mail.Subject, Is.EqualTo("受付確認の案内"));
            Assert.That(mail.Body, Is.EqualTo(sent.Body.ReplaceLineEndings("\n")));
            Assert.That(mail.Body, Does.StartWith($"ワンタイムパスワード申請お取扱い開始のご案内\n\n{customer.Name} 様\n\n秋田県信用組合です。\n"));
            Assert.That(mail.BodyCharset, Is.EqualTo(charset).IgnoreCase);
            Assert.That(mail.ReceivedAt, Is.EqualTo(clock.GetUtcNow()));
            Assert.That(mailbox.Count, Is.EqualTo(1));
            if (charset == "iso-2022-jp")
            {
                Assert.That(mail.Raw.All(b => b < 0x80), Is.True, "an ISO-2022-JP mail travels as 7-bit bytes through Postfix and Dovecot");
                Assert.That(Encoding.ASCII.GetString(mail.Raw), Does.Contain("Subject: =?iso-2022-jp?").IgnoreCase);
            }
        });
    }

    [Test]
    public async Task A_mail_that_never_comes_fails_the_wait_when_the_virtual_deadline_passes()
    {
        var (_, imap) = await MailServerAsync();
        var clock = new FakeTimeProvider(TestBank.Start);
        var mailbox = new ImapMailbox($"nobody-{Guid.NewGuid():N}@example.jp", imap, clock);

        var waiting = mailbox.WaitForMailAsync(new MailQuery(SubjectContains: "メール通知パスワード"), TimeSpan.FromMinutes(5), cancellationToken: Guard);
        clock.Advance(TimeSpan.FromMinutes(5));
        var failure = Assert.ThrowsAsync<MailNotReceivedException>(async () => await waiting);

        Assert.That(failure!.Message, Does.Contain("by 2026-11-23T00:05:00.0000000+00:00 (within 00:05:00 of virtual time)"));
        Assert.That(failure.Message, Does.EndWith("The mailbox holds: []"));
    }

    [Test]
    public async Task A_wait_started_before_the_mail_completes_when_the_server_reports_it_and_skips_older_mail()
    {
        var (smtp, imap) = await MailServerAsync();
        var clock = new FakeTimeProvider(TestBank.Start);
        var address = $"taro-{Guid.NewGuid():N}@example.jp";
        var mailbox = new ImapMailbox(address, imap, clock);
        await SendAsync(smtp, address, "一通目", "古いメール");
        var older = await mailbox.WaitForMailAsync(new MailQuery(SubjectContains: "一通目"), TimeSpan.FromMinutes(5), cancellationToken: Guard);

        var waiting = mailbox.WaitForMailAsync(new MailQuery("ib@aomori.shinkumi.co.jp"), TimeSpan.FromMinutes(5), after: mailbox.Count, cancellationToken: Guard);
        await SendAsync(smtp, address, "二通目", "メール通知パスワード：12345678");
        var newer = await waiting;

        Assert.That(older.Subject, Is.EqualTo("一通目"));
        Assert.That(newer.Subject, Is.EqualTo("二通目"));
        Assert.That(newer.Value("メール通知パスワード"), Is.EqualTo("12345678"));
        Assert.That(mailbox.Messages.Select(m => m.Subject), Is.EqualTo(new[] { "一通目", "二通目" }));
    }

    private static async Task SendAsync((string Host, int Port) smtp, string to, string subject, string body)
    {
        var message = new MimeKit.MimeMessage();
        message.From.Add(MimeKit.MailboxAddress.Parse("ib@aomori.shinkumi.co.jp"));
        message.To.Add(MimeKit.MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new MimeKit.TextPart("plain") { Text = body };
        using var client = new MailKit.Net.Smtp.SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, MailKit.Security.SecureSocketOptions.None, Guard);
        await client.SendAsync(message, Guard);
        await client.DisconnectAsync(true, Guard);
    }

    private static async Task<((string Host, int Port) Smtp, ImapServer Imap)> MailServerAsync()
    {
        var mail = await ServerContainers.MailServerAsync();
        return ((mail.SmtpHost, mail.SmtpPort), mail.Imap);
    }

    private static async Task<Harness.Bank.DemoCustomer> NewCustomerAsync(TestBank bank)
    {
        var loginId = "c" + Guid.NewGuid().ToString("N")[..10];
        var customer = new Harness.Bank.DemoCustomer(loginId, "Pass-" + loginId, "kakunin99", "テスト " + loginId, loginId + "@example.jp", "Personal");
        var reply = await bank.PostAsync("/staff/api/customers", new
        {
            loginId, password = customer.Password, confirmationPassword = customer.ConfirmationPassword,
            name = customer.Name, email = customer.Email, kind = customer.Kind, balanceYen = "5000000",
        });
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK), reply.Text);
        return customer;
    }
}
