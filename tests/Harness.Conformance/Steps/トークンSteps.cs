using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

[Binding]
public sealed class トークンSteps(Setup setup)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。");

    /// <summary>The phone's own clock runs ahead (positive) or behind (negative) of the bank's: its codes are of another time step.</summary>
    [Given("お客様のスマートフォンの時計が {int} 秒進んでいる")]
    public void 進んでいる(int seconds) => Phone.Clock.SetSkew(TimeSpan.FromSeconds(seconds));

    [Given("お客様のスマートフォンの時計が {int} 秒遅れている")]
    public void 遅れている(int seconds) => Phone.Clock.SetSkew(TimeSpan.FromSeconds(-seconds));

    private Harness.Devices.Phones.Phone Phone => Customer.Phone ?? throw new InvalidOperationException("お客様のトークンはスマートフォンにありません。");
}
