using System.Text;
using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Harness.Devices.Vendor;
using Harness.Devices.VipAccess;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>The VIP Access apps the customer holds in a scenario: the one in use and, after a change of device, the old one.</summary>
public sealed class VipDevices
{
    public VipAccessApp? Old { get; set; }
}

/// <summary>VIP Access (小松川信用金庫・信用金庫): installing the app, 利用登録/交換 and 利用停止 from the login screen, the bank's
/// stop on the customer's call, another bank using the same credential, and the RFC seed.</summary>
[System.ComponentModel.Category("VIP Access")]
[Binding]
public sealed class VIPAccessSteps(IBankDriver driver, Setup setup, World world, LastOutcome last, VipDevices devices, OtherBank other, Manual manual)
{
    /// <summary>RFC 4226 Appendix D / RFC 6238 Appendix B: the ASCII string "12345678901234567890" (HMAC-SHA1).</summary>
    public const string RfcSeed = "12345678901234567890";

    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    private VipAccessApp App => Customer.Vip ?? throw new InvalidOperationException("お客様は VIP Access をインストールしていません。");

    [System.ComponentModel.Description("お客様を法人のお客様として窓口で登録しておく (前提は API で用意)。komatsugawa・API/画面")]
    [Given("お客様が法人のお客様として窓口で登録されている")]
    public Task 法人() => setup.RegisterCorporateCustomerAsync();

    [System.ComponentModel.Description("お客様がパソコン (デスクトップ型 VSST…) かスマートフォン (モバイル用 VSMT…) に VIP Access を入れている。komatsugawa, shinkin・API/画面")]
    [Given("^お客様が(パソコン|スマートフォン)に VIP Access をインストールしている$")]
    public Task インストールしている(string terminal) =>
        setup.InstallVipAccessAsync(terminal == "パソコン" ? VipCredentialKind.Desktop : VipCredentialKind.Mobile);

    [System.ComponentModel.Description("シードとトークンIDを決めた VIP Access をスマートフォンに入れる (RFC のテストベクタ用)。komatsugawa, shinkin・API/画面")]
    [Given("お客様がスマートフォンにシード {string} の VIP Access \\(トークンID {string}\\) をインストールしている")]
    public Task シードを指定してインストール(string seed, string credentialId) =>
        setup.InstallVipAccessWithSeedAsync(credentialId, Encoding.ASCII.GetBytes(seed));

    [System.ComponentModel.Description("ログイン画面から、書いたトークンIDとセキュリティコードそのままで利用登録する (値を決めて試すとき)。komatsugawa, shinkin・API/画面")]
    [When("ログイン画面からトークンID {string} とセキュリティコード {string} で利用登録する")]
    public async Task コードを指定して利用登録(string credentialId, string securityCode) =>
        last.Value = await driver.RegisterVipAsync(Customer.LoginId, Customer.Password, credentialId, securityCode);

    [System.ComponentModel.Description("RFC 4226/6238 のシード「12345678901234567890」の VIP Access を入れて銀行に利用登録しておく。komatsugawa, shinkin・API/画面")]
    [Given("お客様が RFC のシードの VIP Access でワンタイムパスワードを利用登録している")]
    public async Task RFCのシード()
    {
        await setup.InstallVipAccessWithSeedAsync("VSMT00004226", Encoding.ASCII.GetBytes(RfcSeed));
        await setup.RegisterVipAtBankAsync();
    }

    /// <summary>SKN-03: the customer registered the app at another bank that uses VIP Access and logged in there with it.</summary>
    [System.ComponentModel.Description("同じトークンベンダーを使う他金融機関 (二つ目の参照銀行) で VIP Access を利用登録し、ログインしておく (SKN-03)。shinkin・API/画面")]
    [Given("お客様が他金融機関のインターネットバンキングで VIP Access を利用している")]
    public async Task 他金融機関で利用している()
    {
        var app = await setup.InstallVipAccessAsync(VipCredentialKind.Mobile);
        var api = await other.StartAsync();
        await Setup.OpenAtAsync(api, Customer, "テスト 太郎", "Personal", 1_000_000, "他金融機関でのお客様登録");
        BankApi.Require(await api.PostAsync("/api/vip/register", new
        {
            loginId = Customer.LoginId,
            password = Customer.Password,
            credentialId = app.CredentialId,
            securityCode = app.SecurityCode,
        }), "他金融機関でのワンタイムパスワードの利用登録");
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        var menu = await OtherBankLoginAsync();
        if (menu.Next != "menu")
        {
            throw new InvalidOperationException($"前提: 他金融機関で VIP Access を使ってログインできませんでした: {menu}");
        }

        world.Clock.Advance(TimeSpan.FromSeconds(30));
    }

