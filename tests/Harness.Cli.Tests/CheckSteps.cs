using Reqnroll;

namespace Harness.Cli.Tests;

/// <summary>Step definitions for the <c>check</c> tests (never run): one of each trap's counterpart, and one bad hook.</summary>
[Binding]
public sealed class CheckSteps
{
    [Given("口座 {string} の残高が {int} 円である")]
    public void 口座の残高(string account, int balance) => _ = (account, balance);

    [Given("お客様がログインしている")]
    public void ログイン()
    {
    }

    [When("{string} の口座に振り込む")]
    public void 振り込む(string account) => _ = account;

    [When("{int}秒が経過する")]
    public void 経過する(int seconds) => _ = seconds;

    [Then("振込が完了する")]
    public void 完了する()
    {
    }

    [Then("振込が{word}する")]
    public void 振込の結果(string result) => _ = result;

    /// <summary>A test-run hook must be static: Reqnroll's registry reports this one as a binding error.</summary>
    [BeforeTestRun]
    public void NotStatic()
    {
    }
}
