using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>What the scenario's time steps hold against the ledger: the ids of the numbers the offsets were computed from (each
/// is recorded as failed when the bank answers otherwise), and the code the customer noted down.</summary>
public sealed class HeldNumbers
{
    public List<string> Ids { get; } = [];

    public string? NotedCode { get; set; }

    /// <summary>The last day (Japan time) the soft token is valid, from the ledger's 数.ソフトトークン有効年数.</summary>
    public DateOnly? LastValidDay { get; set; }

    /// <summary>The VIP Access apps the customer installed, in order, and the outcomes of registering the later ones.</summary>
    public List<Harness.Devices.VipAccess.VipAccessApp> Devices { get; } = [];

    public List<Outcome> Registrations { get; } = [];
}

/// <summary>
/// The numbers of time the ledger states, each held at both edges with offsets computed from the ledger itself (never from the
/// bank's profile): the skew window (数.時刻ずれ許容前ステップ / 後ステップ, in steps of 数.ワンタイムパスワード間隔秒), kyoei's
/// 「1分後には無効」 (数.ワンタイムパスワード無効になるまでの分) and the soft token's lifetime (数.ソフトトークン有効年数, refused with
/// メッセージ.トークン有効期限切れ).
/// </summary>
[System.ComponentModel.Category("時間")]
[Binding]
public sealed class 時刻ずれと有効期限Steps(IBankDriver driver, Setup setup, World world, LastOutcome last, Manual manual, HeldNumbers held, VirtualTime time)
{
    private const string Interval = "数.ワンタイムパスワード間隔秒";

    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    [System.ComponentModel.Description("お客様のスマートフォンの時計を、台帳の 数.時刻ずれ許容後ステップ (進んで) か 数.時刻ずれ許容前ステップ (遅れて) のステップ数ちょうど、またはそれより一ステップ多く、数.ワンタイムパスワード間隔秒 の単位でずらす。遅れる向きは、遅れた時計のコードが利用開始に使ったステップ (使用済み) より後になるよう、先に 前ステップ数+2 ステップ分の時間を進める。アプリか VIP Access をスマートフォンで使う銀行・API/画面")]
    [Given("^お客様のスマートフォンの時計が、許容される(後|前)ステップ数(ちょうど|より一ステップ多く)(進んで|遅れて)いる$")]
    public async Task 許容の端までずれている(string side, string edge, string direction)
    {
        if ((side == "後") != (direction == "進んで"))
        {
            throw new InvalidOperationException("後 (未来) のステップは時計が進んでいるとき、前 (過去) のステップは遅れているときです。");
        }

        var id = side == "後" ? "数.時刻ずれ許容後ステップ" : "数.時刻ずれ許容前ステップ";
        var allowed = manual.Number(id);
        var interval = manual.Number(Interval);
        held.Ids.AddRange([id, Interval]);
        var steps = allowed + (edge == "ちょうど" ? 0 : 1);
        if (side == "前")
        {
            // The lagging code must belong to a step after the one 利用開始 used (a used step is refused whatever the window).
            await AdvanceAsync(TimeSpan.FromSeconds((allowed + 2) * interval));
        }

        var phone = Customer.Phone ?? throw new InvalidOperationException("お客様はスマートフォンを持っていません。");
        phone.Clock.SetSkew(TimeSpan.FromSeconds((side == "後" ? steps : -steps) * interval));
    }

    [System.ComponentModel.Description("仮想時計を次にワンタイムパスワードが切り替わる時刻 (台帳の 数.ワンタイムパスワード間隔秒 の区切り) まで進め、そのとき表示されたワンタイムパスワードを控える。全銀行・API/画面")]
    [When("ワンタイムパスワードが切り替わった直後に表示されたワンタイムパスワードを控える")]
    public async Task 切り替わった直後に控える()
    {
        var interval = TimeSpan.FromSeconds(manual.Number(Interval));
        held.Ids.Add(Interval);
        var sinceEpoch = world.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch;
        await AdvanceAsync(interval - TimeSpan.FromTicks(sinceEpoch.Ticks % interval.Ticks));
        held.NotedCode = Customer.CurrentCode();
    }

    [System.ComponentModel.Description("控えてから、台帳の 数.ワンタイムパスワード無効になるまでの分 の 1 秒前まで、またはちょうどその分だけ時間が経過する。kyoei・API/画面")]
    [When("^控えてから、無効になるまでの分(の1秒前まで|ちょうど)が経過する$")]
    public async Task 無効になるまでの分が経過する(string edge)
    {
        const string id = "数.ワンタイムパスワード無効になるまでの分";
        held.Ids.Add(id);
        var minutes = TimeSpan.FromMinutes(manual.Number(id));
        await AdvanceAsync(edge == "ちょうど" ? minutes : minutes - TimeSpan.FromSeconds(1));
    }

