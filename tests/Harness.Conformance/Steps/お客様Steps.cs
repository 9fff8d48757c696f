using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

[Binding]
public sealed class お客様Steps(Setup setup)
{
    [Given("お客様が窓口で登録されている")]
    public Task 登録されている() => setup.RegisterCustomerAsync();

    [Given("お客様がワンタイムパスワードの利用を開始している")]
    public Task 利用を開始している() => setup.TokenInUseAsync();

    [When("銀行が所定の方法でワンタイムパスワードの停止を解除する")]
    public Task 停止を解除する() => setup.LiftLockAsync();
}
