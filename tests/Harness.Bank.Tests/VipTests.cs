using System.Net;

namespace Harness.Bank.Tests;

/// <summary>KMG-01..06, SKN-01..08: VIP Access credentials validated by the vendor.</summary>
public sealed class VipTests
{
    private static async Task<Reply> RegisterAsync(TestBank bank, DemoCustomer customer, string credentialId, SoftApp app) =>
        await bank.PostAsync("/api/vip/register", new
        {
            loginId = customer.LoginId,
            password = customer.Password,
            credentialId,
            securityCode = app.CodeNow(),
        });

    [Test]
    public async Task Registration_from_the_login_screen_then_login_asks_the_security_code()
    {
        await using var bank = await TestBank.StartAsync("shinkin");
        var customer = bank.Host.DemoCustomers[0];
        var app = bank.Vendor.NewCredential("VSMT12345678");

        var register = await RegisterAsync(bank, customer, "VSMT12345678", app);
        bank.Clock.Advance(TimeSpan.FromSeconds(30));
        var login = await bank.LoginAsync(customer);
        var otp = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, login.String("sessionId"));

        Assert.That(register.Message, Is.EqualTo("ワンタイムパスワードの利用登録が完了しました。"));
        Assert.That(register.String("messageCode"), Is.EqualTo("00001"));
        Assert.That(login.String("next"), Is.EqualTo("otp"));
        Assert.That(otp.Status, Is.EqualTo(HttpStatusCode.OK), otp.Text);
    }

    [Test]
    public async Task Shinkin_allows_one_credential_per_customer_until_it_is_stopped()
    {
        await using var bank = await TestBank.StartAsync("shinkin");
        var customer = bank.Host.DemoCustomers[0];
        var first = bank.Vendor.NewCredential("VSMT12345678");
        var second = bank.Vendor.NewCredential("VSST87654321");
        await RegisterAsync(bank, customer, "VSMT12345678", first);

        var refused = await RegisterAsync(bank, customer, "VSST87654321", second);
        bank.Clock.Advance(TimeSpan.FromSeconds(30));
        var stop = await bank.PostAsync("/api/vip/stop", new { loginId = customer.LoginId, password = customer.Password, securityCode = first.CodeNow() });
        var after = await RegisterAsync(bank, customer, "VSST87654321", second);

        Assert.That(refused.Code, Is.EqualTo("token_exists"));
        Assert.That(stop.Message, Is.EqualTo("ワンタイムパスワードの利用停止が完了しました。"));
        Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), after.Text);
        Assert.That((await bank.GetAsync($"/staff/api/customers/{customer.LoginId}")).Json.GetProperty("otp").GetProperty("credentialId").GetString(),
            Is.EqualTo("VSST87654321"));
    }

    [Test]
    public async Task Komatsugawa_exchanges_the_credential_through_the_same_registration()
    {
        await using var bank = await TestBank.StartAsync("komatsugawa");
        var customer = bank.Host.DemoCustomers[0];
        var old = bank.Vendor.NewCredential("VSMT12345678");
        var replacement = bank.Vendor.NewCredential("VSMT11112222");
        await RegisterAsync(bank, customer, "VSMT12345678", old);

        var exchange = await RegisterAsync(bank, customer, "VSMT11112222", replacement);
        var tokens = (await bank.GetAsync($"/staff/api/customers/{customer.LoginId}")).Json.GetProperty("tokens")
            .EnumerateArray().Select(t => (t.GetProperty("credentialId").GetString(), t.GetProperty("state").GetString())).ToList();

        Assert.That(exchange.Message, Is.EqualTo("ワンタイムパスワードの利用登録が完了しました"));
        Assert.That(tokens, Is.EqualTo(new[] { ("VSMT12345678", "Stopped"), ("VSMT11112222", "Active") }));
    }

    [Test]
    public async Task The_same_credential_may_be_registered_at_another_bank_too()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestBank.Start);
        await using var here = await TestBank.StartAsync("shinkin", clock);
        await using var there = await TestBank.StartAsync("komatsugawa", clock);
        var appHere = here.Vendor.NewCredential("VSMT12345678");
        var appThere = there.Vendor.NewCredential("VSMT12345678");

        var a = await RegisterAsync(here, here.Host.DemoCustomers[0], "VSMT12345678", appHere);
        var b = await RegisterAsync(there, there.Host.DemoCustomers[0], "VSMT12345678", appThere);

        Assert.That((a.Status, b.Status), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
    }

    [Test]
    public async Task A_feature_phone_logs_in_with_id_and_password_only()
    {
        await using var bank = await TestBank.StartAsync("shinkin");
        var customer = bank.Host.DemoCustomers[0];
        await RegisterAsync(bank, customer, "VSMT12345678", bank.Vendor.NewCredential("VSMT12345678"));

        var mobile = await bank.PostAsync("/api/mobile/login", new { loginId = customer.LoginId, password = customer.Password });
        var mobileChannelAtTheMainLogin = await bank.LoginAsync(customer, "mobile");
        var smartphone = await bank.LoginAsync(customer, "smartphone");

        Assert.That(mobile.String("next"), Is.EqualTo("menu"));
        Assert.That(mobileChannelAtTheMainLogin.String("next"), Is.EqualTo("otp"), "the main login asks the OTP whatever device it names");
        Assert.That(smartphone.String("next"), Is.EqualTo("otp"));
        Assert.That((await bank.GetAsync("/api/me", mobile.String("sessionId"))).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_corporate_customer_is_refused_the_desktop_credential()
    {
        await using var bank = await TestBank.StartAsync("komatsugawa");
        var corporate = bank.Host.DemoCustomers.Single(c => c.Kind == "Corporate");

        var desktop = await RegisterAsync(bank, corporate, "VSST12345678", bank.Vendor.NewCredential("VSST12345678"));
        var mobile = await RegisterAsync(bank, corporate, "VSMT12345678", bank.Vendor.NewCredential("VSMT12345678"));

        Assert.That(desktop.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(desktop.Message, Is.EqualTo("法人のお客様はパソコン版のソフトウェアトークンをご利用いただけません。スマートフォン版をご利用ください。"));
        Assert.That(mobile.Status, Is.EqualTo(HttpStatusCode.OK), mobile.Text);
    }

    [TestCase("komatsugawa")]
    [TestCase("shinkin")]
    public async Task A_vendor_outage_refuses_the_login_and_counts_no_failure(string profile)
    {
        await using var bank = await TestBank.StartAsync(profile);
        var customer = bank.Host.DemoCustomers[0];
        var app = bank.Vendor.NewCredential("VSMT12345678");
        await RegisterAsync(bank, customer, "VSMT12345678", app);
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        await bank.PostAsync("/api/login/otp", new { code = "000000" == app.CodeNow() ? "111111" : "000000" }, session);

        bank.Vendor.Down = true;
        var outage = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session);

        Assert.That(outage.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(outage.Message, Is.EqualTo("現在ワンタイムパスワードの認証を行うことができません。しばらくしてから再度お試しください。"));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(1));
    }

    [TestCase("komatsugawa")]
    [TestCase("shinkin")]
    public async Task Ten_wrong_security_codes_lock_and_only_the_counter_unlocks(string profile)
    {
        await using var bank = await TestBank.StartAsync(profile);
        var customer = bank.Host.DemoCustomers[0];
        var app = bank.Vendor.NewCredential("VSMT12345678");
        await RegisterAsync(bank, customer, "VSMT12345678", app);
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        for (var i = 0; i < 10; i++)
        {
            await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);
        }
        bank.Clock.Advance(TimeSpan.FromSeconds(30));
        var calls = bank.Vendor.Calls;

        var locked = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session);
        var unlock = await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/unlock");
        var after = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session);

        Assert.That(locked.Code, Is.EqualTo("otp_locked"));
        Assert.That(calls, Is.EqualTo(11), "the locked attempt never reached the vendor");
        Assert.That(unlock.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), after.Text);
    }
}
