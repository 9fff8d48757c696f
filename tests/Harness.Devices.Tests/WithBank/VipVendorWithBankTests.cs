using System.Globalization;
using System.Net;
using Harness.Devices.Vendor;
using Harness.Devices.VipAccess;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.WithBank;

/// <summary>
/// VIP Access on a phone, registered through the real bank's 利用登録 and validated by the simulated
/// vendor (CONTRACTS.md §3). A vendor fault reaches the bank as a refusal with a Japanese message that
/// counts no failure; one credential serves two banks (SKN-03).
/// </summary>
public sealed class VipVendorWithBankTests
{
    private const string VendorDownMessage = "現在ワンタイムパスワードの認証を行うことができません。しばらくしてから再度お試しください。";
    /// <summary>The bank's vendor timeout: it passes on the shared virtual clock, like the vendor's delay.</summary>
    private static readonly TimeSpan ShortVendorTimeout = TimeSpan.FromMilliseconds(1500);

    private FakeTimeProvider _clock = null!;
    private DeviceHost _devices = null!;
    private readonly List<LiveBank> _banks = [];

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(LiveBank.Start);
        _devices = DeviceHost.Start(_clock);
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var bank in _banks)
            await bank.DisposeAsync();
        _banks.Clear();
        await _devices.DisposeAsync();
    }

    private static IEnumerable<TestCaseData> Faults()
    {
        yield return new TestCaseData(new VendorFault.Delay(TimeSpan.FromSeconds(5))).SetArgDisplayNames("a delay past the bank's VendorTimeout");
        yield return new TestCaseData(new VendorFault.ServerError()).SetArgDisplayNames("HTTP 500");
        yield return new TestCaseData(new VendorFault.MalformedBody()).SetArgDisplayNames("a malformed body");
    }

    [TestCaseSource(nameof(Faults))]
    public async Task A_vendor_fault_at_login_is_refused_in_Japanese_and_counts_no_failure(VendorFault fault)
    {
        var bank = await StartBankAsync("shinkin", ShortVendorTimeout);
        var customer = await bank.OpenAccountAsync("skn501", "taro@shinkin.example.jp");
        var vip = _devices.NewPhone("taro@phone.example.jp").InstallVipAccess(_devices.Vendor);
        var registered = await RegisterAsync(bank, customer, vip);
        Assert.That(registered.Status, Is.EqualTo(HttpStatusCode.OK), registered.Text);
        Assert.That(registered.String("message"), Is.EqualTo("ワンタイムパスワードの利用登録が完了しました。"));
        Assert.That(registered.String("messageCode"), Is.EqualTo("00001"));

        _clock.Advance(TimeSpan.FromSeconds(30));
        var session = await bank.LoginUpToOtpAsync(customer);
        // Nine wrong codes: one more counted failure would lock (failThreshold 10).
        for (var i = 0; i < 9; i++)
        {
            var wrong = await bank.PostAsync("/api/login/otp", new { code = WrongCode(vip) }, session);
            Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized), wrong.Text);
        }
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(9));

        _devices.Vendor.InjectFault(fault);
        var pending = bank.PostAsync("/api/login/otp", new { code = vip.SecurityCode }, session);
        if (fault is VendorFault.Delay)
        {
            // The bank is waiting on the vendor: its timeout passes on the shared virtual clock, exactly.
            await _devices.Vendor.DelayedRequestArrived;
            _clock.Advance(ShortVendorTimeout);
        }

        var refused = await pending;

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), refused.Text);
        Assert.That(refused.String("code"), Is.EqualTo("unavailable"));
        Assert.That(refused.String("message"), Is.EqualTo(VendorDownMessage));
        var token = await bank.StaffTokenViewAsync(customer.LoginId);
        Assert.That(token.GetProperty("failCount").GetInt32(), Is.EqualTo(9), "the outage counted no failure");
        Assert.That(token.GetProperty("state").GetString(), Is.EqualTo("Active"), "a tenth counted failure would have locked");

        // The vendor is back: the same code, at the same instant, passes (the fault consumed nothing).
        _devices.Vendor.ClearFault();
        var accepted = await bank.PostAsync("/api/login/otp", new { code = vip.SecurityCode }, session);

        Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK), accepted.Text);
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(0));
        var audit = await bank.AuditAsync(customer.LoginId);
        Assert.That(audit.TakeLast(11), Is.EqualTo(
            Enumerable.Repeat("ログイン ワンタイムパスワード認証 → 失敗", 9)
                .Append("ログイン ワンタイムパスワード認証 → 拒否(ベンダー障害)")
                .Append("ログイン ワンタイムパスワード認証 → 成功")));
        Assert.That(_devices.Vendor.Journal.Where(e => e.Fault is null).Select(e => e.ResponseBody).Last(), Is.EqualTo("{\"result\":\"valid\"}"));
    }

    [Test]
    public async Task A_vendor_fault_at_registration_is_refused_in_Japanese_and_the_same_code_registers_once_it_is_back()
    {
        var bank = await StartBankAsync("komatsugawa");
        var customer = await bank.OpenAccountAsync("kmg501", "kojin@komatsugawa.example.jp");
        var vip = _devices.NewPhone("kojin@phone.example.jp").InstallVipAccess(_devices.Vendor);

        _devices.Vendor.InjectFault(new VendorFault.ServerError());
        var refused = await RegisterAsync(bank, customer, vip);

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), refused.Text);
        Assert.That(refused.String("message"), Is.EqualTo(VendorDownMessage));
        Assert.That((await bank.StaffTokenViewAsync(customer.LoginId)).GetProperty("status").GetString(), Is.EqualTo("未登録"));
        var faulted = _devices.Vendor.Journal.Single();
        Assert.That(faulted.StatusCode, Is.EqualTo(500));
        Assert.That(faulted.RequestBody, Does.Contain(vip.CredentialId));

        _devices.Vendor.ClearFault();
        var registered = await RegisterAsync(bank, customer, vip);

        Assert.That(registered.Status, Is.EqualTo(HttpStatusCode.OK), registered.Text);
        Assert.That(registered.String("message"), Is.EqualTo("ワンタイムパスワードの利用登録が完了しました"));
        Assert.That(await bank.AuditAsync(customer.LoginId), Is.EqualTo(new[]
        {
            "お客様登録 → 成功",
            "ワンタイムパスワード利用登録 → 拒否(ベンダー障害)",
            "ワンタイムパスワード利用登録 → 成功",
        }));
    }

    [Test]
    public async Task One_VIP_credential_registered_at_two_banks_logs_in_at_both()
    {
        var shinkin = await StartBankAsync("shinkin");
        var komatsugawa = await StartBankAsync("komatsugawa");
        var atShinkin = await shinkin.OpenAccountAsync("skn601", "taro@example.jp");
        var atKomatsugawa = await komatsugawa.OpenAccountAsync("kmg601", "taro@example.jp");
        var vip = _devices.NewPhone("taro@phone.example.jp").InstallVipAccess(_devices.Vendor);

        Assert.That((await RegisterAsync(shinkin, atShinkin, vip)).Status, Is.EqualTo(HttpStatusCode.OK));
        _clock.Advance(TimeSpan.FromSeconds(30));
        // SKN-03: already registered at another bank, it may be registered here too.
        var second = await RegisterAsync(komatsugawa, atKomatsugawa, vip);
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.Text);

        _clock.Advance(TimeSpan.FromSeconds(30));
        var code = vip.SecurityCode;
        var shinkinSession = await shinkin.LoginUpToOtpAsync(atShinkin);
        Assert.That((await shinkin.PostAsync("/api/login/otp", new { code }, shinkinSession)).Status, Is.EqualTo(HttpStatusCode.OK));

        // The vendor keeps one used-step record per credential, whichever bank asks: the code just used
        // at the other bank is refused here (CONTRACTS.md §3), and counted as a wrong code.
        var komatsugawaSession = await komatsugawa.LoginUpToOtpAsync(atKomatsugawa);
        var replay = await komatsugawa.PostAsync("/api/login/otp", new { code }, komatsugawaSession);
        Assert.That(replay.Status, Is.EqualTo(HttpStatusCode.Unauthorized), replay.Text);
        Assert.That(replay.String("code"), Is.EqualTo("otp_rejected"));

        _clock.Advance(TimeSpan.FromSeconds(30));
        var next = await komatsugawa.PostAsync("/api/login/otp", new { code = vip.SecurityCode }, komatsugawaSession);
        Assert.That(next.Status, Is.EqualTo(HttpStatusCode.OK), next.Text);
        Assert.That(await komatsugawa.FailCountAsync(atKomatsugawa.LoginId), Is.EqualTo(0));
        Assert.That(_devices.Vendor.Journal.Select(e => e.ResponseBody), Is.EqualTo(new[]
        {
            "{\"result\":\"valid\"}", "{\"result\":\"valid\"}", "{\"result\":\"valid\"}", "{\"result\":\"invalid\"}", "{\"result\":\"valid\"}",
        }));
    }

    [TestCase("pc", "otp")]
    [TestCase("smartphone", "otp")]
    [TestCase("mobile", "menu")]
    public async Task A_registered_VIP_credential_is_asked_at_login_except_on_the_feature_phone_mobile_IB(string channel, string next)
    {
        var bank = await StartBankAsync("shinkin");
        var customer = await bank.OpenAccountAsync("skn701", "hanako@shinkin.example.jp");
        var vip = _devices.NewPhone("hanako@phone.example.jp").InstallVipAccess(_devices.Vendor);
        Assert.That((await RegisterAsync(bank, customer, vip)).Status, Is.EqualTo(HttpStatusCode.OK));

        // SKN-04: モバイルIB (its own entrance) logs in with id + password only, even with OTP registered; the PC and smartphone ask it.
        var login = channel == "mobile"
            ? await bank.PostAsync("/api/mobile/login", new { loginId = customer.LoginId, password = customer.Password })
            : await bank.LoginAsync(customer, channel);

        Assert.That(login.Status, Is.EqualTo(HttpStatusCode.OK), login.Text);
        Assert.That(login.String("next"), Is.EqualTo(next));
    }

    [Test]
    public async Task A_new_phone_registers_at_shinkin_only_after_利用停止_on_the_old_one()
    {
        var bank = await StartBankAsync("shinkin");
        var customer = await bank.OpenAccountAsync("skn801", "jiro@shinkin.example.jp");
        var oldVip = _devices.NewPhone("jiro-old@phone.example.jp").InstallVipAccess(_devices.Vendor);
        var newVip = _devices.NewPhone("jiro-new@phone.example.jp").InstallVipAccess(_devices.Vendor);
        Assert.That((await RegisterAsync(bank, customer, oldVip)).Status, Is.EqualTo(HttpStatusCode.OK));

        // SKN-02: one credential at a time; SKN-07: 利用停止 on the old device first.
        _clock.Advance(TimeSpan.FromSeconds(30));
        var refused = await RegisterAsync(bank, customer, newVip);
        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Conflict), refused.Text);
        Assert.That(refused.String("message"), Is.EqualTo("ワンタイムパスワードは既に利用登録されています。端末を変更する場合は、旧端末で利用停止を行ってから利用登録を行ってください。"));

        var stopped = await bank.PostAsync("/api/vip/stop", new { loginId = customer.LoginId, password = customer.Password, securityCode = oldVip.SecurityCode });
        Assert.That(stopped.Status, Is.EqualTo(HttpStatusCode.OK), stopped.Text);
        Assert.That(stopped.String("message"), Is.EqualTo("ワンタイムパスワードの利用停止が完了しました。"));
        var registered = await RegisterAsync(bank, customer, newVip);
        Assert.That(registered.Status, Is.EqualTo(HttpStatusCode.OK), registered.Text);

        _clock.Advance(TimeSpan.FromSeconds(30));
        var session = await bank.LoginUpToOtpAsync(customer);
        var oldCode = await bank.PostAsync("/api/login/otp", new { code = oldVip.SecurityCode }, session);
        Assert.That(oldCode.Status, Is.EqualTo(HttpStatusCode.Unauthorized), oldCode.Text);
        var newCode = await bank.PostAsync("/api/login/otp", new { code = newVip.SecurityCode }, session);
        Assert.That(newCode.Status, Is.EqualTo(HttpStatusCode.OK), newCode.Text);
        Assert.That((await bank.StaffTokenViewAsync(customer.LoginId)).GetProperty("credentialId").GetString(), Is.EqualTo(newVip.CredentialId));
    }

    private async Task<LiveBank> StartBankAsync(string profile, TimeSpan? vendorTimeout = null)
    {
        var bank = await LiveBank.StartAsync(profile, _clock, _devices, vendorTimeout);
        _banks.Add(bank);
        return bank;
    }

    /// <summary>利用登録 from the login screen (KMG-03, SKN-05): 契約者ID + ログインパスワード, トークンID + the app's code.</summary>
    private static Task<Reply> RegisterAsync(LiveBank bank, Customer customer, VipAccessApp vip) =>
        bank.PostAsync("/api/vip/register", new
        {
            loginId = customer.LoginId,
            password = customer.Password,
            credentialId = vip.CredentialId,
            securityCode = vip.SecurityCode,
        });

    /// <summary>Six digits that the vendor's window (the app's step ±1) does not hold.</summary>
    private string WrongCode(VipAccessApp vip)
    {
        var generator = vip.Credential.Generator;
        var step = generator.StepAt(_clock.GetUtcNow());
        var valid = new[] { generator.CodeForStep(step - 1), generator.CodeForStep(step), generator.CodeForStep(step + 1) };
        return Enumerable.Range(0, 4).Select(n => n.ToString("D6", CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }
}
