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

[System.ComponentModel.Category("ログイン")]
[Binding]
public sealed class ログインSteps(IBankDriver driver, Setup setup, LastOutcome last, Manual manual)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    [System.ComponentModel.Description("ID・パスワードのあと、求められればトークンの今のワンタイムパスワードを入れてログインする (結果は確かめない。「ワンタイムパスワード申請のためにログインする」はメニューまで確かめる)。全銀行・API/画面")]
    [When("正しいワンタイムパスワードでログインする")]
    public async Task 正しいコードでログイン()
    {
        var code = Customer.CurrentCode();
        last.Value = await LoginWithCodeAsync(code);
        if (last.Value.Succeeded && last.Value.Next == "menu")
        {
            Customer.LastAcceptedCode = code;
            Customer.WrongCodesInARow = 0;
        }
    }

    [System.ComponentModel.Description("直前のログインで受け付けられたワンタイムパスワードをもう一度使ってログインを試みる。全銀行・API/画面")]
    [When("同じワンタイムパスワードでもう一度ログインする")]
    public async Task 同じコードでログイン() =>
        last.Value = await LoginWithCodeAsync(Customer.LastAcceptedCode ?? throw new InvalidOperationException("まだ受け付けられたワンタイムパスワードがありません。"));

    [System.ComponentModel.Description("ID・パスワードのあと、書いた値をワンタイムパスワードとして入れてログインを試みる。全銀行・API/画面")]
    [When("ワンタイムパスワードに {string} と入力してログインを試みる")]
    public async Task 入力してログイン(string code) => last.Value = await LoginWithCodeAsync(code);

    private async Task<Outcome> LoginWithCodeAsync(string code)
    {
        var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
        return login.Next == "otp" ? await driver.SubmitLoginOtpAsync(code) : login;
    }

    [System.ComponentModel.Description("ID・パスワードのあと誤ったワンタイムパスワードを入れるログインを、書いた回数続けて試みる。全銀行・API/画面")]
    [When("誤ったワンタイムパスワードで {int} 回続けてログインを試みる")]
    public async Task 誤ったコードでログイン(int times)
    {
        for (var i = 0; i < times; i++)
        {
            var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
            if (login.Next == "otp")
            {
                last.Value = await driver.SubmitLoginOtpAsync(Customer.WrongCode());
                Customer.WrongCodesInARow++;
            }
            else
            {
                last.Value = login;
            }
        }
    }

    [System.ComponentModel.Description("書いた端末 (パソコン・スマートフォン・携帯電話のモバイルIB) から ID とログインパスワードだけでログインする。ワンタイムパスワードは入れない。全銀行・API/画面")]
    [When("^(パソコン|スマートフォン|携帯電話のモバイルIB)からログインIDとログインパスワードでログインする$")]
    public async Task IDとパスワードでログイン(string terminal) => last.Value = await driver.LoginAsync(Customer.LoginId, Customer.Password, terminal switch
    {
        "スマートフォン" => "smartphone",
        "携帯電話のモバイルIB" => "mobile",
        _ => "pc",
    });

    [System.ComponentModel.Description("ワンタイムパスワードの利用を解除する (その銀行が求めるときはトークンの今のコードも入れる)。akita, kyoei, aomori・API/画面")]
    [When("ワンタイムパスワードの利用を解除する")]
    public async Task 利用解除()
    {
        var code = manual.Flag("手順.利用解除にワンタイムパスワード") ? Customer.CurrentCode() : null;
        last.Value = await driver.DeactivateOtpAsync(Customer.ConfirmationPassword, code);
    }

    [System.ComponentModel.Description("誤った確認用パスワードでワンタイムパスワードの利用解除を試みる (その銀行が求めるときはトークンの今のコードも正しく入れる)。kyoei, aomori・API/画面")]
    [When("誤った確認用パスワードでワンタイムパスワードの利用を解除しようとする")]
    public async Task 誤った確認用パスワードで利用解除()
    {
        var code = manual.Flag("手順.利用解除にワンタイムパスワード") ? Customer.CurrentCode() : null;
        last.Value = await driver.DeactivateOtpAsync(Customer.Mistyped(Customer.ConfirmationPassword), code);
    }

    [System.ComponentModel.Description("画面 (API) に表示される振込限度額が書いた金額である。aomori・API/画面")]
    [Then("振込限度額は {int} 円である")]
    public async Task 振込限度額(int expected)
    {
        var actual = await driver.TransferLimitYenAsync();
        if (actual != expected)
        {
            throw new ExpectationException($"期待: 振込限度額 {expected:N0} 円\n実際: {actual:N0} 円");
        }
    }

    /// <summary>The completion message of each flow's end, by the ledger id the bank's manual words it under.</summary>
    private static readonly Dictionary<string, string> Completions = new(StringComparer.Ordinal)
    {
        ["issued"] = "メッセージ.ソフト発行完了",
        ["applied"] = "メッセージ.ハード発行完了",
        ["activated"] = "メッセージ.利用開始完了",
        ["deactivated"] = "メッセージ.利用解除完了",
        ["limit-changed"] = "メッセージ.限度額変更完了",
        ["transferred"] = "メッセージ.振込完了",
        ["vip-registered"] = "メッセージ.VIP利用登録完了",
        ["vip-stopped"] = "メッセージ.VIP利用停止完了",
    };

    [System.ComponentModel.Description("最後の手続きが完了し、その銀行のマニュアル (台帳) にある完了の案内が表示される (画面では完了画面の画面名も)。全銀行・API/画面")]
    [Then("手続きが完了する")]
    public void 完了()
    {
        // The flow reached one of its end screens: in the UI a screen whose title is the ledger's completion 画面名 (a title the
        // ledger does not name stays the raw title and is no completion), in the API the step the bank answered for.
        Expect.That(last.Required, o => o.Succeeded && (Completions.ContainsKey(o.Next) || o.Next == "done"), "手続きが完了し、完了の画面 (台帳の画面名) になる");
        if (Completions.TryGetValue(last.Required.Next, out var id) && manual.Has(id))
        {
            var lines = last.Required.Message.Split('\n');
            manual.Expect(id, lines[0], "完了の案内");
            var code = id.Replace("メッセージ.", "メッセージコード.", StringComparison.Ordinal);
            if (manual.Has(code))
            {
                manual.Expect(code, lines.Length > 1 ? lines[1].Trim('(', ')') : string.Empty, "メッセージコード");
            }
        }
    }

    [System.ComponentModel.Description("最後の手続き (VIP Access の手続き・振込・振替・トークン発行・メール通知パスワード利用変更) が断られ、その銀行の台帳にある案内のどれかが表示された。案内を名指しするには「… は受け付けられず、… の案内が表示される」。全銀行・API/画面")]
    [Then("^(VIP Access の手続き|振込・振替|トークン発行|メール通知パスワード利用変更)は受け付けられない$")]
    public void 受け付けられない(string procedure)
    {
        Expect.That(last.Required, o => !o.Succeeded, $"{procedure}は受け付けられない");
        ExpectSomeLedgerMessage($"{procedure}が断られた案内");
    }

    [System.ComponentModel.Description("最後の手続きが断られ、書いた名前の案内 (台帳の「メッセージ.<名前>」、例: 確認用パスワード誤り) の文言が表示された。全銀行・API/画面")]
    [Then("^(VIP Access の手続き|振込・振替|トークン発行|メール通知パスワード利用変更|利用解除)は受け付けられず、(.+)の案内が表示される$")]
    public void 案内で受け付けられない(string procedure, string message)
    {
        Expect.That(last.Required, o => !o.Succeeded, $"{procedure}は受け付けられない");
        manual.Expect("メッセージ." + message, last.Required.Message, $"{procedure}が断られた案内");
    }

    /// <summary>The message shown is one the bank's manual (ledger) words: a refusal never passes on an unknown text.</summary>
    private void ExpectSomeLedgerMessage(string what)
    {
        var message = last.Required.Message;
        // A refusal's message: never a completion's (メッセージ.…完了).
        var known = manual.Ledger.Items.FirstOrDefault(i => i.Kind == "メッセージ" && i.Text == message && !i.Id.EndsWith("完了", StringComparison.Ordinal));
        if (known is null)
        {
            throw new ExpectationException($"期待: {what}として、台帳 (features/{manual.Ledger.Bank}/マニュアルの記載.yaml ほか) にある案内のどれか\n実際: 「{message}」");
        }

        _ = manual[known.Id];
    }

    [System.ComponentModel.Description("ログアウトする。全銀行・API/画面")]
    [When("ログアウトする")]
    public async Task ログアウト() => last.Value = await driver.LogoutAsync();

    [System.ComponentModel.Description("最後の操作でメニューが表示された (ログインできた)。全銀行・API/画面")]
    [Then("メニューが表示される")]
    public void メニュー()
    {
        Expect.That(last.Required, o => o.Succeeded && o.Next == "menu", "メニューが表示される");

        // The code that let the customer in has the manual's number of digits (a keyfob's where the manual gives its own).
        if (setup.Customer?.LastAcceptedCode is { } code)
        {
            var keyfob = setup.Customer is { App: null, Vip: null, Keyfob: not null };
            var id = keyfob && manual.Has("数.ハードワンタイムパスワード桁数") ? "数.ハードワンタイムパスワード桁数" : "数.ワンタイムパスワード桁数";
            if (manual.Has(id) && code.Length != manual.Number(id))
            {
                manual.Failed(id);
                throw new ExpectationException($"期待: {manual.Number(id)} 桁のワンタイムパスワードでログインする ({manual.Source(id)})\n実際: {code.Length} 桁のワンタイムパスワードでログインできた");
            }
        }
    }

    [System.ComponentModel.Description("最後のログインが断られ (ログイン画面かワンタイムパスワードの入力画面のまま)、台帳にある案内のどれかが表示された。案内を名指しするには「ログインできず、… の案内が表示される」。全銀行・API/画面")]
    [Then("ログインできない")]
    public void ログインできない()
    {
        Expect.That(last.Required, o => !o.Succeeded && o.Next != "menu", "ログインできない");
        ExpectSomeLedgerMessage("ログインが断られた案内");
    }

    [System.ComponentModel.Description("最後のログインが断られ、書いた名前の案内 (台帳の「メッセージ.<名前>」、例: ワンタイムパスワード誤り) の文言が表示された。全銀行・API/画面")]
    [Then("^ログインできず、(.+)の案内が表示される$")]
    public void 案内でログインできない(string message)
    {
        Expect.That(last.Required, o => !o.Succeeded && o.Next != "menu", "ログインできない");
        manual.Expect("メッセージ." + message, last.Required.Message, "ログインが断られた案内");
        if (message == "ワンタイムパスワード停止")
        {
            StoppedNoEarlierThanTheManualSays();
        }
    }

    /// <summary>A stop after wrong codes the scenario typed comes no earlier than the manual's 停止回数 (a stop the scenario
    /// prepared otherwise is not counted here).</summary>
    private void StoppedNoEarlierThanTheManualSays()
    {
        const string id = "数.ワンタイムパスワード停止回数";
        if (setup.Customer is not { WrongCodesInARow: > 0 } customer || !manual.Has(id))
        {
            return;
        }

        if (customer.WrongCodesInARow < manual.Number(id))
        {
            manual.Failed(id);
            throw new ExpectationException($"期待: 続けて {manual.Number(id)} 回誤るまでは停止しない ({manual.Source(id)})\n実際: {customer.WrongCodesInARow} 回の誤りで停止した");
        }
    }

    [System.ComponentModel.Description("ワンタイムパスワードの停止の案内 (その銀行の文言) が表示され、ログインが断られる。全銀行・API/画面")]
    [Then("ワンタイムパスワードの停止の案内が表示される")]
    public void 停止の案内()
    {
        Expect.That(last.Required, o => !o.Succeeded, "ログインが断られる");
        manual.Expect("メッセージ.ワンタイムパスワード停止", last.Required.Message, "ワンタイムパスワードの停止の案内");
        StoppedNoEarlierThanTheManualSays();
    }

    [System.ComponentModel.Description("行員のお客様照会で、ワンタイムパスワードの連続誤り回数が書いた回数である。全銀行・API/画面 (照会は API)")]
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

    [System.ComponentModel.Description("最後の操作で書いたメッセージが表示される (成功か失敗かは問わない。「手続きができず … と表示される」は失敗も確かめる)。全銀行・API/画面")]
    [Then("{string} と表示される")]
    public void 表示される(string message) => manual.ExpectWords(message, last.Required.Message, "表示");
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