    /// <summary>A change of device (SKN-07) or of token (KMG-03 交換): the app on the new smartphone, the old one still at hand.</summary>
    [System.ComponentModel.Description("新しいスマートフォンに VIP Access を入れる。旧端末のアプリは手元に残る (機種変更・トークンの交換)。komatsugawa, shinkin・API/画面")]
    [Given("お客様が新しいスマートフォンに VIP Access をインストールする")]
    [When("お客様が新しいスマートフォンに VIP Access をインストールする")]
    public void 新端末()
    {
        devices.Old = App;
        Customer.Phone = world.Devices.NewPhone(Customer.PhoneMail, "新端末");
        Customer.Vip = Customer.Phone.InstallVipAccess(world.Devices.Vendor);
    }

    [System.ComponentModel.Description("ログイン画面から、お客様の VIP Access が今表示しているトークンIDとセキュリティコードで利用登録する。komatsugawa, shinkin・API/画面")]
    [When("ログイン画面から VIP Access のトークンIDとセキュリティコードで利用登録する")]
    public async Task 利用登録() => last.Value = await driver.RegisterVipAsync(Customer.LoginId, Customer.Password, App.CredentialId, App.SecurityCode);

    [System.ComponentModel.Description("ログイン画面から、書いたトークンIDと、お客様の VIP Access の今のセキュリティコードで利用登録する (トークンIDだけ違えるとき)。komatsugawa, shinkin・API/画面")]
    [When("ログイン画面からトークンID {string} と VIP Access のセキュリティコードで利用登録する")]
    public async Task トークンIDを指定して利用登録(string credentialId) =>
        last.Value = await driver.RegisterVipAsync(Customer.LoginId, Customer.Password, credentialId, App.SecurityCode);

    [System.ComponentModel.Description("ログイン画面から、お客様の VIP Access のトークンIDと、今のセキュリティコードと違う値で利用登録 (交換) を試みる。komatsugawa, shinkin・API/画面")]
    [When("ログイン画面から VIP Access のトークンIDと誤ったセキュリティコードで利用登録を試みる")]
    public async Task 誤ったコードで利用登録() =>
        last.Value = await driver.RegisterVipAsync(Customer.LoginId, Customer.Password, App.CredentialId, Customer.Mistyped(App.SecurityCode));

    [System.ComponentModel.Description("ログイン画面から、誤ったセキュリティコードで VIP Access の利用停止を試みる。komatsugawa, shinkin・API/画面")]
    [When("ログイン画面から誤ったセキュリティコードで VIP Access の利用停止を試みる")]
    public async Task 誤ったコードで利用停止()
    {
        // The scenario holds the manual's step that 利用停止 asks the security code: a bank that did not ask it would stop here.
        if (!manual.Flag("手順.利用解除にワンタイムパスワード"))
        {
            throw new InvalidOperationException($"{world.ProfileName} のマニュアルの記載「手順.利用解除にワンタイムパスワード」は「いいえ」です。利用停止でセキュリティコードを求めない銀行には使えないステップです。");
        }

        last.Value = await driver.StopVipAsync(Customer.LoginId, Customer.Password, Customer.Mistyped(App.SecurityCode));
    }

    [System.ComponentModel.Description("ログイン画面から、誤ったログインパスワードと正しいセキュリティコードで VIP Access の利用停止を試みる。komatsugawa, shinkin・API/画面")]
    [When("誤ったログインパスワードでログイン画面から VIP Access の利用停止を試みる")]
    public async Task 誤ったパスワードで利用停止() =>
        last.Value = await driver.StopVipAsync(Customer.LoginId, Customer.Password + "x", App.SecurityCode);

