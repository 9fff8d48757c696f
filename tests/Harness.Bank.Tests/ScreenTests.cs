using System.Net;
using System.Text.RegularExpressions;

namespace Harness.Bank.Tests;

/// <summary>The Japanese screens: labels, OTP inputs, antiforgery, the session cookie, a click-through.</summary>
public sealed partial class ScreenTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>A browser: keeps cookies, does not follow redirects so each answer can be read.</summary>
    internal sealed class Browser(TestBank bank) : IDisposable
    {
        private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(bank.Host.BaseUrl),
        };

        public string LastPage { get; private set; } = "";

        public async Task<string> GetAsync(string path)
        {
            using var response = await GetResponseAsync(path);
            return LastPage;
        }

        public async Task<HttpResponseMessage> GetResponseAsync(string path)
        {
            var response = await _http.GetAsync(path);
            LastPage = await response.Content.ReadAsStringAsync();
            return response;
        }

        /// <summary>Submits a form of the last page (with its antiforgery token).</summary>
        public async Task<HttpResponseMessage> SubmitAsync(string action, params (string Name, string Value)[] fields)
        {
            var token = TokenField().Match(LastPage).Groups[1].Value;
            var values = fields.Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2));
            var response = await _http.PostAsync(action, new FormUrlEncodedContent(values));
            LastPage = await response.Content.ReadAsStringAsync();
            return response;
        }

        public void Dispose() => _http.Dispose();
    }

    [Test]
    public async Task The_login_screens_label_every_input_and_mark_the_otp_input_for_phones()
    {
        await using var bank = await TestBank.StartAsync("akita");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        using var browser = new Browser(bank);

        var login = await browser.GetAsync("/login");
        using var posted = await browser.SubmitAsync("/login", ("loginId", customer.LoginId), ("password", customer.Password), ("channel", "pc"));
        var setCookie = posted.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bank_session=", StringComparison.Ordinal));
        var otpPage = await browser.GetAsync(posted.Headers.Location!.ToString());
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        using var otp = await browser.SubmitAsync("/login/otp", ("otp", app.CodeNow()));
        var menu = await browser.GetAsync(otp.Headers.Location!.ToString());
        var bop001 = await browser.GetAsync("/otp");

        Assert.That(login, Does.Contain("<label for=\"loginId\">ログインID</label>").And.Contain("<label for=\"password\">ログインパスワード</label>"));
        Assert.That(login, Does.Contain("<title>ログイン | 秋田県信用組合</title>"));
        Assert.That(posted.Headers.Location!.ToString(), Is.EqualTo("/login/otp"));
        Assert.That(setCookie, Does.Contain("httponly").And.Contain("samesite=strict"));
        Assert.That(otpPage, Does.Contain("<h1>ワンタイムパスワード認証</h1>"));
        Assert.That(otpPage, Does.Contain("<label for=\"otp\">ワンタイムパスワード <small>（半角数字8桁）</small></label>"));
        Assert.That(otpPage, Does.Contain("autocomplete=\"one-time-code\" inputmode=\"numeric\""));
        Assert.That(otp.Headers.Location!.ToString(), Is.EqualTo("/menu"));
        Assert.That(menu, Does.Contain("<h1>トップページ</h1>").And.Contain("ワンタイムパスワード申請").And.Contain("ご利用サービスの変更").And.Contain("振込・振替"));
        Assert.That(bop001, Does.Contain("<h1>ワンタイムパスワード申請内容選択</h1>").And.Contain("<tr><th>ワンタイムパスワード登録状況</th><td>サービス利用中</td></tr>"));
        Assert.That(bop001, Does.Not.Contain("画面ID"), "only the aomori manual prints screen ids");
        Assert.That(otpPage, Does.Contain("<button type=\"submit\">ログイン</button>"));
    }

    [Test]
    public async Task A_form_without_the_antiforgery_token_is_refused_and_each_login_gets_a_new_session_id()
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];
        using var browser = new Browser(bank);
        var form = new FormUrlEncodedContent([new("loginId", customer.LoginId), new("password", customer.Password)]);

        using var forged = await bank.Http.PostAsync("/login", form);
        await browser.GetAsync("/login");
        using var first = await browser.SubmitAsync("/login", ("loginId", customer.LoginId), ("password", customer.Password));
        await browser.GetAsync("/login");
        using var second = await browser.SubmitAsync("/login", ("loginId", customer.LoginId), ("password", customer.Password));
        string SessionOf(HttpResponseMessage r) => r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bank_session=", StringComparison.Ordinal)).Split(';')[0];

        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(first.Headers.Location!.ToString(), Is.EqualTo("/menu"));
        Assert.That(SessionOf(first), Is.Not.EqualTo(SessionOf(second)));
    }

    [Test]
    public async Task The_aomori_keyfob_screens_show_their_screen_ids()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);
        await PskcFile.ImportAsync(bank, PskcFile.Of(("101199980021", new byte[20], TestBank.Start.AddDays(1000))));
        await bank.PostAsync("/api/otp/hard", new { confirmationPassword = customer.ConfirmationPassword }, session);
        await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/keyfobs/post", new { serialNo = "101199980021" });
        var keyfob = new SoftApp(new byte[20], 6, 60, bank.Clock);
        using var browser = new Browser(bank);
        await browser.GetAsync("/login");
        await browser.SubmitAsync("/login", ("loginId", customer.LoginId), ("password", customer.Password));

        var select = await browser.GetAsync("/otp/issue");
        var bok501 = await browser.GetAsync("/otp/activate");
        using var activated = await browser.SubmitAsync("/otp/activate", ("serialNo", "101199980021"), ("otp", keyfob.CodeNow()));
        var bok502 = browser.LastPage;

        Assert.That(select, Does.Contain("画面ID : BOT010").And.Contain("ハードウェアトークン (キーホルダー型の生成機に表示する方法)"));
        Assert.That(bok501, Does.Contain("画面ID : BOK501").And.Contain("<label for=\"serialNo\">シリアル番号 <small>【必須】（半角数字8～12桁）</small></label>"));
        Assert.That(activated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(bok502, Does.Contain("画面ID : BOK502").And.Contain("<tr><th>シリアル番号</th><td>101199980021</td></tr>"));
        Assert.That(bok502, Does.Contain("以下の内容でワンタイムパスワード利用開始登録を受けました。"));
    }

    /// <summary>AOM-17 on screen: with no token known, BOK501 still asks the シリアル番号, so a deactivated keyfob is refused by it.</summary>
    [Test]
    public async Task The_aomori_activation_screen_refuses_a_deactivated_keyfob_by_its_serial()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);
        var keyfob = await PskcFile.ActiveKeyfobAsync(bank, customer, session, "101199980021", TestBank.Start.AddDays(1000));
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        await bank.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword, code = keyfob.CodeNow() }, session);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        using var browser = new Browser(bank);
        await browser.GetAsync("/login");
        await browser.SubmitAsync("/login", ("loginId", customer.LoginId), ("password", customer.Password));

        var bok501 = await browser.GetAsync("/otp/activate");
        using var again = await browser.SubmitAsync("/otp/activate", ("serialNo", "101199980021"), ("otp", keyfob.CodeNow()));

        Assert.That(bok501, Does.Contain("画面ID : BOK501").And.Contain("<label for=\"serialNo\">シリアル番号"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(browser.LastPage, Does.Contain("利用解除済みのハードウェアトークンはご利用いただけません。ハードウェアトークンのトークン発行を行い、利用開始手続きを実施してください。"));
    }

    [Test]
    public async Task The_counter_page_lifts_a_lock_and_shows_the_audit_log()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        for (var i = 0; i < 10; i++)
        {
            await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);
        }
        using var browser = new Browser(bank);

        var before = await browser.GetAsync("/staff");
        using var unlocked = await browser.SubmitAsync("/staff/otp", ("loginId", customer.LoginId), ("op", "unlock"));

        Assert.That(before, Does.Contain($"<td>{customer.LoginId}</td>").And.Contain("<td>ロック中</td><td>10</td>"));
        Assert.That(browser.LastPage, Does.Contain($"{customer.LoginId}：ロック解除が完了しました。").And.Contain("<td>サービス利用中</td><td>0</td>"));
        Assert.That(browser.LastPage, Does.Contain("<td>staff</td><td>aomori001</td><td>ロック解除</td><td>成功</td>"));
    }

    [Test]
    public async Task The_vip_registration_screens_go_through_user_authentication_then_token_entry()
    {
        await using var bank = await TestBank.StartAsync("shinkin");
        var customer = bank.Host.DemoCustomers[0];
        var app = bank.Vendor.NewCredential("VSMT12345678");
        using var browser = new Browser(bank);

        var login = await browser.GetAsync("/login");
        var auth = await browser.GetAsync("/vip/register");
        using var step1 = await browser.SubmitAsync("/vip/register", ("loginId", customer.LoginId), ("password", customer.Password));
        var tokenPage = browser.LastPage;
        using var step2 = await browser.SubmitAsync("/vip/register/token", ("credentialId", "VSMT12345678"), ("otp", app.CodeNow()));
        var result = browser.LastPage;
        using var menu = await browser.GetResponseAsync("/menu");

        Assert.That(login, Does.Contain("ワンタイムパスワードの利用登録はこちら").And.Contain("ワンタイムパスワードの利用停止はこちら"));
        Assert.That(auth, Does.Contain("<label for=\"loginId\">契約者ID</label>"));
        Assert.That(tokenPage, Does.Contain("<label for=\"credentialId\">トークンID <small>（Credential ID）</small></label>"));
        Assert.That(step2.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(result, Does.Contain("ワンタイムパスワードの利用登録が完了しました。<br>(00001)").And.Contain("ログイン画面に戻る"));
        Assert.That(menu.Headers.Location?.ToString(), Is.EqualTo("/login"), "the registration session opens no menu");
        Assert.That(await bank.TokenStateAsync(customer.LoginId), Is.EqualTo("Active"));
    }

    [Test]
    public async Task The_soft_token_confirmation_page_keeps_the_activation_password_on_the_server_and_the_issue_completes()
    {
        // akita: an input screen and a confirmation screen (kyoei's manual prints one トークン発行 screen), after the 窓口 accepted the paper.
        await using var bank = await TestBank.StartAsync("akita");
        var customer = bank.Host.DemoCustomers[0];
        var phone = "phone-" + customer.Email;
        await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application", new { });
        using var browser = new Browser(bank);
        await browser.GetAsync("/login");
        await browser.SubmitAsync("/login", ("loginId", customer.LoginId), ("password", customer.Password));

        var input = await browser.GetAsync("/otp/soft");
        using var confirm = await browser.SubmitAsync("/otp/soft/confirm", ("mailAddress", phone), ("mailAddressConfirm", phone),
            ("activationPassword", "735194"), ("activationPasswordConfirm", "735194"));
        var confirmPage = browser.LastPage;
        using var issue = await browser.SubmitAsync("/otp/soft/issue", ("confirmationPassword", customer.ConfirmationPassword));
        var done = browser.LastPage;
        var provision = await bank.PostAsync("/app/v1/provision", new
        {
            serviceId = bank.Outbox.LastValue(phone, "サービスID"), userId = bank.Outbox.LastValue(phone, "ユーザID"), activationPassword = "735194", deviceId = "phone-1",
        });
        await browser.GetAsync("/otp/soft");
        using var replay = await browser.SubmitAsync("/otp/soft/issue", ("confirmationPassword", customer.ConfirmationPassword));

        Assert.That(input, Does.Contain("<label for=\"activationPassword\">利用開始パスワード"));
        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(confirmPage, Does.Contain("トークン発行（ソフトウェアトークン発行情報入力内容確認）").And.Contain(phone));
        Assert.That(confirmPage, Does.Not.Contain("735194"));
        Assert.That(confirmPage, Does.Not.Contain("name=\"activationPassword\""));
        Assert.That(issue.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(done, Does.Contain("トークン発行を受け付けました。").And.Contain(phone));
        Assert.That(provision.Status, Is.EqualTo(HttpStatusCode.OK), "the app's 初期設定 takes the password entered on the input screen: " + provision.Text);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(browser.LastPage, Does.Contain("発行情報の入力からやり直して下さい。"));
    }
}
