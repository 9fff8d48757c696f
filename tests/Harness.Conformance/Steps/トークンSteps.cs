using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

[System.ComponentModel.Category("トークン発行")]
[Binding]
public sealed class トークンSteps(Setup setup)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。");

    /// <summary>The phone's own clock runs ahead (positive) or behind (negative) of the bank's: its codes are of another time step.</summary>
    [System.ComponentModel.Description("お客様のスマートフォンの時計を銀行の時計より書いた秒数だけ進める (進んで) か遅らせる (遅れて)。アプリか VIP Access をスマートフォンで使う銀行・API/画面")]
    [Given("^お客様のスマートフォンの時計が (\\d+) 秒(進んで|遅れて)いる$")]
    public void 時計がずれている(int seconds, string direction) => Phone.Clock.SetSkew(TimeSpan.FromSeconds(direction == "進んで" ? seconds : -seconds));

    private Harness.Devices.Phones.Phone Phone => Customer.Phone ?? throw new InvalidOperationException("お客様のトークンはスマートフォンにありません。");
}
