using Harness.Devices.Mail;
using Harness.Devices.Phones;
using Harness.Devices.Tests.Mail;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.Phones;

public sealed class PhoneTests
{
    private const string Address = "aomori.taro@phone.example.jp";
    private const string Sender = "aomori-kenshin@otp-auth.net";
    // "12345678901234567890" in base32: the RFC 6238 SHA-1 seed, so the expected codes are independently computable.
    private const string AomoriAnswer =
        "{\"institutionName\":\"青森県信用組合\",\"serialNo\":\"243725864\",\"secret\":\"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\"," +
        "\"algorithm\":\"SHA1\",\"digits\":8,\"periodSeconds\":60,\"activatedOn\":\"2026-11-23\",\"expiresOn\":\"2031-11-22\"}";

    // 2026-11-23T00:00:00Z = 1795392000, a multiple of 60. Codes from an independent RFC 6238 computation.
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private const string CodeAtStart = "90061191";
    private const string CodeOneMinuteLater = "17371793";
    private const string CodeOneSecondEarlier = "91134484";
    private const string CodeNineHoursLater = "15215720";

    private FakeTimeProvider _clock = null!;
    private MailServer _mail = null!;
    private ProvisioningStub _bank = null!;
    private Phone _phone = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _mail = MailServer.Start(_clock);
        _bank = new ProvisioningStub(AomoriAnswer);
        _phone = new Phone("phone-1", _mail.MailboxFor(Address), _clock);
    }

    [TearDown]
    public async Task TearDown()
    {
        _phone.Dispose();
        _bank.Dispose();
        await _mail.DisposeAsync();
    }

    [Test]
    public async Task The_app_installed_from_the_mail_is_set_up_and_shows_the_banks_token()
    {
        await MailSender.SendAsync(_mail.Port, Sender, Address, "トークン発行のご案内",
            $"ワンタイムパスワードアプリのダウンロード\n{_bank.DownloadUrl("aomori")}\nサービスID：{ProvisioningStub.ServiceId}\nユーザID：{ProvisioningStub.UserId}\n",
            "iso-2022-jp");
        var mail = await _phone.Mail.WaitForMailAsync(new MailQuery(Sender, "トークン発行"), TimeSpan.FromMinutes(5));

        var app = _phone.InstallBankOtpAppFrom(mail);
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();
        var result = await app.InitialSetupAsync(mail.Value("サービスID"), mail.Value("ユーザID"), ProvisioningStub.ActivationPassword);

        Assert.That(result, Is.InstanceOf<InitialSetupResult.Completed>());
        Assert.That(app.State, Is.EqualTo(BankOtpAppState.SetupCompleted));
        app.Next();
        Assert.Multiple(() =>
        {
            Assert.That(app.Bank, Is.EqualTo("aomori"));
            Assert.That(app.ReadScreen(), Is.EqualTo(new BankOtpAppScreen(
                BankOtpAppState.ShowingCode, "青森県信用組合", CodeAtStart, "243725864", "2026/11/23", "2031/11/22", null)));
            Assert.That(_bank.RequestBodies, Is.EqualTo(new[]
            {
                "{\"serviceId\":\"10112235\",\"userId\":\"999800000001\",\"activationPassword\":\"1234\",\"deviceId\":\"phone-1\"}",
            }));
        });
    }

    [Test]
    public async Task The_code_follows_the_profiles_60_second_step()
    {
        var app = await SetUpAppAsync(_phone);

        _clock.Advance(TimeSpan.FromSeconds(59));
        var lastSecond = app.CurrentCode;
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(lastSecond, Is.EqualTo(CodeAtStart));
            Assert.That(app.CurrentCode, Is.EqualTo(CodeOneMinuteLater));
        });
    }

    [Test]
    public async Task The_profile_decides_digits_step_and_hash()
    {
        using var bank = new ProvisioningStub(AomoriAnswer
            .Replace("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA", StringComparison.Ordinal)
            .Replace("\"SHA1\",\"digits\":8,\"periodSeconds\":60", "\"SHA256\",\"digits\":6,\"periodSeconds\":30", StringComparison.Ordinal));
        var app = _phone.InstallBankOtpApp(bank.DownloadUrl("akita"));
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();
        await app.InitialSetupAsync(ProvisioningStub.ServiceId, ProvisioningStub.UserId, ProvisioningStub.ActivationPassword);
        app.Next();

        _clock.Advance(TimeSpan.FromSeconds(29));
        var at29 = app.CurrentCode;
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(app.Token!.Digits, Is.EqualTo(6));
            Assert.That(at29, Is.EqualTo("821992"));
            Assert.That(app.CurrentCode, Is.EqualTo("864002"));
        });
    }

    [TestCase(60, CodeOneMinuteLater)]
    [TestCase(-1, CodeOneSecondEarlier)]
    [TestCase(0, CodeAtStart)]
    public async Task A_skewed_phone_clock_shows_the_code_of_its_own_time(int skewSeconds, string expected)
    {
        var app = await SetUpAppAsync(_phone);

        _phone.Clock.SetSkew(TimeSpan.FromSeconds(skewSeconds));

        Assert.That(app.CurrentCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_phone_set_to_japan_wall_clock_in_the_utc_zone_runs_nine_hours_ahead()
    {
        var app = await SetUpAppAsync(_phone);

        _phone.Clock.SetWallClockToJapanTimeIn(TimeZoneInfo.Utc);

        Assert.Multiple(() =>
        {
            Assert.That(_phone.Clock.Skew, Is.EqualTo(TimeSpan.FromHours(9)));
            Assert.That(app.CurrentCode, Is.EqualTo(CodeNineHoursLater));
        });
        _phone.Clock.SetToJapanTime();
        Assert.That(app.CurrentCode, Is.EqualTo(CodeAtStart));
    }

    [Test]
    public async Task A_zone_change_alone_does_not_change_the_code()
    {
        var app = await SetUpAppAsync(_phone);

        _phone.Clock.SetTimeZone(TimeZoneInfo.Utc);

        Assert.That(app.CurrentCode, Is.EqualTo(CodeAtStart));
    }

    [Test]
    public async Task A_second_phone_cannot_take_over_the_token()
    {
        await SetUpAppAsync(_phone);
        using var second = new Phone("phone-2", _mail.MailboxFor(Address), _clock);
        var app = second.InstallBankOtpApp(_bank.DownloadUrl("aomori"));
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();

        var result = await app.InitialSetupAsync(ProvisioningStub.ServiceId, ProvisioningStub.UserId, ProvisioningStub.ActivationPassword);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new InitialSetupResult.Refused(409, "already_set_up", "このトークンは他の端末で設定済みです。")));
            Assert.That(app.State, Is.EqualTo(BankOtpAppState.InitialSetup));
            Assert.That(app.CurrentCode, Is.Null);
            Assert.That(app.RenderScreenHtml(), Does.Contain("<p class=\"note\" id=\"message\">このトークンは他の端末で設定済みです。</p>"));
        });
    }

    [Test]
    public async Task A_wrong_activation_password_is_refused_with_the_banks_message()
    {
        var app = _phone.InstallBankOtpApp(_bank.DownloadUrl("kyoei"));
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();

        var result = await app.InitialSetupAsync(ProvisioningStub.ServiceId, ProvisioningStub.UserId, "9999");

        Assert.That(result, Is.EqualTo(new InitialSetupResult.Refused(401, "invalid_activation_password", "利用開始パスワードが正しくありません。")));
    }

    [Test]
    public async Task Without_agreeing_to_the_anti_copy_terms_nothing_is_sent()
    {
        var app = _phone.InstallBankOtpApp(_bank.DownloadUrl("aomori"));
        app.AcceptCommunication();

        var result = await app.InitialSetupAsync(ProvisioningStub.ServiceId, ProvisioningStub.UserId, ProvisioningStub.ActivationPassword);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new InitialSetupResult.NotSent("上記の内容に同意してください。")));
            Assert.That(_bank.RequestBodies, Is.Empty);
        });
    }

    [Test]
    public void Initial_setup_needs_the_communication_consent_first()
    {
        var app = _phone.InstallBankOtpApp(_bank.DownloadUrl("kyoei"));

        Assert.Multiple(() =>
        {
            Assert.That(app.State, Is.EqualTo(BankOtpAppState.CommunicationConsent));
            Assert.That(() => app.AgreeToAntiCopyTerms(), Throws.InvalidOperationException);
        });
    }

    [Test]
    public async Task After_its_expiry_date_the_app_shows_no_code()
    {
        var app = await SetUpAppAsync(_phone);

        _clock.SetUtcNow(new DateTimeOffset(2031, 11, 22, 14, 59, 59, TimeSpan.Zero)); // 23:59:59 JST on the expiry date
        var lastSecond = app.ReadScreen();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var expired = app.ReadScreen();

        Assert.Multiple(() =>
        {
            Assert.That(lastSecond.Code, Has.Length.EqualTo(8));
            Assert.That(expired.Code, Is.Null);
            Assert.That(expired.Message, Is.EqualTo("有効期限が切れています。"));
        });
    }

    [TestCase("http://127.0.0.1:1/app/other?bank=aomori")]
    [TestCase("http://127.0.0.1:1/app/download")]
    public void A_url_that_is_not_the_download_url_is_refused(string url)
    {
        Assert.That(() => _phone.InstallBankOtpApp(new Uri(url)), Throws.TypeOf<FormatException>());
    }

    [Test]
    public async Task The_code_screen_renders_institution_code_serial_and_dates_html_encoded()
    {
        using var bank = new ProvisioningStub(AomoriAnswer.Replace("青森県信用組合", "青森<県>&信用組合", StringComparison.Ordinal));
        var app = _phone.InstallBankOtpApp(bank.DownloadUrl("aomori"));
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();
        await app.InitialSetupAsync(ProvisioningStub.ServiceId, ProvisioningStub.UserId, ProvisioningStub.ActivationPassword);
        app.Next();

        var html = app.RenderScreenHtml();

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<h1>青森&lt;県&gt;&amp;信用組合</h1>"));
            Assert.That(html, Does.Contain("<div class=\"code\" id=\"code\">90061191</div>"));
            Assert.That(html, Does.Contain("<dt>SerialNo</dt><dd>243725864</dd>"));
            Assert.That(html, Does.Contain("<dt>利用開始日</dt><dd>2026/11/23</dd>"));
            Assert.That(html, Does.Contain("<dt>有効期限</dt><dd>2031/11/22</dd>"));
            Assert.That(html, Does.Not.Contain("青森<県>"));
        });
    }

    [Test]
    public void The_setup_screen_shows_the_manuals_labels_and_anti_copy_terms()
    {
        var app = _phone.InstallBankOtpApp(_bank.DownloadUrl("aomori"));
        app.AcceptCommunication();

        var html = app.RenderScreenHtml();

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<h1>初期設定</h1>"));
            Assert.That(html, Does.Contain("<label>サービスID:"));
            Assert.That(html, Does.Contain("<label>ユーザID:"));
            Assert.That(html, Does.Contain("<label>利用開始パスワード:"));
            Assert.That(html, Does.Contain("本アプリはアプリデータの搾取・複製を防止するため"));
            Assert.That(html, Does.Contain(">上記の内容に同意する。</label>"));
        });
    }

    [Test]
    public async Task The_mail_app_renders_the_inbox_and_a_message_html_encoded()
    {
        await MailSender.SendAsync(_mail.Port, Sender, Address, "トークン発行のご案内", "サービスID：10112235\n<script>x</script>\n");
        await MailSender.SendAsync(_mail.Port, Sender, Address, "メール通知パスワードのお知らせ", "メール通知パスワード：482913\n");

        var inbox = _phone.Mail.RenderInboxHtml();
        var message = _phone.Mail.RenderMessageHtml(_phone.Mail.Inbox[^1]);

        Assert.Multiple(() =>
        {
            Assert.That(inbox.IndexOf("メール通知パスワードのお知らせ", StringComparison.Ordinal),
                Is.LessThan(inbox.IndexOf("トークン発行のご案内", StringComparison.Ordinal)), "newest first");
            Assert.That(inbox, Does.Contain("<div>2026/11/23 09:00</div>"), "received time in the phone's zone (Japan)");
            Assert.That(message, Does.Contain("<h1>トークン発行のご案内</h1>"));
            Assert.That(message, Does.Contain("<dt>差出人</dt><dd>aomori-kenshin@otp-auth.net</dd>"));
            Assert.That(message, Does.Contain("<pre>サービスID：10112235\n&lt;script&gt;x&lt;/script&gt;\n</pre>"));
        });
    }

    [Test]
    public void Refusing_the_communication_consent_leaves_an_app_that_cannot_be_used()
    {
        var app = _phone.InstallBankOtpApp(_bank.DownloadUrl("kyoei"));
        var consent = app.RenderScreenHtml();

        app.RefuseCommunication();

        Assert.Multiple(() =>
        {
            Assert.That(consent, Does.Contain("<h1>通信の許諾</h1>"));
            Assert.That(consent, Does.Contain("<button>はい</button>"));
            Assert.That(app.ReadScreen().Message, Is.EqualTo("通信が許可されていないため、ご利用いただけません。"));
            Assert.That(() => app.InitialSetupAsync(ProvisioningStub.ServiceId, ProvisioningStub.UserId, ProvisioningStub.ActivationPassword),
                Throws.InvalidOperationException);
        });
    }

    [Test]
    public async Task An_unreachable_bank_is_a_refusal_with_a_japanese_network_message()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var app = _phone.InstallBankOtpApp(new Uri($"http://127.0.0.1:{closedPort}/app/download?bank=akita"));
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();

        var result = await app.InitialSetupAsync(ProvisioningStub.ServiceId, ProvisioningStub.UserId, ProvisioningStub.ActivationPassword);

        Assert.That(result, Is.EqualTo(new InitialSetupResult.Refused(0, "network_error", "通信エラーが発生しました。")));
    }

    [Test]
    public void A_provisioning_answer_that_breaks_the_contract_is_a_format_error()
    {
        using var bank = new ProvisioningStub("{\"institutionName\":\"青森県信用組合\"}");
        var app = _phone.InstallBankOtpApp(bank.DownloadUrl("aomori"));
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();

        Assert.That(() => app.InitialSetupAsync(ProvisioningStub.ServiceId, ProvisioningStub.UserId, ProvisioningStub.ActivationPassword),
            Throws.TypeOf<FormatException>());
    }

    [Test]
    public async Task An_uninstalled_app_keeps_no_token_and_a_reinstall_cannot_reuse_the_activation()
    {
        var app = await SetUpAppAsync(_phone);

        _phone.UninstallBankOtpApp(app);
        var again = _phone.InstallBankOtpApp(_bank.DownloadUrl("aomori"));
        again.AcceptCommunication();
        again.AgreeToAntiCopyTerms();
        var result = await again.InitialSetupAsync(ProvisioningStub.ServiceId, ProvisioningStub.UserId, ProvisioningStub.ActivationPassword);

        Assert.Multiple(() =>
        {
            Assert.That(app.State, Is.EqualTo(BankOtpAppState.Uninstalled));
            Assert.That(app.Token, Is.Null);
            Assert.That(app.CurrentCode, Is.Null);
            Assert.That(_phone.BankOtpApps, Is.EqualTo(new[] { again }));
            Assert.That(result, Is.EqualTo(new InitialSetupResult.Refused(401, "invalid_activation_password", "利用開始パスワードが正しくありません。")));
        });
    }

    private async Task<BankOtpApp> SetUpAppAsync(Phone phone)
    {
        var app = phone.InstallBankOtpApp(_bank.DownloadUrl("aomori"));
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();
        var result = await app.InitialSetupAsync(ProvisioningStub.ServiceId, ProvisioningStub.UserId, ProvisioningStub.ActivationPassword);
        Assert.That(result, Is.InstanceOf<InitialSetupResult.Completed>());
        app.Next();
        return app;
    }
}
