using System.Net;
using Harness.Devices.Mail;
using Harness.Devices.Phones;
using Microsoft.Extensions.Time.Testing;
using static Harness.Devices.Tests.WithBank.SoftTokenSteps;

namespace Harness.Devices.Tests.WithBank;

/// <summary>
/// The bank OTP app on a simulated phone, provisioned against the real bank: トークン発行 over the bank's
/// API, the トークン発行のご案内 mail over SMTP to the phone, 初期設定 and 利用開始 with the app's code,
/// then logins with the app's codes (AOM-07..11, AKT-03..06, KYO-04..07).
/// </summary>
public sealed class SoftTokenWithBankTests
{
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

    [Test]
    public async Task Aomori_phone_set_up_from_the_issue_mail_logs_in_with_the_apps_code()
    {
        _bank = await LiveBank.StartAsync("aomori", _clock, _devices);
        var customer = await _bank.OpenAccountAsync("aomori101", "taro@data-bank.co.jp");
        var phone = _devices.NewPhone("taro@phone.example.jp");
        var session = await _bank.LoginToMenuAsync(customer);

        // AOM-08: the confirmation screen asks the メール通知パスワード mailed to the registered address.
        var sent = await _bank.PostAsync("/api/otp/soft/mail-password", null, session);
        Assert.That(sent.Status, Is.EqualTo(HttpStatusCode.OK), sent.Text);
        var passwordMail = _devices.Mail.MailboxFor(customer.Email).Search(new MailQuery("ib@aomori.shinkumi.co.jp", "メール通知パスワード")).Single();

        var issued = await _bank.PostAsync("/api/otp/soft", new
        {
            mailAddress = phone.MailAddress,
            mailAddressConfirm = phone.MailAddress,
            activationPassword = ActivationPassword,
            activationPasswordConfirm = ActivationPassword,
            confirmationPassword = customer.ConfirmationPassword,
            mailPassword = passwordMail.Value("メール通知パスワード"),
        }, session);
        Assert.That(issued.Status, Is.EqualTo(HttpStatusCode.OK), issued.Text);

        var app = await SetUpAppFromIssueMailAsync(phone, "aomori-kenshin@otp-auth.net");
        Assert.Multiple(() =>
        {
            Assert.That(issued.String("serviceId"), Has.Length.EqualTo(8));
            Assert.That(issued.String("userId"), Has.Length.EqualTo(12));
            Assert.That(app.Bank, Is.EqualTo("aomori"));
            Assert.That(app.BankBaseUrl, Is.EqualTo(_bank.BaseUrl));
            Assert.That(app.Token!.InstitutionName, Is.EqualTo("青森県信用組合"));
            Assert.That(app.Token.Digits, Is.EqualTo(8));
            Assert.That(app.Token.Period, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(app.ReadScreen().ActivatedOn, Is.EqualTo("2026/11/23"));
            Assert.That(app.ReadScreen().ExpiresOn, Is.EqualTo("2031/11/22"));
            Assert.That(app.CurrentCode, Does.Match("^[0-9]{8}$"));
        });
        Assert.That(phone.Mail.Latest(new MailQuery(SubjectContains: "トークン発行のご案内"))!.Value("サービスID"), Is.EqualTo(issued.String("serviceId")));

        // AOM-11 利用開始 with the code the app shows.
        var activated = await _bank.PostAsync("/api/otp/activate", new { code = app.CurrentCode }, session);
        Assert.That(activated.Status, Is.EqualTo(HttpStatusCode.OK), activated.Text);
        Assert.That(activated.String("message"), Is.EqualTo("以下の内容でワンタイムパスワード利用開始登録を受けました。"));
        Assert.That(activated.String("status"), Is.EqualTo("サービス利用中"));
        Assert.That(activated.String("serialNo"), Is.EqualTo(app.Token!.SerialNo));

        await LogsInWithTheAppsCodeNextMinuteAsync(customer, app);
    }

    [Test]
    public async Task Akita_phone_set_up_after_the_counter_accepted_the_application_logs_in_with_the_apps_code()
    {
        _bank = await LiveBank.StartAsync("akita", _clock, _devices);
        var customer = await _bank.OpenAccountAsync("akita101", "taro@akita.example.jp");
        var phone = _devices.NewPhone("taro@phone.example.jp");
        var session = await _bank.LoginToMenuAsync(customer);

        // AKT-03: online issue is refused until the 窓口 has registered the paper application.
        var early = await _bank.PostAsync("/api/otp/soft", SoftIssue(phone, customer), session);
        Assert.That(early.Status, Is.EqualTo(HttpStatusCode.Forbidden), early.Text);
        Assert.That(early.String("code"), Is.EqualTo("application_required"));

        var accepted = await _bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application");
        Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK), accepted.Text);
        var acceptedMail = _devices.Mail.MailboxFor(customer.Email).Search(new MailQuery("info@akita-kenshin.jp", "受付確認の案内"));
        Assert.That(acceptedMail, Has.Count.EqualTo(1));

        var issued = await _bank.PostAsync("/api/otp/soft", SoftIssue(phone, customer), session);
        Assert.That(issued.Status, Is.EqualTo(HttpStatusCode.OK), issued.Text);
        var app = await SetUpAppFromIssueMailAsync(phone, "akita-kenshin@otp-auth.net");
        Assert.That(app.Token!.InstitutionName, Is.EqualTo("秋田県信用組合"));