    [System.ComponentModel.Description("スマートフォンのログイン画面の「利用登録」ボタンから、お客様の VIP Access のトークンIDと今のセキュリティコードで利用登録する (処理結果は「ログイン画面」ボタンでスマートフォンのログイン画面に戻る)。shinkin・画面 (API は「ログイン画面から…利用登録する」と同じ呼び出し)")]
    [When("スマートフォンのログイン画面から VIP Access のトークンIDとセキュリティコードで利用登録する")]
    public async Task スマートフォンから利用登録() =>
        last.Value = await driver.RegisterVipFromSmartphoneAsync(Customer.LoginId, Customer.Password, App.CredentialId, App.SecurityCode);

    [System.ComponentModel.Description("スマートフォンのログイン画面の「利用停止」ボタンから、今の VIP Access のセキュリティコードで利用停止する。shinkin・画面 (API は「ログイン画面から…利用停止する」と同じ呼び出し)")]
    [When("スマートフォンのログイン画面から VIP Access のセキュリティコードで利用停止する")]
    public async Task スマートフォンから利用停止() => last.Value = await driver.StopVipFromSmartphoneAsync(Customer.LoginId, Customer.Password, App.SecurityCode);

    [System.ComponentModel.Description("ログイン画面から、今の VIP Access のセキュリティコードで利用停止する。komatsugawa, shinkin・API/画面")]
    [When("ログイン画面から VIP Access のセキュリティコードで利用停止する")]
    public async Task 利用停止() => last.Value = await driver.StopVipAsync(Customer.LoginId, Customer.Password, App.SecurityCode);

    [System.ComponentModel.Description("ログイン画面から、機種変更前の (旧端末の) VIP Access のセキュリティコードで利用停止する。komatsugawa, shinkin・API/画面")]
    [When("ログイン画面から旧端末の VIP Access のセキュリティコードで利用停止する")]
    public async Task 旧端末で利用停止() => last.Value = await driver.StopVipAsync(Customer.LoginId, Customer.Password, OldApp.SecurityCode);

    [System.ComponentModel.Description("ID・パスワードのあと、旧端末の VIP Access のセキュリティコードでログインする (結果は確かめない)。komatsugawa, shinkin・API/画面")]
    [When("旧端末の VIP Access のセキュリティコードでログインする")]
    public async Task 旧端末でログイン()
    {
        var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
        last.Value = login.Next == "otp" ? await driver.SubmitLoginOtpAsync(OldApp.SecurityCode) : login;
    }

    /// <summary>SKN-08: 紛失・盗難・アンインストール — the customer calls (a person's part), the bank stops the token at its terminal.</summary>
    [System.ComponentModel.Description("お客様の連絡 (紛失・盗難など) を受けて、行員が端末でワンタイムパスワードを利用停止する。komatsugawa, shinkin・API/画面 (行員操作は API)")]
    [When("当金庫が連絡を受けて行員操作でワンタイムパスワードを利用停止する")]
    public async Task 行員が利用停止() =>
        BankApi.Require(await setup.Api.PostAsync($"/staff/api/customers/{Customer.LoginId}/otp/stop"), "行員操作での利用停止");

    /// <summary>Moves the shared virtual clock forward to an RFC test vector's time (seconds since 1970-01-01 00:00:00 UTC).</summary>
    [System.ComponentModel.Description("仮想時計 (銀行・端末・ブラウザー) を UNIX 時刻の秒まで進める。戻せないので @仮想時計:UNIX時刻0 付きのシナリオで使う (RFC のテストベクタ)。全銀行・API/画面")]
    [Given("仮想時計を UNIX 時刻 {long} 秒まで進める")]
    [When("仮想時計を UNIX 時刻 {long} 秒まで進める")]
    public async Task UNIX時刻(long seconds)
    {
        var target = DateTimeOffset.UnixEpoch.AddSeconds(seconds);
        var by = target - world.Clock.GetUtcNow();
        if (by < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"仮想時計は戻せません (今 {world.Clock.GetUtcNow():O}, 指定 {target:O})。@{World.EpochTag} タグを付けてください。");
        }

