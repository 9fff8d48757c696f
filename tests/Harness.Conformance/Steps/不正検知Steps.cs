using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>Faults a bank can let pass unnoticed in its fraud defences: an older time step after a newer one.</summary>
[System.ComponentModel.Category("不正検知")]
[Binding]
public sealed class 不正検知Steps(Setup setup)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    [System.ComponentModel.Description("進んでいた (遅れていた) お客様のスマートフォンの時計を銀行の時計に合わせる。アプリか VIP Access をスマートフォンで使う銀行・API/画面")]
    [When("お客様のスマートフォンの時計を銀行の時計に合わせる")]
    public void 時計を合わせる() =>
        (Customer.Phone ?? throw new InvalidOperationException("お客様のトークンはスマートフォンにありません。")).Clock.SetSkew(TimeSpan.Zero);
}