        var activated = await _bank.PostAsync("/api/otp/activate", new { code = app.CurrentCode }, session);
        Assert.That(activated.Status, Is.EqualTo(HttpStatusCode.OK), activated.Text);
        Assert.That(activated.String("message"), Is.EqualTo("ワンタイムパスワードの利用開始登録が完了しました。"));

        await LogsInWithTheAppsCodeNextMinuteAsync(customer, app);
    }

    [Test]
    public async Task Kyoei_phone_set_up_without_paper_logs_in_with_the_apps_code_on_a_pc()
    {
        _bank = await LiveBank.StartAsync("kyoei", _clock, _devices);
        var customer = await _bank.OpenAccountAsync("kyoei101", "ichiro@kyoei.example.jp");
        var phone = _devices.NewPhone("ichiro@phone.example.jp");
        var session = await _bank.LoginToMenuAsync(customer);

        var issued = await _bank.PostAsync("/api/otp/soft", SoftIssue(phone, customer), session);
        Assert.That(issued.Status, Is.EqualTo(HttpStatusCode.OK), issued.Text);
        var app = await SetUpAppFromIssueMailAsync(phone, "kyoei-shinkumi@otp-auth.net");
        Assert.That(app.Token!.InstitutionName, Is.EqualTo("協栄信用組合"));

        var activated = await _bank.PostAsync("/api/otp/activate", new { code = app.CurrentCode }, session);
        Assert.That(activated.Status, Is.EqualTo(HttpStatusCode.OK), activated.Text);
        Assert.That(activated.String("message"), Is.EqualTo("ワンタイムパスワードの利用開始登録が完了しました。"));

        await LogsInWithTheAppsCodeNextMinuteAsync(customer, app);
    }

    [Test]
    public async Task The_apps_code_once_used_is_refused_at_the_next_login_in_the_same_minute()
    {
        _bank = await LiveBank.StartAsync("aomori", _clock, _devices);
        var customer = await _bank.OpenAccountAsync("aomori102", "jiro@data-bank.co.jp");
        var phone = _devices.NewPhone("jiro@phone.example.jp");
        var app = await ActivatedAppAsync(_bank, _devices, customer, phone, await _bank.LoginToMenuAsync(customer));
        _clock.Advance(TimeSpan.FromSeconds(60));
        var first = await _bank.PostAsync("/api/login/otp", new { code = app.CurrentCode }, await _bank.LoginUpToOtpAsync(customer));
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Text);

        // AOM-03, X-02: 59 s later the app still shows the same code; the bank takes it no more.
        _clock.Advance(TimeSpan.FromSeconds(59));
        var again = await _bank.PostAsync("/api/login/otp", new { code = app.CurrentCode }, await _bank.LoginUpToOtpAsync(customer));

        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Unauthorized), again.Text);
        Assert.That(again.String("message"), Is.EqualTo("ワンタイムパスワードが正しくありません。"));
        Assert.That((await _bank.AuditAsync(customer.LoginId))[^1], Is.EqualTo("ログイン ワンタイムパスワード認証 → 失敗(使用済みのコード)"));
    }

    [Test]
    public async Task A_second_phone_cannot_take_over_the_token_the_first_one_set_up()
    {
        _bank = await LiveBank.StartAsync("kyoei", _clock, _devices);
        var customer = await _bank.OpenAccountAsync("kyoei102", "jiro@kyoei.example.jp");
        var phone = _devices.NewPhone("jiro@phone.example.jp", "phone-1");
        var session = await _bank.LoginToMenuAsync(customer);
        Assert.That((await _bank.PostAsync("/api/otp/soft", SoftIssue(phone, customer), session)).Status, Is.EqualTo(HttpStatusCode.OK));
        await SetUpAppFromIssueMailAsync(phone, "kyoei-shinkumi@otp-auth.net");

        // The same mail forwarded to another phone: its 初期設定 is refused with the bank's message.
        var other = _devices.NewPhone("jiro@phone.example.jp", "phone-2");
        var mail = other.Mail.Latest(new MailQuery("kyoei-shinkumi@otp-auth.net", "トークン発行のご案内"))!;
        var copy = other.InstallBankOtpAppFrom(mail);
        copy.AcceptCommunication();
        copy.AgreeToAntiCopyTerms();
        var result = await copy.InitialSetupAsync(mail.Value("サービスID"), mail.Value("ユーザID"), ActivationPassword);

        Assert.That(result, Is.EqualTo(new InitialSetupResult.Refused(409, "already_provisioned",
            "このトークンは既に初期設定されています。機種変更の場合はワンタイムパスワード利用解除のうえ、再度トークン発行を行ってください。")));
        Assert.That(copy.CurrentCode, Is.Null);
    }

    /// <summary>A minute later (the 利用開始 code's step is spent) the next login passes the ワンタイムパスワード認証画面.</summary>
    private async Task LogsInWithTheAppsCodeNextMinuteAsync(Customer customer, BankOtpApp app)
    {
        _clock.Advance(TimeSpan.FromSeconds(60));
        var session = await _bank!.LoginUpToOtpAsync(customer);
        var otp = await _bank.PostAsync("/api/login/otp", new { code = app.CurrentCode }, session);
        Assert.That(otp.Status, Is.EqualTo(HttpStatusCode.OK), otp.Text);
        Assert.That(otp.String("next"), Is.EqualTo("menu"));
        var menu = await _bank.GetAsync("/api/me", session);
        Assert.That(menu.Status, Is.EqualTo(HttpStatusCode.OK), menu.Text);
        Assert.That(menu.Json.GetProperty("otp").GetProperty("status").GetString(), Is.EqualTo("サービス利用中"));
    }
}