        world.Clock.Advance(by);
        if (driver is UiDriver ui)
        {
            await ui.Page.Clock.FastForwardAsync((long)by.TotalMilliseconds);
        }
    }

    [System.ComponentModel.Description("最後の手続きが成功し、メッセージとその下の (メッセージコード) が表示される。shinkin・API/画面")]
    [Then("{string} とメッセージコード {string} が表示される")]
    public void メッセージコード(string message, string code)
    {
        Expect.That(last.Required, o => o.Succeeded, $"「{message}」と「({code})」と表示される");
        var lines = last.Required.Message.Split('\n');
        manual.ExpectWords(message, lines[0], "メッセージ");
        manual.ExpectWords(code, lines.Length > 1 ? lines[1].Trim('(', ')') : string.Empty, "メッセージコード");
    }

    [System.ComponentModel.Description("行員のお客様照会で、ワンタイムパスワードの登録状況が書いた値で、トークンIDが今の VIP Access のクレデンシャルIDである。komatsugawa, shinkin・API/画面 (照会は API)")]
    [Then("ワンタイムパスワードの登録状況は {string} で、トークンIDは今の VIP Access のクレデンシャルIDである")]
    public async Task 登録状況とトークンID(string status)
    {
        var otp = await OtpStatusAsync();
        var actual = (otp.GetProperty("status").GetString(), otp.GetProperty("credentialId").GetString());
        manual.ExpectWords(status, actual.Item1, "登録状況");
        if (actual != (status, App.CredentialId))
        {
            throw new ExpectationException($"期待: 登録状況「{status}」トークンID {App.CredentialId}\n実際: 登録状況「{actual.Item1}」トークンID {actual.Item2}");
        }
    }

    [System.ComponentModel.Description("行員のお客様照会 (銀行の記録) で、ワンタイムパスワードの登録状況が書いた値である。ログインしていなくても使える (ロック中のお客様も)。照会はお客様のメニューと同じ登録状況の言葉を返す。「登録状況は … である」(お客様の申請内容選択画面) とは見る場所が違う。全銀行・API/画面 (照会は API)")]
    [Then("ワンタイムパスワードの登録状況は {string} である")]
    public async Task 登録状況(string status)
    {
        var actual = (await OtpStatusAsync()).GetProperty("status").GetString();
        manual.ExpectWords(status, actual, "行員のお客様照会の登録状況");
    }

    /// <summary>One vendor answers for both banks, so the code just used here is spent everywhere: the customer waits for the
    /// next one, as a person would.</summary>
    [System.ComponentModel.Description("30 秒後、他金融機関でも同じ VIP Access の次のセキュリティコードでログインでき、メニューが表示される。shinkin・API/画面")]
    [Then("他金融機関でも同じ VIP Access のセキュリティコードでログインできる")]
    public async Task 他金融機関でもログインできる()
    {
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        var outcome = await OtherBankLoginAsync();
        Expect.That(outcome, o => o.Succeeded && o.Next == "menu", "他金融機関でもメニューが表示される");
    }

    private VipAccessApp OldApp => devices.Old ?? throw new InvalidOperationException("旧端末がありません。先に「お客様が新しいスマートフォンに VIP Access をインストールする」を書いてください。");

    private async Task<System.Text.Json.JsonElement> OtpStatusAsync()
    {
        var reply = BankApi.Require(await setup.Api.GetAsync($"/staff/api/customers/{Customer.LoginId}"), "窓口でのお客様照会");
        return reply.Json.GetProperty("otp");
    }

    /// <summary>The other bank's login (ID + password, then the security code), through its API: it is not the scenario's bank.</summary>
    private async Task<Outcome> OtherBankLoginAsync()
    {
        var login = BankApi.Require(await other.Api.PostAsync("/api/login", new { loginId = Customer.LoginId, password = Customer.Password, channel = "pc" }),
            "他金融機関でのログイン");
        if (login["next"] != "otp")
        {
            return new Outcome(true, login["next"] ?? string.Empty, login.Message);
        }

        var otp = await other.Api.PostAsync("/api/login/otp", new { code = App.SecurityCode }, login["sessionId"]);
        return otp.Ok ? new Outcome(true, otp["next"] ?? "menu", otp.Message) : new Outcome(false, otp["code"] ?? string.Empty, otp.Message);
    }
}
