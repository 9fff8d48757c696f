using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>What the customer's 振込・振替 of the scenario is about: the payee chosen, the mails before it, a noted mail password.</summary>
public sealed class TransferScene
{
    /// <summary>A payee from 振込・振替先一覧, or null for 他口座への振込・振替.</summary>
    public PayeeChoice? Payee { get; set; }

    public int MailsBefore { get; set; }

    /// <summary>The mail password the customer noted down (控える) to try again later.</summary>
    public string? Noted { get; set; }
}

/// <summary>メール通知パスワード (利用変更, 振込・振替, 有効期間), 振込・振替先, 振込・振替限度額変更: thin steps over the driver;
/// the mail is read from the customer's simulated mailbox.</summary>
[System.ComponentModel.Category("メール通知パスワード")]
[Binding]
public sealed class メール通知パスワードSteps(IBankDriver driver, Setup setup, LastOutcome last, TransferScene scene, Manual manual)
{
    /// <summary>The mail password mail's subject, as the manual names it.</summary>
    private string Subject => manual["メール.メール通知パスワード.件名"];

    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    // ---- 前提 ----

    [System.ComponentModel.Description("事前に届出のある振込先を用意しておく (メール通知パスワードが要らない振込先)。kyoei・API/画面 (前提は API で用意)")]
    [Given("事前に届出のある振込先がある")]
    public async Task 事前届出の振込先() => await setup.PayeeRegisteredInAdvanceAsync();

    [System.ComponentModel.Description("振込・振替先一覧 (利用者登録) に振込先を登録しておく。kyoei・API/画面 (前提は API で用意)")]
    [Given(@"^振込・振替先一覧\(利用者登録\)に振込先を登録している$")]
    public async Task 利用者登録の振込先() => await setup.PayeeInCustomerListAsync();

    [System.ComponentModel.Description("お客様がワンタイムパスワードの利用を解除している。aomori・API/画面 (前提は API で用意)")]
    [Given("お客様がワンタイムパスワードの利用を解除している")]
    public Task 利用を解除している() => setup.OtpDeactivatedAsync();

    [System.ComponentModel.Description("利用解除のあと、トークン発行と利用開始をやり直してワンタイムパスワードを再び使っている。aomori・API/画面 (前提は API で用意)")]
    [Given("お客様がワンタイムパスワードの利用を再び開始している")]
    public Task 再び開始している() => setup.OtpInUseAgainAsync();

    [System.ComponentModel.Description("お客様が所定の方法でワンタイムパスワードを申し込んでいる (まだ利用開始前)。akita, kyoei, aomori・API/画面 (前提は API で用意)")]
    [Given("お客様が所定の方法でワンタイムパスワードを申し込んでいる")]
    public Task 申し込んでいる() => setup.OtpAppliedForAsync();

    // ---- メール通知パスワード利用変更 ----

    [System.ComponentModel.Description("メール通知パスワード利用変更で「利用する」を選んで進む。akita, kyoei・API/画面")]
    [When("メール通知パスワード利用変更で「利用する」を選んで進む")]
    public Task 利用する() => ChangeUseAsync(true);

    [System.ComponentModel.Description("メール通知パスワード利用変更で「利用しない」を選んで進む。akita, kyoei・API/画面")]
    [When("メール通知パスワード利用変更で「利用しない」を選んで進む")]
    public Task 利用しない() => ChangeUseAsync(false);

    private async Task ChangeUseAsync(bool use)
    {
        scene.MailsBefore = setup.MailCount(Customer.Email, Subject);
        last.Value = await driver.ChangeMailPasswordUseAsync(use);
    }

    [System.ComponentModel.Description("メール通知パスワード利用変更の変更内容確認画面に進んでいる。akita, kyoei・API/画面")]
    [Then("メール通知パスワード利用変更の変更内容確認に進む")]
    public void 変更内容確認() => Expect.That(last.Required, o => o.Succeeded && o.Next == "confirm", "メール通知パスワード利用変更（変更内容確認）");

    [System.ComponentModel.Description("確認用パスワードと届いたメール通知パスワードで利用変更を確定する。akita, kyoei・API/画面")]
    [When("確認用パスワードと届いたメール通知パスワードを入力して変更を確定する")]
    public async Task 変更を確定する() =>
        last.Value = await driver.ConfirmMailPasswordChangeAsync(Customer.ConfirmationPassword, LatestMailPassword());

