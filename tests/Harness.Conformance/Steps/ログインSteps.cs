using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Harness.Gherkin;

namespace Harness.Conformance.Steps;

/// <summary>The last outcome of the customer's action, shared by the steps of a scenario.</summary>
public sealed class LastOutcome
{
    public Outcome? Value { get; set; }

    public Outcome Required => Value ?? throw new InvalidOperationException("まだ操作をしていません。");
}

[Binding]
public sealed class ログインSteps(IBankDriver driver, Setup setup, World world, LastOutcome last)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    [When("正しいワンタイムパスワードでログインする")]
    public async Task 正しいコードでログイン()
    {
        var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
        last.Value = login.Next == "otp" ? await driver.SubmitLoginOtpAsync(Customer.CurrentCode()) : login;
    }

    [When("誤ったワンタイムパスワードで {int} 回続けてログインを試みる")]
    public async Task 誤ったコードでログイン(int times)
    {
        for (var i = 0; i < times; i++)
        {
            var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
            last.Value = login.Next == "otp" ? await driver.SubmitLoginOtpAsync(Customer.WrongCode()) : login;
        }
    }

    [When("ログアウトする")]
    public async Task ログアウト() => last.Value = await driver.LogoutAsync();

    [Then("メニューが表示される")]
    public void メニュー() => Expect.That(last.Required, o => o.Succeeded && o.Next == "menu", "メニューが表示される");

    [Then("ログインできない")]
    public void ログインできない() => Expect.That(last.Required, o => o.Next != "menu", "ログインできない");

    [Then("ワンタイムパスワードの停止の案内が表示される")]
    public void 停止の案内() =>
        Expect.That(last.Required, o => !o.Succeeded && o.Message == world.Profile.Texts.OtpLockedMessage, $"「{world.Profile.Texts.OtpLockedMessage}」と表示される");

    [Then("{string} と表示される")]
    public void 表示される(string message) => Expect.That(last.Required, o => o.Message == message, $"「{message}」と表示される");
}

/// <summary>A failed expectation says what was expected and what the bank did, in Japanese.</summary>
public static class Expect
{
    public static void That(Outcome outcome, Func<Outcome, bool> holds, string expected)
    {
        if (!holds(outcome))
        {
            throw new ExpectationException($"期待: {expected}\n実際: {outcome}");
        }
    }
}

public sealed class ExpectationException : Exception
{
    public ExpectationException(string message)
        : base(message)
    {
    }

    public ExpectationException()
    {
    }

    public ExpectationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
