using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Reqnroll;

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
        var code = Customer.CurrentCode();
        last.Value = await LoginWithCodeAsync(code);
        if (last.Value.Succeeded && last.Value.Next == "menu")
        {
            Customer.LastAcceptedCode = code;
        }
    }

    [When("同じワンタイムパスワードでもう一度ログインする")]
    public async Task 同じコードでログイン() =>
        last.Value = await LoginWithCodeAsync(Customer.LastAcceptedCode ?? throw new InvalidOperationException("まだ受け付けられたワンタイムパスワードがありません。"));

    [When("ワンタイムパスワードに {string} と入力してログインを試みる")]
    public async Task 入力してログイン(string code) => last.Value = await LoginWithCodeAsync(code);

    private async Task<Outcome> LoginWithCodeAsync(string code)
    {
        var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
        return login.Next == "otp" ? await driver.SubmitLoginOtpAsync(code) : login;
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

    [When("携帯電話のモバイルIBでIDとパスワードだけでログインする")]
    public async Task モバイルIB() => last.Value = await driver.LoginAsync(Customer.LoginId, Customer.Password, "mobile");

    [When("ワンタイムパスワードの利用を解除する")]
    public async Task 利用解除()
    {
        var code = world.Profile.Otp.DeactivateNeedsOtp ? Customer.CurrentCode() : null;
        last.Value = await driver.DeactivateOtpAsync(Customer.ConfirmationPassword, code);
    }

    [Then("振込限度額は {int} 円である")]
    public async Task 振込限度額(int expected)
    {
        var actual = await driver.TransferLimitYenAsync();
        if (actual != expected)
        {
            throw new ExpectationException($"期待: 振込限度額 {expected:N0} 円\n実際: {actual:N0} 円");
        }
    }

    [Then("手続きが完了する")]
    public void 完了() => Expect.That(last.Required, o => o.Succeeded, "手続きが完了する");

    [When("ログアウトする")]
    public async Task ログアウト() => last.Value = await driver.LogoutAsync();

    [Then("メニューが表示される")]
    public void メニュー() => Expect.That(last.Required, o => o.Succeeded && o.Next == "menu", "メニューが表示される");

    [Then("ログインできない")]
    public void ログインできない() => Expect.That(last.Required, o => o.Next != "menu", "ログインできない");

    [Then("ワンタイムパスワードの停止の案内が表示される")]
    public void 停止の案内() =>
        Expect.That(last.Required, o => !o.Succeeded && o.Message == world.Profile.Texts.OtpLockedMessage, $"「{world.Profile.Texts.OtpLockedMessage}」と表示される");

    [Then("ワンタイムパスワードの連続誤り回数は {int} 回である")]
    public async Task 誤り回数(int expected)
    {
        var status = BankApi.Require(await setup.Api.GetAsync($"/staff/api/customers/{Customer.LoginId}"), "窓口でのお客様照会");
        var actual = status.Json.GetProperty("otp").GetProperty("failCount").GetInt32();
        if (actual != expected)
        {
            throw new ExpectationException($"期待: 連続誤り回数 {expected} 回\n実際: {actual} 回");
        }
    }

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