    [System.ComponentModel.Description("確認用パスワードと誤ったメール通知パスワードで利用変更の確定を試みる。akita, kyoei・API/画面")]
    [When("確認用パスワードと誤ったメール通知パスワードを入力して変更を確定する")]
    public async Task 誤ったパスワードで確定する() =>
        last.Value = await driver.ConfirmMailPasswordChangeAsync(Customer.ConfirmationPassword, Support.Customer.Mistyped(LatestMailPassword()));

    [System.ComponentModel.Description("メニューのメール通知パスワードの表示が書いた値 (「利用する」など) である。akita, kyoei・API/画面")]
    [Then("メニューのメール通知パスワードは {string} である")]
    public async Task メニューの表示(string expected)
    {
        var actual = await driver.MailPasswordStatusAsync();
        if (actual != expected)
        {
            throw new ExpectationException($"期待: メニューのメール通知パスワード「{expected}」\n実際: 「{actual}」");
        }
    }

    // ---- 振込・振替 ----

    [System.ComponentModel.Description("他口座への振込・振替を選び、入力画面に進めたことまで確かめる。「… を選ぼうとする」(障害用) は結果を確かめない。全銀行・API/画面")]
    [When("他口座への振込・振替を選ぶ")]
    public async Task 他口座()
    {
        scene.Payee = null;
        // A bank without mail passwords (its ledger names no such mail) sends none to count.
        scene.MailsBefore = manual.Has("メール.メール通知パスワード.件名") ? setup.MailCount(Customer.Email, Subject) : 0;
        last.Value = await driver.PrepareTransferToOtherAccountAsync();
        Expect.That(last.Value, o => o.Succeeded, "振込・振替の入力に進む");
    }

    [System.ComponentModel.Description("前提で用意した振込先 (振込・振替先一覧 (利用者登録) か事前に届出のある振込先。二つの文は同じ動作) を選んで次へ進む。kyoei・API/画面")]
    [When(@"^(?:振込・振替先一覧\(利用者登録\)から振込先|事前に届出のある振込先)を選んで次へ進む$")]
    public async Task 振込先を選ぶ()
    {
        scene.Payee = setup.Payee ?? throw new InvalidOperationException("振込先がありません。先に振込先の前提を書いてください。");
        scene.MailsBefore = setup.MailCount(Customer.Email, Subject);
        last.Value = await driver.PrepareTransferToPayeeAsync(scene.Payee);
        Expect.That(last.Value, o => o.Succeeded, "振込・振替の入力に進む");
    }

    [System.ComponentModel.Description("メール通知パスワードのメールが登録メールアドレスにちょうど 1 通、所定の送信元から所定の桁数の数字で届く。akita, kyoei・API/画面")]
    [Then("メール通知パスワードが登録されたメールアドレスに届く")]
    public void 届く()
    {
        var count = setup.MailCount(Customer.Email, Subject);
        if (count != scene.MailsBefore + 1)
        {
            throw new ExpectationException($"期待: {Customer.Email} にメール通知パスワードのメールが 1 通届く\n実際: {count - scene.MailsBefore} 通");
        }

        var mail = setup.LatestMail(Customer.Email, Subject);
        var password = mail.Value(manual["メール.メール通知パスワード.パスワード"]);
        var digits = manual.Number("数.メール通知パスワード桁数");
        if (password.Length != digits || !password.All(char.IsAsciiDigit))
        {
            manual.Failed("数.メール通知パスワード桁数");
            throw new ExpectationException($"期待: 半角数字 {digits} 桁のメール通知パスワード ({manual.Source("数.メール通知パスワード桁数")})\n実際: 「{password}」");
        }

        manual.Expect("メール.メール通知パスワード.送信元", mail.From, "送信元");
        if (manual.Has("メール.メール通知パスワード.表示名"))
        {
            manual.Expect("メール.メール通知パスワード.表示名", mail.FromName, "送信元の表示名");
        }
    }

    [System.ComponentModel.Description("その手続きの間にメール通知パスワードのメールが 1 通も届いていない。akita, kyoei・API/画面")]
    [Then("メール通知パスワードは送信されない")]
    public void 送信されない()
    {
        var count = setup.MailCount(Customer.Email, Subject);
        if (count != scene.MailsBefore)
        {
            throw new ExpectationException($"期待: メール通知パスワードのメールは届かない\n実際: {count - scene.MailsBefore} 通届いた");
        }
    }

