using System.Net;

namespace Harness.Bank.Tests;

/// <summary>
/// No device choice skips the OTP (the login page had 「ご利用の端末」 whose 携帯電話（モバイルIB） / スマートフォン logged a customer
/// with OTP in use into the full menu); shinkin's モバイルIB is its own entrance that may only look (SKN-04); akita after 利用停止
/// logs in with ID + password only to issue a new token, nothing else (AKT-07).
/// </summary>
public sealed class OtpBypassTests
{
    private const string MobileIbRefused =
        "モバイルIBではこのお取引はご利用いただけません。パソコンまたはスマートフォンからログインしてご利用ください。";
    private const string StoppedRefused =
        "ワンタイムパスワードが利用停止となっているため、新しいトークンの利用開始まで、このお取引はご利用いただけません。「ワンタイムパスワード申請」からトークン発行とワンタイムパスワード利用開始を行ってください。";

    /// <summary>Puts a token in use for the customer, the bank's own way (VIP Access registration or the soft-token path).</summary>
    private static async Task TokenInUseAsync(TestBank bank, DemoCustomer customer)
    {
        if (bank.Host.Profile.Offers(Harness.Bank.Tokens.TokenKind.Vip))
        {
            var app = bank.Vendor.NewCredential("VSMT12345678");
            var register = await bank.PostAsync("/api/vip/register",
                new { loginId = customer.LoginId, password = customer.Password, credentialId = "VSMT12345678", securityCode = app.CodeNow() });
            Assert.That(register.Status, Is.EqualTo(HttpStatusCode.OK), register.Text);
        }
        else
        {
            await bank.ActiveSoftTokenAsync(customer);
        }
    }

