using Harness.Conformance.Drivers;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>What a session that may only do part of the menu tries: the モバイルIB (SKN-04), akita after 利用停止 (AKT-07).</summary>
[System.ComponentModel.Category("利用制限")]
[Binding]
public sealed class 利用制限Steps(IBankDriver driver, LastOutcome last)
{
    [System.ComponentModel.Description("他口座への振込・振替を始めようとする (断られることもある。結果は「… は受け付けられず、… の案内が表示される」などで確かめる)。全銀行・API/画面")]
    [When("他口座への振込・振替を試みる")]
    public async Task 振込を試みる() => last.Value = await driver.PrepareTransferToOtherAccountAsync();

    [System.ComponentModel.Description("最後の操作で振込・振替の入力 (振込金額などを入れる画面) に進んだ。全銀行・API/画面")]
    [Then("振込・振替の入力に進む")]
    public void 振込の入力に進む() => Expect.That(last.Required, o => o.Succeeded && o.Next == "transfer", "振込・振替の入力に進む");
}
