using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>Time passes only on the shared virtual clock (the bank's, the devices' and the browser's): nothing waits.</summary>
[System.ComponentModel.Category("時間")]
[Binding]
public sealed class 時間Steps(VirtualTime time)
{
    [System.ComponentModel.Description("仮想時計 (銀行・端末・ブラウザー) を書いた秒・分・日だけ進める。実時間では待たない。全銀行・API/画面")]
    [Given("^(\\d+)(秒|分|日)が経過する$")]
    [When("^(\\d+)(秒|分|日)が経過する$")]
    public async Task 経過する(int amount, string unit)
    {
        var by = unit switch
        {
            "秒" => TimeSpan.FromSeconds(amount),
            "分" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromDays(amount),
        };
        await time.PassAsync(by);
    }
}