    [TestCase("akita")]
    [TestCase("kyoei")]
    [TestCase("komatsugawa")]
    [TestCase("aomori")]
    [TestCase("shinkin")]
    public async Task Every_channel_of_the_login_api_asks_the_otp_of_a_customer_with_a_token_in_use(string profile)
    {
        await using var bank = await TestBank.StartAsync(profile);
        var customer = bank.Host.DemoCustomers[0];
        await TokenInUseAsync(bank, customer);

        var nexts = new List<string>();
        foreach (var channel in new[] { "pc", "smartphone", "mobile" })
        {
            nexts.Add((await bank.LoginAsync(customer, channel)).String("next"));
        }
        var withoutChannel = await bank.PostAsync("/api/login", new { loginId = customer.LoginId, password = customer.Password });
        var mobile = await bank.LoginAsync(customer, "mobile");

        Assert.That(nexts, Is.EqualTo(new[] { "otp", "otp", "otp" }));
        Assert.That(withoutChannel.String("next"), Is.EqualTo("otp"));
        Assert.That((await bank.GetAsync("/api/me", mobile.String("sessionId"))).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await bank.PostAsync("/api/transfers/prepare", new { }, mobile.String("sessionId"))).Code, Is.EqualTo("not_logged_in"));
    }

    [Test]
    public async Task An_unknown_channel_is_refused_in_japanese()
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];

        var reply = await bank.LoginAsync(customer, "featurephone");

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(reply.Code, Is.EqualTo("invalid_input"));
        Assert.That(reply.Message, Is.EqualTo("ご利用の端末（channel）の指定が正しくありません。pc、smartphone、mobile のいずれかを指定してください。"));
    }

    [TestCase("akita")]
    [TestCase("kyoei")]
    [TestCase("komatsugawa")]
    public async Task The_login_page_has_no_device_choice_and_a_posted_channel_still_leads_to_the_otp(string profile)
    {
        await using var bank = await TestBank.StartAsync(profile);
        var customer = bank.Host.DemoCustomers[0];
        await TokenInUseAsync(bank, customer);
        using var browser = new ScreenTests.Browser(bank);

        var page = await browser.GetAsync("/login");
        using var posted = await browser.SubmitAsync("/login", ("loginId", customer.LoginId), ("password", customer.Password), ("channel", "mobile"));
        using var menu = await browser.GetResponseAsync("/menu");

        Assert.That(page, Does.Not.Contain("ご利用の端末").And.Not.Contain("name=\"channel\"").And.Not.Contain("モバイルIB"));
        Assert.That(posted.Headers.Location!.ToString(), Is.EqualTo("/login/otp"));
        Assert.That(menu.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(menu.Headers.Location!.ToString(), Is.EqualTo("/login"));
    }

    [TestCase("akita")]
    [TestCase("kyoei")]
    [TestCase("komatsugawa")]
    [TestCase("aomori")]
    public async Task Only_a_bank_with_mobile_ib_has_its_entrance(string profile)
    {
        await using var bank = await TestBank.StartAsync(profile);
        var customer = bank.Host.DemoCustomers[0];
        using var browser = new ScreenTests.Browser(bank);

        var api = await bank.PostAsync("/api/mobile/login", new { loginId = customer.LoginId, password = customer.Password });
        using var page = await browser.GetResponseAsync("/mobile/login");
        await browser.GetAsync("/login");
        using var posted = await browser.SubmitAsync("/mobile/login", ("loginId", customer.LoginId), ("password", customer.Password));

        Assert.That((api.Status, api.Message), Is.EqualTo((HttpStatusCode.NotFound, "モバイルIBはお取り扱いしておりません。")));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(posted.Headers.Contains("Set-Cookie"), Is.False);
    }

    [Test]
    public async Task Shinkin_mobile_ib_logs_in_without_the_otp_and_may_only_look()
    {
        await using var bank = await TestBank.StartAsync("shinkin");
        var customer = bank.Host.DemoCustomers[0];
        await TokenInUseAsync(bank, customer);

        var login = await bank.PostAsync("/api/mobile/login", new { loginId = customer.LoginId, password = customer.Password });
        var session = login.String("sessionId");
        var me = await bank.GetAsync("/api/me", session);
        var otpStatus = await bank.GetAsync("/api/otp", session);
        var refused = new[]
        {
            await bank.PostAsync("/api/transfers/prepare", new { }, session),
            await bank.PostAsync("/api/transfers", new { amountYen = "1000", confirmationPassword = customer.ConfirmationPassword }, session),
            await bank.PostAsync("/api/payees", new { }, session),
            await bank.PostAsync("/api/limit", new { limitYen = "100", confirmationPassword = customer.ConfirmationPassword }, session),
            await bank.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword }, session),
            await bank.PostAsync("/api/otp/soft", new { }, session),
            await bank.PostAsync("/api/otp/activate", new { code = "123456" }, session),
            await bank.PostAsync("/api/settings/mail-password", new { use = true }, session),
        };
        var loginOtp = await bank.PostAsync("/api/login/otp", new { code = "123456" }, session);

        Assert.That(login.Status, Is.EqualTo(HttpStatusCode.OK), login.Text);
        Assert.That(login.String("next"), Is.EqualTo("menu"));
        Assert.That(me.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(otpStatus.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.Select(r => (r.Status, r.Code, r.Message)),
            Is.All.EqualTo((HttpStatusCode.Forbidden, "mobile_ib_not_offered", MobileIbRefused)));
        Assert.That(loginOtp.Code, Is.EqualTo("not_logged_in"), "a モバイルIB session is not one waiting for the OTP");
        Assert.That((await bank.TokenStateAsync(customer.LoginId)), Is.EqualTo("Active"));
    }

    [Test]
    public async Task Shinkin_mobile_ib_screens_offer_no_transaction()
    {
        await using var bank = await TestBank.StartAsync("shinkin");
        var customer = bank.Host.DemoCustomers[0];
        await TokenInUseAsync(bank, customer);
        using var browser = new ScreenTests.Browser(bank);

        var page = await browser.GetAsync("/mobile/login");
        using var posted = await browser.SubmitAsync("/mobile/login", ("loginId", customer.LoginId), ("password", customer.Password));
        var menu = await browser.GetAsync("/menu");
        using var transfers = await browser.GetResponseAsync("/transfers");
        var transfersPage = browser.LastPage;
        using var limit = await browser.GetResponseAsync("/limit");
        var limitPage = browser.LastPage;

        Assert.That(page, Does.Contain("<h1>モバイルIB ログイン</h1>").And.Contain($"<label for=\"loginId\">{bank.Host.Profile.Texts.LoginIdLabel}</label>"));
        Assert.That(posted.Headers.Location!.ToString(), Is.EqualTo("/menu"));
        Assert.That(menu, Does.Contain("<h1>メニュー</h1>").And.Contain(MobileIbRefused));
        Assert.That(menu, Does.Not.Contain("href=\"/transfers\"").And.Not.Contain("href=\"/limit\""));
        Assert.That(transfers.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(transfersPage, Does.Contain(MobileIbRefused));
        Assert.That(limit.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(limitPage, Does.Contain(MobileIbRefused));
    }

    [Test]
    public async Task Akita_after_stop_the_id_and_password_session_may_only_issue_and_start_a_new_token()
    {
        await using var bank = await TestBank.StartAsync("akita");
        var customer = bank.Host.DemoCustomers[0];
        await bank.ActiveSoftTokenAsync(customer);
        Assert.That((await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/stop")).Status, Is.EqualTo(HttpStatusCode.OK));

        var login = await bank.LoginAsync(customer);
        var session = login.String("sessionId");
        var refused = new[]
        {
            await bank.PostAsync("/api/transfers/prepare", new { }, session),
            await bank.PostAsync("/api/transfers", new { amountYen = "1000", confirmationPassword = customer.ConfirmationPassword }, session),
            await bank.PostAsync("/api/payees", new { }, session),
            await bank.PostAsync("/api/limit", new { limitYen = "100", confirmationPassword = customer.ConfirmationPassword }, session),
            await bank.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword }, session),
            await bank.PostAsync("/api/settings/mail-password", new { use = true }, session),
        };
        var me = await bank.GetAsync("/api/me", session);
        var issue = await bank.PostAsync("/api/otp/soft", new
        {
            mailAddress = "new-" + customer.Email,
            mailAddressConfirm = "new-" + customer.Email,
            activationPassword = "5678",
            activationPasswordConfirm = "5678",
            confirmationPassword = customer.ConfirmationPassword,
        }, session);
        var app = await bank.ProvisionAsync(bank.Outbox.LastValue("new-" + customer.Email, "サービスID"),
            bank.Outbox.LastValue("new-" + customer.Email, "ユーザID"), "5678", "phone-2");
        var stillRefused = await bank.PostAsync("/api/transfers/prepare", new { }, session);
        var activate = await bank.PostAsync("/api/otp/activate", new { code = app.CodeNow() }, session);
        var afterActivation = await bank.PostAsync("/api/transfers/prepare", new { }, session);
        var nextLogin = await bank.LoginAsync(customer);

        Assert.That(login.String("next"), Is.EqualTo("menu"));
        Assert.That(refused.Select(r => (r.Status, r.Code, r.Message)), Is.All.EqualTo((HttpStatusCode.Forbidden, "otp_stopped", StoppedRefused)));
        Assert.That(me.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(issue.Status, Is.EqualTo(HttpStatusCode.OK), issue.Text);
        Assert.That(stillRefused.Code, Is.EqualTo("otp_stopped"), "an issued token is not yet in use");
        Assert.That(activate.Status, Is.EqualTo(HttpStatusCode.OK), activate.Text);
        Assert.That(afterActivation.Status, Is.EqualTo(HttpStatusCode.OK), afterActivation.Text);
        Assert.That(nextLogin.String("next"), Is.EqualTo("otp"));
    }

    [Test]
    public async Task Akita_after_stop_the_menu_offers_the_otp_application_and_refuses_transfers_on_screen()
    {
        await using var bank = await TestBank.StartAsync("akita");
        var customer = bank.Host.DemoCustomers[0];
        await bank.ActiveSoftTokenAsync(customer);
        await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/stop");
        using var browser = new ScreenTests.Browser(bank);

        await browser.GetAsync("/login");
        using var posted = await browser.SubmitAsync("/login", ("loginId", customer.LoginId), ("password", customer.Password));
        var menu = await browser.GetAsync("/menu");
        using var bop001 = await browser.GetResponseAsync("/otp");
        using var softInput = await browser.GetResponseAsync("/otp/soft");
        using var transfers = await browser.GetResponseAsync("/transfers");
        var transfersPage = browser.LastPage;
        using var mailPassword = await browser.GetResponseAsync("/settings/mail-password");

        Assert.That(posted.Headers.Location!.ToString(), Is.EqualTo("/menu"));
        Assert.That(menu, Does.Contain("href=\"/otp\"").And.Contain(StoppedRefused));
        Assert.That(menu, Does.Not.Contain("href=\"/transfers\"").And.Not.Contain("href=\"/limit\"").And.Not.Contain("href=\"/settings/mail-password\""));
        Assert.That((bop001.StatusCode, softInput.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(transfers.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(transfersPage, Does.Contain(StoppedRefused));
        Assert.That(mailPassword.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Akita_after_cancel_at_the_counter_or_without_any_token_nothing_is_refused()
    {
        await using var bank = await TestBank.StartAsync("akita");
        var cancelled = bank.Host.DemoCustomers[0];
        var never = await bank.NewCustomerAsync("never01");
        await bank.ActiveSoftTokenAsync(cancelled);
        await bank.PostAsync($"/staff/api/customers/{cancelled.LoginId}/otp/cancel");

        var afterCancel = await bank.PostAsync("/api/transfers/prepare", new { }, (await bank.LoginAsync(cancelled)).String("sessionId"));
        var withoutToken = await bank.PostAsync("/api/transfers/prepare", new { }, (await bank.LoginAsync(never)).String("sessionId"));

        Assert.That(afterCancel.Status, Is.EqualTo(HttpStatusCode.OK), afterCancel.Text);
        Assert.That(withoutToken.Status, Is.EqualTo(HttpStatusCode.OK), withoutToken.Text);
    }
}
