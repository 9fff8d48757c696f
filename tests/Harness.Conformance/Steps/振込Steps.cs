using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

[System.ComponentModel.Category("振込")]
[Binding]
public sealed class 振込Steps(IBankDriver driver, Setup setup, LastOutcome last, Manual manual)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。");

    [System.ComponentModel.Description("お客様がメール通知パスワードを利用している。akita, kyoei・API/画面 (前提は API で用意)")]
    [Given("お客様がメール通知パスワードを利用している")]
    public Task メール通知パスワードを利用している() => setup.MailPasswordInUseAsync();

    [System.ComponentModel.Description("ログインし (ワンタイムパスワードなしでメニューまで)、他口座への振込で誤ったメール通知パスワードを書いた回数続けて入れる。akita, kyoei・API/画面")]
    [When("ログインして他口座への振込でメール通知パスワードを {int} 回続けて間違える")]
    public async Task 間違える(int times)
    {
        var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
        if (login.Next != "menu")
        {
            throw new ExpectationException($"期待: ワンタイムパスワードなしでメニュー\n実際: {login}");
        }

        last.Value = await driver.PrepareTransferToOtherAccountAsync();
        var mailed = setup.MailedPassword(Customer);
        var wrong = Customer.Mistyped(mailed);
        last.Value = await MailPasswordAttempts.TypeAsync(Customer, times,
            () => driver.TransferToOtherAccountAsync(10_000, Customer.ConfirmationPassword, wrong)) ?? last.Value;
    }

    [System.ComponentModel.Description("まだログインしたままである (強制ログアウトされていない)。メール通知パスワードを続けて誤ったあとなら、その回数がマニュアルの強制ログアウト回数より少ないことも確かめる。全銀行・API/画面")]
    [Then("ログインしたままである")]
    public async Task ログインしたまま()
    {
        if (!await driver.IsLoggedInAsync())
        {
            throw new ExpectationException($"期待: ログインしたまま\n実際: ログアウトされた (最後の操作: {last.Value})");
        }

        MailPasswordAttempts.StillInBelowTheManualsCount(manual, setup.Customer);
    }

    [System.ComponentModel.Description("強制ログアウトされている。メール通知パスワードを続けて誤ったあとなら、ちょうどマニュアルの強制ログアウト回数の誤りで (1 回少なければやり直せて) ログアウトされたことも確かめる。全銀行・API/画面")]
    [Then("強制ログアウトされる")]
    public async Task 強制ログアウト()
    {
        if (await driver.IsLoggedInAsync())
        {
            throw new ExpectationException($"期待: 強制ログアウト\n実際: ログインしたまま (最後の操作: {last.Value})");
        }

        MailPasswordAttempts.LoggedOutAtTheManualsCount(manual, setup.Customer);
    }
}