    [System.ComponentModel.Description("届いた最新のメール通知パスワードを控えておく (あとで使い回すため)。akita, kyoei・API/画面")]
    [When("届いたメール通知パスワードを控える")]
    public void 控える() => scene.Noted = LatestMailPassword();

    [System.ComponentModel.Description("確認用パスワードと届いた最新のメール通知パスワードで書いた金額を振り込む。akita, kyoei・API/画面")]
    [When("確認用パスワードと届いたメール通知パスワードで {int} 円を振り込む")]
    public Task 届いたパスワードで振込(int yen) => TransferAsync(yen, LatestMailPassword());

    [System.ComponentModel.Description("確認用パスワードと控えておいたメール通知パスワードで書いた金額を振り込む。akita, kyoei・API/画面")]
    [When("確認用パスワードと控えたメール通知パスワードで {int} 円を振り込む")]
    public Task 控えたパスワードで振込(int yen) =>
        TransferAsync(yen, scene.Noted ?? throw new InvalidOperationException("まだメール通知パスワードを控えていません。"));

    [System.ComponentModel.Description("確認用パスワードと、届いた最新のメール通知パスワードと違う値で、書いた金額の振込を書いた回数続けて試みる (振込先は直前に選んだもの。強制ログアウトされたらそこでやめる)。akita, kyoei・API/画面")]
    [When("確認用パスワードと誤ったメール通知パスワードで {int} 円の振込を {int} 回続けて試みる")]
    public async Task 誤ったパスワードで振込(int yen, int times)
    {
        var wrong = Support.Customer.Mistyped(LatestMailPassword());
        await MailPasswordAttempts.TypeAsync(Customer, times, async () =>
        {
            await TransferAsync(yen, wrong);
            return last.Required;
        });
    }

    [System.ComponentModel.Description("メール通知パスワードを入れず、確認用パスワードだけで書いた金額を振り込む。全銀行・API/画面")]
    [When("確認用パスワードだけで {int} 円を振り込む")]
    public Task 確認用パスワードだけで振込(int yen) => TransferAsync(yen, null);

    private async Task TransferAsync(long yen, string? mailPassword) =>
        last.Value = scene.Payee is null
            ? await driver.TransferToOtherAccountAsync(yen, Customer.ConfirmationPassword, mailPassword)
            : await driver.TransferToPayeeAsync(yen, Customer.ConfirmationPassword, mailPassword);

    // ---- トークン発行 (択一) ----

    [System.ComponentModel.Description("メール通知パスワードを利用中のお客様がソフトウェアトークンのトークン発行を申し込む (択一の確認)。akita, kyoei・API/画面")]
    [When("ソフトウェアトークンのトークン発行を申し込む")]
    public async Task トークン発行() =>
        last.Value = await driver.RequestSoftTokenIssueAsync(Customer.PhoneMail, Customer.ActivationPassword, Customer.ConfirmationPassword);

    [System.ComponentModel.Description("スマートフォンに「トークン発行のご案内」のメールが 1 通も届いていない。akita, kyoei, aomori・API/画面")]
    [Then("トークン発行のご案内のメールは届かない")]
    public void ご案内は届かない()
    {
        var count = setup.MailCount(Customer.PhoneMail, manual["メール.トークン発行.件名"]);
        if (count != 0)
        {
            throw new ExpectationException($"期待: {Customer.PhoneMail} にトークン発行のご案内は届かない\n実際: {count} 通届いた");
        }
    }

    // ---- 振込・振替限度額変更 ----

    [System.ComponentModel.Description("振込・振替限度額変更で振込限度額を変える。その銀行が求めるときだけトークンの今のワンタイムパスワードも入れる。全銀行・API/画面")]
    [When("振込・振替限度額変更で振込限度額を {int} 円に変更する")]
    public async Task 限度額変更(int yen)
    {
        var code = manual.Flag("手順.限度額変更にワンタイムパスワード") && (Customer.App ?? (object?)Customer.Vip ?? Customer.Keyfob) is not null
            ? Customer.CurrentCode()
            : null;
        last.Value = await driver.ChangeTransferLimitAsync(yen, Customer.ConfirmationPassword, code);
    }

    private string LatestMailPassword() => setup.LatestMail(Customer.Email, Subject).Value(manual["メール.メール通知パスワード.パスワード"]);
}