    [System.ComponentModel.Description("ID・パスワードのあと、控えたワンタイムパスワードを入れてログインを試みる。全銀行・API/画面")]
    [When("控えたワンタイムパスワードでログインする")]
    public async Task 控えたコードでログイン()
    {
        var code = held.NotedCode ?? throw new InvalidOperationException("まだワンタイムパスワードを控えていません。");
        var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
        last.Value = login.Next == "otp" ? await driver.SubmitLoginOtpAsync(code) : login;
        if (last.Value.Succeeded && last.Value.Next == "menu")
        {
            Customer.LastAcceptedCode = code;
        }
    }

    [System.ComponentModel.Description("仮想時計を、利用開始した日 (今日、日本時間) から台帳の 数.ソフトトークン有効年数 が経つ前の最後の日 (アプリの有効期限の日) の正午まで進める。akita, kyoei, aomori・API/画面")]
    [When("ソフトウェアトークンの有効期限の最後の日になる")]
    public async Task 有効期限の最後の日()
    {
        const string id = "数.ソフトトークン有効年数";
        held.Ids.Add(id);
        var now = Harness.Devices.JapanTime.ToJapan(world.Clock.GetUtcNow());
        var started = DateOnly.FromDateTime(now.DateTime);
        if (Customer.App?.ReadScreen().ActivatedOn is { } shown && shown != Harness.Devices.JapanTime.FormatDate(started))
        {
            throw new InvalidOperationException($"利用開始した日 ({shown}) から時間が進んでいます。このステップは利用開始した日に書いてください。");
        }

        var lastDay = started.AddYears(manual.Number(id)).AddDays(-1);
        held.LastValidDay = lastDay;
        await AdvanceToAsync(lastDay, new TimeOnly(12, 0));
    }

    [System.ComponentModel.Description("有効期限の最後の日の 23時59分30秒 (日本時間) まで時計を進め、そのときアプリに表示されたワンタイムパスワードを控える。akita, kyoei, aomori・API/画面")]
    [When("有効期限の最後の日の終わりに表示されたワンタイムパスワードを控える")]
    public async Task 最後の日の終わりに控える()
    {
        var lastDay = held.LastValidDay ?? throw new InvalidOperationException("先に「ソフトウェアトークンの有効期限の最後の日になる」を書いてください。");
        await AdvanceToAsync(lastDay, new TimeOnly(23, 59, 30));
        held.NotedCode = Customer.CurrentCode();
    }

    [System.ComponentModel.Description("有効期限の最後の日の次の日の 0時0分10秒 (日本時間) まで時計を進める (控えたコードは時計のずれの許容の内)。akita, kyoei, aomori・API/画面")]
    [When("日付が変わる")]
    public async Task 日付が変わる()
    {
        var lastDay = held.LastValidDay ?? throw new InvalidOperationException("先に「ソフトウェアトークンの有効期限の最後の日になる」を書いてください。");
        await AdvanceToAsync(lastDay.AddDays(1), new TimeOnly(0, 0, 10));
    }

    [System.ComponentModel.Description("最後のログインでメニューが表示された: このシナリオが台帳の数 (時刻ずれ・無効になるまでの分・有効年数) から計算した時刻のワンタイムパスワードが受け付けられた。違えばその数を不一致として記録する。全銀行・API/画面")]
    [Then("台帳の数の内のワンタイムパスワードとして受け付けられる")]
    public void 受け付けられる()
    {
        if (last.Required is not { Succeeded: true, Next: "menu" })
        {
            FailHeld($"期待: 台帳の数の内のワンタイムパスワードとして受け付けられ、メニューが表示される ({Sources()})\n実際: {last.Required}");
        }
    }

    [System.ComponentModel.Description("最後のログインが断られ、ワンタイムパスワード誤りの案内が表示された: 台帳の数 (時刻ずれ・無効になるまでの分) の外のワンタイムパスワードは受け付けられない。違えばその数を不一致として記録する。全銀行・API/画面")]
    [Then("台帳の数の外のワンタイムパスワードとして断られる")]
    public void 断られる()
    {
        if (last.Required is { Succeeded: true } or { Next: "menu" })
        {
            FailHeld($"期待: 台帳の数の外のワンタイムパスワードとして断られる ({Sources()})\n実際: {last.Required}");
        }

        manual.Expect("メッセージ.ワンタイムパスワード誤り", last.Required.Message, "許容の外のワンタイムパスワードを断る案内");
    }

