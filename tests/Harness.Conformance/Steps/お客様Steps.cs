using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

[System.ComponentModel.Category("お客様")]
[Binding]
public sealed class お客様Steps(Setup setup)
{
    [System.ComponentModel.Description("お客様を窓口で登録しておく (ワンタイムパスワードはまだ使っていない)。全銀行・API/画面 (前提は API で用意)")]
    [Given("お客様が窓口で登録されている")]
    public Task 登録されている() => setup.RegisterCustomerAsync();

    [System.ComponentModel.Description("お客様がその銀行のトークン (アプリ・キーホルダー・VIP Access) でワンタイムパスワードの利用を開始している。全銀行・API/画面 (前提は API で用意)")]
    [Given("お客様がワンタイムパスワードの利用を開始している")]
    public Task 利用を開始している() => setup.TokenInUseAsync();

    [System.ComponentModel.Description("連続誤りで止まったワンタイムパスワードを、銀行が所定の方法 (窓口・行員操作) で解除する。全銀行・API/画面 (解除は API)")]
    [When("銀行が所定の方法でワンタイムパスワードの停止を解除する")]
    public Task 停止を解除する() => setup.LiftLockAsync();
}
