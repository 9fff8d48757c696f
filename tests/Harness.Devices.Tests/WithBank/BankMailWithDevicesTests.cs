using System.Net;
using System.Text;
using Harness.Devices.Mail;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.WithBank;

/// <summary>
/// The real bank's Japanese mails over SMTP into the devices' mailboxes, read back exactly: sender,
/// subject, the whole body and its values (CONTRACTS.md §4), in UTF-8 (every shipped profile) and in
/// ISO-2022-JP (the aomori profile with only its charset changed: no shipped profile sends it).
/// </summary>
public sealed class BankMailWithDevicesTests
{
    private const string MailPasswordSender = "ib@aomori.shinkumi.co.jp";
    private const string TokenIssuedSender = "aomori-kenshin@otp-auth.net";
    /// <summary>2026-11-23 10:02:03 JST.</summary>
    private static readonly DateTimeOffset SentAt = LiveBank.Start.AddHours(1).AddMinutes(2).AddSeconds(3);

    private FakeTimeProvider _clock = null!;
    private DeviceHost _devices = null!;
    private LiveBank? _bank;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(LiveBank.Start);
        _devices = DeviceHost.Start(_clock);
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_bank is not null)
            await _bank.DisposeAsync();
        await _devices.DisposeAsync();
    }

    [TestCase("utf-8")]
    [TestCase("iso-2022-jp")]
    public async Task The_soft_token_issue_mails_read_back_exactly(string charset)
    {
        var profile = charset == "utf-8" ? "aomori" : TestProfiles.WithMailCharset("aomori", charset);
        _bank = await LiveBank.StartAsync(profile, _clock, _devices);
        Assert.That(_bank.Host.Profile.Mail.Charset, Is.EqualTo(charset));
        var customer = await _bank.OpenAccountAsync("aomori401", "shiro@data-bank.co.jp");
        var phone = _devices.NewPhone("shiro@phone.example.jp");
        _clock.SetUtcNow(SentAt);
        var session = await _bank.LoginToMenuAsync(customer);

        Assert.That((await _bank.PostAsync("/api/otp/soft/mail-password", null, session)).Status, Is.EqualTo(HttpStatusCode.OK));
        var passwordMail = _devices.Mail.MailboxFor(customer.Email).Messages.Single();
        var password = passwordMail.Value("メール通知パスワード");
        Assert.That(password, Does.Match("^[0-9]{8}$"));
        AssertReadBackExactly(passwordMail, charset, MailPasswordSender, "メール通知パスワードのお知らせ",
            "青森県信用組合です。\n" +
            "メール通知パスワードをお知らせします。\n" +
            "送信日時：2026年11月23日 10時02分03秒\n" +
            $"メール通知パスワード：{password}\n" +
            "このパスワードはログアウトまたは新しいメール通知パスワードの発行まで有効です。\n");

        // The password as read from the mail is the one the bank takes on the confirmation screen (AOM-08).
        var issued = await _bank.PostAsync("/api/otp/soft", SoftTokenSteps.SoftIssue(phone, customer, password), session);
        Assert.That(issued.Status, Is.EqualTo(HttpStatusCode.OK), issued.Text);

        // The ids read from the mail are those the completion screen shows (AOM-09).
        var issueMail = phone.Mail.Inbox.Single();
        AssertReadBackExactly(issueMail, charset, TokenIssuedSender, "トークン発行のご案内",
            "青森県信用組合です。\n" +
            "ワンタイムパスワードアプリを以下のURLからダウンロードしてください。\n" +
            $"{_bank.Host.BaseUrl}/app/download?bank={profile}\n" +
            "\n" +
            "初期設定で次の情報と利用開始パスワードを入力してください。\n" +
            $"サービスID：{issued.String("serviceId")}\n" +
            $"ユーザID：{issued.String("userId")}\n");
        Assert.That(issueMail.Urls, Is.EqualTo(new[] { new Uri($"{_bank.Host.BaseUrl}/app/download?bank={profile}") }));
    }

    [TestCase("utf-8")]
    [TestCase("iso-2022-jp")]
    public async Task The_akita_application_accepted_mail_reads_back_exactly_with_the_customers_name(string charset)
    {
        var profile = charset == "utf-8" ? "akita" : TestProfiles.WithMailCharset("akita", charset);
        _bank = await LiveBank.StartAsync(profile, _clock, _devices);
        var customer = await _bank.OpenAccountAsync("akita401", "jiro@akita.example.jp");

        var accepted = await _bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application");

        Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK), accepted.Text);
        AssertReadBackExactly(_devices.Mail.MailboxFor(customer.Email).Messages.Single(), charset,
            "info@akita-kenshin.jp", "受付確認の案内",
            "ワンタイムパスワード申請お取扱い開始のご案内\n" +
            "\n" +
            "テスト akita401 様\n" +
            "\n" +
            "秋田県信用組合です。\n" +
            "ワンタイムパスワードのお申込みを受け付けました。\n" +
            "インターネットバンキングにログインし、「ワンタイムパスワード申請」からトークン発行を行ってください。\n");
    }

    private void AssertReadBackExactly(ReceivedMail mail, string charset, string from, string subject, string body)
    {
        var raw = Encoding.ASCII.GetString(mail.Raw);
        Assert.Multiple(() =>
        {
            Assert.That(mail.From, Is.EqualTo(from));
            Assert.That(mail.Subject, Is.EqualTo(subject));
            Assert.That(mail.Body, Is.EqualTo(body));
            Assert.That(mail.BodyCharset, Is.EqualTo(charset).IgnoreCase);
            Assert.That(mail.ReceivedAt, Is.EqualTo(_clock.GetUtcNow()));
            if (charset == "iso-2022-jp")
            {
                // Really sent as JIS: 7-bit bytes only, the subject as an RFC 2047 ISO-2022-JP word.
                Assert.That(mail.Raw.All(b => b < 0x80), Is.True, "an ISO-2022-JP mail travels as 7-bit bytes");
                Assert.That(raw, Does.Contain("Subject: =?iso-2022-jp?").IgnoreCase);
            }
        });
    }
}