    [System.ComponentModel.Description("最後のログインが断られ、台帳の メッセージ.トークン有効期限切れ の文言がそのまま表示された。違えば 数.ソフトトークン有効年数 も不一致として記録する。akita, kyoei, aomori・API/画面")]
    [Then("有効期限を過ぎたトークンとしてトークン有効期限切れの案内で断られる")]
    public void 有効期限切れで断られる()
    {
        const string id = "メッセージ.トークン有効期限切れ";
        if (last.Required is { Succeeded: true } or { Next: "menu" } || last.Required.Message != manual[id])
        {
            manual.Failed(id);
            FailHeld($"期待: 有効期限を過ぎたトークンとして断られ「{manual[id]}」と表示される ({Sources()})\n実際: {last.Required}");
        }
    }

    private const string Devices = "数.同時に利用できる端末数";

    [System.ComponentModel.Description("利用登録済みの VIP Access に加えて、台帳の 数.同時に利用できる端末数 を一台超えるまで、新しいスマートフォンに VIP Access を入れてはログイン画面から利用登録する (最後の利用登録の結果が残る)。shinkin・API/画面")]
    [When("台帳の同時に利用できる端末数を超えるまで、新しいスマートフォンに VIP Access を入れて利用登録する")]
    public async Task 端末数を超えるまで利用登録する()
    {
        var allowed = manual.Number(Devices);
        held.Ids.Add(Devices);
        held.Devices.Add(Customer.Vip ?? throw new InvalidOperationException("お客様は VIP Access を利用登録していません。"));
        while (held.Devices.Count <= allowed)
        {
            Customer.Phone = world.Devices.NewPhone(Customer.PhoneMail, $"端末{held.Devices.Count + 1}");
            Customer.Vip = Customer.Phone.InstallVipAccess(world.Devices.Vendor);
            held.Devices.Add(Customer.Vip);
            last.Value = await driver.RegisterVipAsync(Customer.LoginId, Customer.Password, Customer.Vip.CredentialId, Customer.Vip.SecurityCode);
            held.Registrations.Add(last.Value);
        }
    }

    [System.ComponentModel.Description("最後の (数を超える) 端末の利用登録は断られ、お客様の持つ VIP Access のうちログインに使えるものは台帳の 数.同時に利用できる端末数 と同じ台数である (端末ごとに一ステップ待ってログインし、ログアウトして数える)。違えばその数を不一致として記録する。shinkin・API/画面")]
    [Then("ワンタイムパスワードを使える端末は台帳の同時に利用できる端末数までである")]
    public async Task 使える端末は端末数まで()
    {
        var allowed = manual.Number(Devices);
        var surplus = held.Registrations.LastOrDefault() ?? throw new InvalidOperationException("先に「台帳の同時に利用できる端末数を超えるまで…」を書いてください。");
        if (surplus.Succeeded)
        {
            FailHeld($"期待: {allowed + 1} 台目の端末の VIP Access は利用登録できない ({Sources()})\n実際: {surplus}");
        }

        var usable = new List<int>();
        for (var i = 0; i < held.Devices.Count; i++)
        {
            await AdvanceAsync(TimeSpan.FromSeconds(manual.Number(Interval)));
            var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
            var outcome = login.Next == "otp" ? await driver.SubmitLoginOtpAsync(held.Devices[i].SecurityCode) : login;
            if (outcome is { Succeeded: true, Next: "menu" })
            {
                usable.Add(i + 1);
                await driver.LogoutAsync();
            }
        }

        if (usable.Count != allowed)
        {
            FailHeld($"期待: ログインに使える端末は {allowed} 台 ({Sources()})\n実際: {usable.Count} 台 (端末 {string.Join(", ", usable)} / {held.Devices.Count} 台)");
        }
    }

    private string Sources() => string.Join("; ", held.Ids.Distinct().Select(i => $"{i} = {manual[i]}: {manual.Source(i)}"));

    private void FailHeld(string message)
    {
        held.Ids.Distinct().ToList().ForEach(manual.Failed);
        throw new ExpectationException(message);
    }

    /// <summary>Japan time <paramref name="at"/> on <paramref name="day"/>.</summary>
    private Task AdvanceToAsync(DateOnly day, TimeOnly at) =>
        time.JumpToAsync(new DateTimeOffset(day.ToDateTime(at), Harness.Devices.JapanTime.Offset), $"{day:yyyy-MM-dd} {at:HH:mm:ss} (日本時間)");

    private Task AdvanceAsync(TimeSpan by) => time.PassAsync(by);
}
