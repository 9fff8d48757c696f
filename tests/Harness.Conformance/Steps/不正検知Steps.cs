using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Harness.Devices.Phones;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>What a lock scenario keeps between its steps: the 窓口's answer to a ロック解除 request, the token that was stopped.</summary>
public sealed class LockScene
{
    public ApiReply? CounterUnlock { get; set; }

    /// <summary>The app of the token stopped at the 窓口, still on the customer's phone and still showing its codes.</summary>
    public BankOtpApp? StoppedApp { get; set; }
}

/// <summary>Faults a bank can let pass unnoticed in its fraud defences: an older time step after a newer one, a stopped token
/// made usable again at the 窓口. Thin steps over the driver and the 窓口's API.</summary>
[System.ComponentModel.Category("不正検知")]
[Binding]
public sealed class 不正検知Steps(IBankDriver driver, Setup setup, LastOutcome last, LockScene scene, Manual manual)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    [System.ComponentModel.Description("進んでいた (遅れていた) お客様のスマートフォンの時計を銀行の時計に合わせる。アプリか VIP Access をスマートフォンで使う銀行・API/画面")]
    [When("お客様のスマートフォンの時計を銀行の時計に合わせる")]
    public void 時計を合わせる() =>
        (Customer.Phone ?? throw new InvalidOperationException("お客様のトークンはスマートフォンにありません。")).Clock.SetSkew(TimeSpan.Zero);

    [System.ComponentModel.Description("窓口 (行員操作) に、止まったワンタイムパスワードを同じトークンのまま解除するよう依頼する。答えは「窓口ではロックの解除を受け付けない」で確かめる。akita・API (窓口は API)")]
    [When("窓口でワンタイムパスワードのロックの解除を依頼する")]
    public async Task ロック解除を依頼する() =>
        scene.CounterUnlock = await setup.Api.PostAsync($"/staff/api/customers/{Customer.LoginId}/otp/unlock");

    [System.ComponentModel.Description("窓口がロックの解除 (同じトークンのまま) を断った。akita・API (窓口は API)")]
    [Then("窓口ではロックの解除を受け付けない")]
    public void ロック解除を受け付けない()
    {
        var reply = scene.CounterUnlock ?? throw new InvalidOperationException("まだ窓口にロックの解除を依頼していません。");
        if (reply.Ok)
        {
            throw new ExpectationException($"期待: 窓口ではロックの解除を受け付けない\n実際: {reply}");
        }

        // Refused for the manual's reason (利用停止 and a new token), not for any error.
        manual.Expect("メッセージ.窓口ロック解除不可", reply.Message, "窓口の案内");
    }

    [System.ComponentModel.Description("利用停止のあと、新たにトークン発行・アプリの初期設定・利用開始を行う (停止したトークンのアプリはスマートフォンに残る)。akita・API/画面 (手続きは API)")]
    [When("新たにトークン発行と利用開始を行う")]
    public async Task 新たにトークン発行と利用開始()
    {
        scene.StoppedApp = Customer.App ?? throw new InvalidOperationException("お客様はアプリのトークンを持っていません。");
        Customer.App = null;
        await setup.TokenInUseAsync();
    }

    [System.ComponentModel.Description("ID・パスワードのあと、窓口で停止したトークンのアプリに今表示されているワンタイムパスワードを入れてログインを試みる。akita・API/画面")]
    [When("停止したトークンのワンタイムパスワードでログインを試みる")]
    public async Task 停止したトークンでログイン()
    {
        var app = scene.StoppedApp ?? throw new InvalidOperationException("まだ新たなトークン発行をしていません。");
        var code = app.CurrentCode ?? throw new InvalidOperationException("停止したトークンのアプリにワンタイムパスワードが表示されていません。");
        var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
        last.Value = login.Next == "otp" ? await driver.SubmitLoginOtpAsync(code) : login;
    }
}
