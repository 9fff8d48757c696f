using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>One input typed as the scenario writes it, the others right: the bank's answer to input of the wrong form
/// and to a wrong password, judged by the Then that names the message.</summary>
[System.ComponentModel.Category("入力")]
[Binding]
public sealed class 入力Steps(IBankDriver driver, Setup setup, LastOutcome last, Manual manual)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    [System.ComponentModel.Description("ログイン画面で、書いた項目 (ログインID かログインパスワード) にだけ書いた値を入れ、もう一方はお客様の正しい値でログインを試みる。全銀行・API/画面")]
    [When("^(ログインID|ログインパスワード)に \"(.*)\" と入力してログインを試みる$")]
    public async Task ログインの入力(string field, string value) =>
        last.Value = field == "ログインID"
            ? await driver.LoginAsync(value, Customer.Password)
            : await driver.LoginAsync(Customer.LoginId, value);

    [System.ComponentModel.Description("ログイン中のお客様が振込・振替限度額変更で、書いた項目にだけ書いた値を入れ (ほかは正しい値。振込限度額は 1000000)、その銀行が求めるときはトークンの今のワンタイムパスワードも入れて変更を試みる。全銀行・API/画面")]
    [When("^振込・振替限度額変更で(振込限度額|確認用パスワード)に \"(.*)\" と入力して変更を試みる$")]
    public async Task 限度額変更の入力(string field, string value)
    {
        var code = manual.Flag("手順.限度額変更にワンタイムパスワード") && HasToken ? Customer.CurrentCode() : null;
        last.Value = await driver.ChangeTransferLimitAsync(
            field == "振込限度額" ? value : "1000000",
            field == "確認用パスワード" ? value : Customer.ConfirmationPassword,
            code);
    }

    [System.ComponentModel.Description("ログイン中のお客様が他口座への振込・振替に進み、書いた項目にだけ書いた値を入れて (ほかは正しい値。振込金額は 1000 円、メール通知パスワードは届いていれば届いたもの、振込にワンタイムパスワードの欄があればトークンの今のコード) 実行を試みる。全銀行・API/画面")]
    [When("^他口座への振込・振替で(振込金額|口座番号|確認用パスワード|メール通知パスワード)に \"(.*)\" と入力して振込を試みる$")]
    public async Task 振込の入力(string field, string value)
    {
        var subject = manual.Has("メール.メール通知パスワード.件名") ? manual["メール.メール通知パスワード.件名"] : null;
        var mailsBefore = subject is null ? 0 : setup.MailCount(Customer.Email, subject);
        var prepared = await driver.PrepareTransferToOtherAccountAsync();
        Expect.That(prepared, o => o.Succeeded, "振込・振替の入力に進む");
        var mailed = subject is not null && setup.MailCount(Customer.Email, subject) > mailsBefore ? setup.MailedPassword(Customer) : null;
        var code = manual.Has("振込.ワンタイムパスワード") && HasToken ? Customer.CurrentCode() : null;
        last.Value = await driver.TransferToOtherAccountAsync(new OtherAccountEntry(
            field == "振込金額" ? value : "1000",
            field == "口座番号" ? value : OtherAccountEntry.AnAccountNo,
            field == "確認用パスワード" ? value : Customer.ConfirmationPassword,
            field == "メール通知パスワード" ? value : mailed,
            code));
    }

    private bool HasToken => (Customer.App ?? (object?)Customer.Vip ?? Customer.Keyfob) is not null;
}
