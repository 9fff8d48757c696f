using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

[Binding]
public sealed class 振込Steps(IBankDriver driver, Setup setup, LastOutcome last)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。");

    [Given("お客様がメール通知パスワードを利用している")]
    public Task メール通知パスワードを利用している() => setup.MailPasswordInUseAsync();

    [When("ログインして他口座への振込でメール通知パスワードを {int} 回続けて間違える")]
    public async Task 間違える(int times)
    {
        var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
        if (login.Next != "menu")
        {
            throw new ExpectationException($"期待: ワンタイムパスワードなしでメニュー\n実際: {login}");
        }

        last.Value = await driver.PrepareTransferToOtherAccountAsync();
        var mailed = setup.LatestMail(Customer.Email, "メール通知パスワード").Value("メール通知パスワード");
        var wrong = Customer.Mistyped(mailed);
        for (var i = 0; i < times; i++)
        {
            last.Value = await driver.TransferToOtherAccountAsync(10_000, Customer.ConfirmationPassword, wrong);
        }
    }

    [Then("ログインしたままである")]
    public async Task ログインしたまま()
    {
        if (!await driver.IsLoggedInAsync())
        {
            throw new ExpectationException($"期待: ログインしたまま\n実際: ログアウトされた (最後の操作: {last.Value})");
        }
    }

    [Then("強制ログアウトされる")]
    public async Task 強制ログアウト()
    {
        if (await driver.IsLoggedInAsync())
        {
            throw new ExpectationException($"期待: 強制ログアウト\n実際: ログインしたまま (最後の操作: {last.Value})");
        }
    }
}
