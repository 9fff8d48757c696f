using System.Globalization;
using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Harness.Devices.Keyfobs;
using Harness.Devices.Phones;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>What the token flow of a scenario has shown so far: the トークン情報 of the last screen, the app's 初期設定.</summary>
public sealed class TokenFlow
{
    public TokenInfo Info { get; set; } = TokenInfo.None;

    public InitialSetupResult? Setup { get; set; }
}

/// <summary>The token lifecycle of the banks that issue their own app or keyfob (akita, kyoei, aomori): 申込, トークン発行, the
/// app's 初期設定, 利用開始, 利用解除, the keyfob's post and reissue. The customer's actions on the bank go through the driver of
/// the scenario's channel; actions on the phone or keyfob go to the device itself.</summary>
[System.ComponentModel.Category("トークン発行")]
[Binding]
public sealed class トークン発行Steps(IBankDriver driver, Setup setup, World world, LastOutcome last, TokenFlow flow, Evidence evidence, Manual manual, VirtualTime time)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    // ---- 前提 ----

    [System.ComponentModel.Description("窓口でワンタイムパスワードの申込書を受け付ける (前提では受け付け済みにしておく)。akita・API/画面 (窓口操作は API)")]
    [Given("窓口でワンタイムパスワードの申込書が受け付けられている")]
    [When("窓口でワンタイムパスワードの申込書を受け付ける")]
    public Task 申込書の受付() => setup.AcceptOtpApplicationAsync();

    [System.ComponentModel.Description("窓口でワンタイムパスワードのご利用解除を受け付ける。akita・API/画面 (窓口操作は API)")]
    [When("窓口でワンタイムパスワードのご利用解除を受け付ける")]
    public Task ご利用解除() => setup.AtCounterAsync("cancel", "ご利用解除");

    [System.ComponentModel.Description("窓口でワンタイムパスワードの利用停止を受け付ける。akita・API/画面 (窓口操作は API)")]
    [When("窓口でワンタイムパスワードの利用停止を受け付ける")]
    public Task 利用停止() => setup.AtCounterAsync("stop", "利用停止");

    [System.ComponentModel.Description("お客様がハードウェアトークン (キーホルダー型) の利用を開始している。aomori・API/画面 (前提は API で用意)")]
    [Given("お客様がハードウェアトークンを利用している")]
    public Task ハードウェアトークンを利用している() => setup.KeyfobInUseAsync(Setup.DefaultKeyfobExpiry);

    // ---- 時間 ----

    /// <summary>The virtual clock (and the browser's) moves on to exactly <paramref name="days"/> days before the keyfob's 有効期限.</summary>
    [System.ComponentModel.Description("仮想時計をハードウェアトークンの有効期限のちょうど書いた日数前まで進める。aomori・API/画面")]
    [When("ハードウェアトークンの有効期限の {int} 日前になる")]
    public Task 有効期限の日前(int days) => time.JumpToAsync(Keyfob.ExpiresAt.AddDays(-days), $"有効期限の {days} 日前");

    // ---- ログイン ----

    [System.ComponentModel.Description("ID・パスワードでログインし、求められればトークンの今のコードも入れて、メニューが表示されることまで確かめる (申請・変更の前置き)。akita, kyoei, aomori・API/画面")]
    [When("ワンタイムパスワード申請のためにログインする")]
    public async Task 申請のためにログイン()
    {
        var login = await driver.LoginAsync(Customer.LoginId, Customer.Password);
        if (login.Next == "otp")
        {
            var code = await ReadCodeAsync();
            login = await driver.SubmitLoginOtpAsync(code);
            Customer.LastAcceptedCode = code;
        }

        Expect.That(login, o => o.Succeeded && o.Next == "menu", "ログインしてメニューが表示される");
        last.Value = login;
    }

    [System.ComponentModel.Description("ID・パスワードのあと、ワンタイムパスワードの入力画面が表示される。全銀行・API/画面")]
    [Then("ワンタイムパスワードの入力を求められる")]
    public void 求められる() => Expect.That(last.Required, o => o.Succeeded && o.Next == "otp", "ワンタイムパスワード認証画面が表示される");

    [System.ComponentModel.Description("ID・パスワードだけでメニューが表示される (ワンタイムパスワードを求められない)。全銀行・API/画面")]
    [Then("ワンタイムパスワードの入力を求められない")]
    public void 求められない() => Expect.That(last.Required, o => o.Succeeded && o.Next == "menu", "ワンタイムパスワードなしでメニューが表示される");

    // ---- お客様登録情報の変更 ----

    [System.ComponentModel.Description("お客様登録情報の変更で、ワンタイムパスワードを入れずに振込限度額の変更を試みる。aomori・API/画面")]
    [When("ワンタイムパスワードを入れずに振込限度額を {int} 円に変更しようとする")]
    public async Task 限度額変更コードなし(int yen) => last.Value = await driver.ChangeTransferLimitWithOtpAsync(yen, Customer.ConfirmationPassword, null);

    [System.ComponentModel.Description("お客様登録情報の変更で、トークンの今のワンタイムパスワードを入れて振込限度額を変更する。aomori・API/画面")]
    [When("ワンタイムパスワードを入れて振込限度額を {int} 円に変更する")]
    public async Task 限度額変更(int yen) => last.Value = await driver.ChangeTransferLimitWithOtpAsync(yen, Customer.ConfirmationPassword, await ReadCodeAsync());

    // ---- 資金移動 (振込・振替) ----

    [System.ComponentModel.Description("他口座への振込・振替を選び、確認用パスワードとトークンの今のワンタイムパスワードで書いた金額を振り込む (資金移動にワンタイムパスワードを求める銀行)。aomori・API/画面")]
    [When("ワンタイムパスワードを入れて他口座へ {int} 円を振り込む")]
    public async Task コードを入れて振込(int yen)
    {
        var prepared = await driver.PrepareTransferToOtherAccountAsync();
        Expect.That(prepared, o => o.Succeeded, "振込・振替の入力に進む");
        last.Value = await driver.TransferToOtherAccountAsync(yen, Customer.ConfirmationPassword, null, await ReadCodeAsync());
    }

    [System.ComponentModel.Description("他口座への振込・振替を選び、ワンタイムパスワードを入れずに確認用パスワードだけで書いた金額の振込を試みる。aomori・API/画面")]
    [When("ワンタイムパスワードを入れずに他口座へ {int} 円を振り込もうとする")]
    public async Task コードなしで振込(int yen)
    {
        var prepared = await driver.PrepareTransferToOtherAccountAsync();
        Expect.That(prepared, o => o.Succeeded, "振込・振替の入力に進む");
        last.Value = await driver.TransferToOtherAccountAsync(yen, Customer.ConfirmationPassword, null);
    }

    [System.ComponentModel.Description("最後の手続きが断られ、台帳 (マニュアルの記載) の「メッセージ.<名前>」の文言が表示される。名前は台帳の id の「メッセージ.」より後 (例: 確認用パスワード誤り、ワンタイムパスワード誤り、ワンタイムパスワード未入力、メール通知パスワード誤り、強制ログアウト)。全銀行・API/画面")]
    [Then("^手続きができず「(.+)」の案内が表示される$")]
    public void 案内(string name)
    {
        Expect.That(last.Required, o => !o.Succeeded, "手続きが断られる");

        // The id comes from the scenario's words; a name the bank's ledger lacks fails here with the ledger's own advice.
        var id = $"メッセージ.{name}";
        manual.Expect(id, last.Required.Message, name + "の案内");
    }

    // ---- トークン発行 ----

    [System.ComponentModel.Description("携帯電話メールアドレスと利用開始パスワードを正しく (確認用も同じに) 入れてソフトウェアトークンの発行を申し込む。akita, kyoei, aomori・API/画面")]
    [When("ソフトウェアトークンの発行を申し込む")]
    public Task ソフトウェアトークン発行() => IssueSoftAsync(Customer.PhoneMail, Customer.ActivationPassword, Customer.ActivationPassword);

    [System.ComponentModel.Description("確認用の携帯電話メールアドレスだけを違えてソフトウェアトークンの発行を申し込む。akita, kyoei, aomori・API/画面")]
    [When("確認用の携帯電話メールアドレスを違えてソフトウェアトークンの発行を申し込む")]
    public Task メールアドレス違い() => IssueSoftAsync("other-" + Customer.PhoneMail, Customer.ActivationPassword, Customer.ActivationPassword);

    [System.ComponentModel.Description("確認用の利用開始パスワードだけを違えてソフトウェアトークンの発行を申し込む。akita, kyoei, aomori・API/画面")]
    [When("確認用の利用開始パスワードを違えてソフトウェアトークンの発行を申し込む")]
    public Task 利用開始パスワード違い() => IssueSoftAsync(Customer.PhoneMail, Customer.ActivationPassword, Customer.Mistyped(Customer.ActivationPassword));

    [System.ComponentModel.Description("利用開始パスワード (確認用も) を書いた値にしてソフトウェアトークンの発行を申し込む (桁数・文字種の確認)。akita, kyoei, aomori・API/画面")]
    [When("利用開始パスワードを {string} としてソフトウェアトークンの発行を申し込む")]
    public async Task 利用開始パスワード指定(string activationPassword)
    {
        var application = new SoftTokenApplication(Customer.PhoneMail, Customer.PhoneMail, activationPassword, activationPassword, Customer.ConfirmationPassword);
        (last.Value, flow.Info) = await driver.IssueSoftTokenAsync(application, MailedPassword);
    }

    [System.ComponentModel.Description("ソフトウェアトークン発行の確認画面で、届いたメール通知パスワードと違う値を入れて確定しようとする (ほかは正しく入れる)。aomori・API/画面")]
    [When("誤ったメール通知パスワードでソフトウェアトークンの発行を申し込む")]
    public async Task メール通知パスワード違い()
    {
        var application = new SoftTokenApplication(Customer.PhoneMail, Customer.PhoneMail, Customer.ActivationPassword, Customer.ActivationPassword, Customer.ConfirmationPassword);
        (last.Value, flow.Info) = await driver.IssueSoftTokenAsync(application, () => Support.Customer.Mistyped(MailedPassword()));
    }

    [System.ComponentModel.Description("ソフトウェアトークン発行の確認画面で、届いたメール通知パスワードと違う値を書いた回数続けて入れて確定しようとする (強制ログアウトされたらそこでやめる)。aomori・API")]
    [When("ソフトウェアトークンの発行でメール通知パスワードを {int} 回続けて間違える")]
    public async Task メール通知パスワードを続けて間違える(int times)
    {
        var application = new SoftTokenApplication(Customer.PhoneMail, Customer.PhoneMail, Customer.ActivationPassword, Customer.ActivationPassword, Customer.ConfirmationPassword);
        last.Value = await MailPasswordAttempts.TypeAsync(Customer, times, async () =>
        {
            (var outcome, flow.Info) = await driver.IssueSoftTokenAsync(application, () => Support.Customer.Mistyped(MailedPassword()));
            return outcome;
        }) ?? last.Value;
    }

    private async Task IssueSoftAsync(string mailConfirm, string activation, string activationConfirm)
    {
        var application = new SoftTokenApplication(Customer.PhoneMail, mailConfirm, activation, activationConfirm, Customer.ConfirmationPassword);
        (last.Value, flow.Info) = await driver.IssueSoftTokenAsync(application, MailedPassword);
    }

    /// <summary>The メール通知パスワード the bank has just mailed to the customer's registered address.</summary>
    private string MailedPassword() => setup.MailedPassword(Customer);

    [System.ComponentModel.Description("発行後の画面に送付先メールアドレスと、届いたご案内と同じ桁数どおりのサービスID・ユーザIDが表示される。akita, kyoei, aomori・API/画面")]
    [Then("送付先メールアドレスとトークン情報が表示される")]
    public void 送付先とトークン情報()
    {
        var mail = setup.LatestMail(Customer.PhoneMail, manual["メール.トークン発行.件名"]);
        var expected = new TokenInfo(Customer.PhoneMail, mail.Value(manual["メール.トークン発行.サービスID"]), mail.Value(manual["メール.トークン発行.ユーザID"]));
        var (serviceDigits, userDigits) = (manual.Number("数.サービスID桁数"), manual.Number("数.ユーザID桁数"));
        if (flow.Info != expected || flow.Info.ServiceId!.Length != serviceDigits || flow.Info.UserId!.Length != userDigits
            || !flow.Info.ServiceId.All(char.IsAsciiDigit) || !flow.Info.UserId.All(char.IsAsciiDigit))
        {
            if (flow.Info.ServiceId?.Length != serviceDigits)
            {
                manual.Failed("数.サービスID桁数");
            }

            if (flow.Info.UserId?.Length != userDigits)
            {
                manual.Failed("数.ユーザID桁数");
            }

            throw new ExpectationException($"期待: 送付先 {expected.MailAddress}、サービスID {expected.ServiceId} ({serviceDigits} 桁)、ユーザID {expected.UserId} ({userDigits} 桁)\n実際: {flow.Info}");
        }
    }

    [System.ComponentModel.Description("お客様の登録メールアドレスに最後に届いたメールの件名が書いたとおりで、送信元 (と表示名) がその銀行の台帳のそのメールのものである。akita, kyoei, aomori・API/画面")]
    [Then("お客様のメールアドレスに件名 {string} のメールが届く")]
    public void お客様にメール(string subject) => ExpectMail(Customer.Email, subject);

    [System.ComponentModel.Description("スマートフォン (携帯電話メールアドレス) に最後に届いたメールの件名が書いたとおりで、送信元 (と表示名) がその銀行の台帳のそのメールのものである。akita, kyoei, aomori・API/画面")]
    [Then("スマートフォンに件名 {string} のメールが届く")]
    public void スマートフォンにメール(string subject) => ExpectMail(Customer.PhoneMail, subject);

    /// <summary>The mail's subject is the scenario's; its sender and display name are those the bank's ledger gives the mail of
    /// that subject (メール.&lt;名&gt;.件名 → .送信元, .表示名).</summary>
    private void ExpectMail(string to, string subject)
    {
        var mail = world.Devices.MailSourceFor(to).Messages.LastOrDefault()
            ?? throw new ExpectationException($"期待: {to} に件名「{subject}」のメール\n実際: メールは届いていない");
        var kind = manual.Ledger.Items.FirstOrDefault(i => i.Kind == "件名" && i.Text == subject && i.Id.StartsWith("メール.", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"件名「{subject}」のメールが features/{manual.Ledger.Bank}/マニュアルの記載.yaml にありません。");
        var prefix = kind.Id[..^".件名".Length];
        manual.Expect(kind.Id, mail.Subject, "件名");
        manual.Expect(prefix + ".送信元", mail.From, "送信元");
        if (manual.Has(prefix + ".表示名"))
        {
            manual.Expect(prefix + ".表示名", mail.FromName, "送信元の表示名");
        }

        if (manual.Has(prefix + ".送信元ドメイン") && !mail.From.EndsWith(manual[prefix + ".送信元ドメイン"], StringComparison.Ordinal))
        {
            manual.Failed(prefix + ".送信元ドメイン");
            throw new ExpectationException($"期待: 送信元のドメイン「{manual[prefix + ".送信元ドメイン"]}」({manual.Source(prefix + ".送信元ドメイン")})\n実際: 「{mail.From}」");
        }

        if (manual.Has(prefix + ".ダウンロードURL") && (!mail.Body.Contains(manual[prefix + ".ダウンロードURL"], StringComparison.Ordinal) || mail.Urls.Count == 0))
        {
            manual.Failed(prefix + ".ダウンロードURL");
            throw new ExpectationException($"期待: 本文に「{manual[prefix + ".ダウンロードURL"]}」とダウンロードの URL ({manual.Source(prefix + ".ダウンロードURL")})\n実際: {mail.Body}");
        }

        if (manual.Has(prefix + ".送信日時"))
        {
            ExpectSentAt(mail, prefix);
        }

        // A mail the manual also calls by a name of its own opens with that name as its heading.
        if (manual.Has(prefix + ".見出し"))
        {
            var firstLine = mail.Body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            manual.Expect(prefix + ".見出し", firstLine, "本文の見出し (最初の行)");
        }
    }

    /// <summary>The mail states when it was sent (its 送信日時 line), in the manual's pictured shape (「…送信日時の例」, e.g.
    /// 2012年04月25日 10時26分10秒), and that is the moment it arrived on the harness's clock, in Japan time.</summary>
    private void ExpectSentAt(Harness.Devices.Mail.ReceivedMail mail, string prefix)
    {
        var label = manual[prefix + ".送信日時"];
        // The example is the manual's picture of the format, not a text the bank shows: read without recording it.
        var example = manual.Ledger[prefix + ".送信日時の例"].Text;
        var expected = Harness.Devices.JapanTime.ToJapan(mail.ReceivedAt).ToString("yyyy年MM月dd日 HH時mm分ss秒", System.Globalization.CultureInfo.InvariantCulture);
        var shape = "^" + System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(example), @"\d", @"\d") + "$";
        if (!System.Text.RegularExpressions.Regex.IsMatch(expected, shape))
        {
            throw new InvalidOperationException($"ステップの日時の書式が台帳の例「{example}」と合いません: 「{expected}」");
        }

        var actual = mail.Values.TryGetValue(label, out var value) ? value : null;
        if (actual != expected)
        {
            manual.Failed(prefix + ".送信日時");
            throw new ExpectationException($"期待: 本文に「{label}：{expected}」(届いた時刻、例「{example}」の書式。{manual.Source(prefix + ".送信日時")})\n実際: 「{actual}」");
        }
    }

    [System.ComponentModel.Description("ログイン中のお客様の「ワンタイムパスワード申請内容選択」画面 (API は GET /api/otp/) の登録状況が書いた値である。「ワンタイムパスワードの登録状況は … である」(行員の照会) とは見る場所が違う。akita, kyoei, aomori・API/画面")]
    [Then("登録状況は {string} である")]
    public async Task 登録状況(string expected)
    {
        // The scenario's word is the manual's (登録状況.* of the ledger carries the same word and is recorded with it).
        manual.ExpectWords(expected, await driver.OtpRegistrationStatusAsync(), "登録状況");
    }

    [System.ComponentModel.Description("最後の手続きが断られ、書いたメッセージが表示される。「… と表示される」と違い、断られたことも確かめる。全銀行・API/画面")]
    [Then("手続きができず {string} と表示される")]
    public void 手続きができない(string message)
    {
        Expect.That(last.Required, o => !o.Succeeded, $"手続きができず「{message}」と表示される");
        manual.ExpectWords(message, last.Required.Message, "案内");
    }

    // ---- スマートフォンのアプリ ----

    [System.ComponentModel.Description("機種変更で新しいスマートフォンに替える (古いスマートフォンからは組合のアプリを削除)。akita, kyoei, aomori・API/画面")]
    [When("機種変更のため新しいスマートフォンに替える")]
    public void 機種変更()
    {
        if (Customer.Phone is { } old && Customer.App is { } app)
        {
            old.UninstallBankOtpApp(app);
        }

        Customer.App = null;
        Customer.Phone = world.Devices.NewPhone(Customer.PhoneMail);
    }

    /// <summary>手順7 and アプリの初期設定: the download URL of 「トークン発行のご案内」, 通信の許諾 (はい), the anti-copy terms, then
    /// サービスID, ユーザID and 利用開始パスワード → 送信.</summary>
    [System.ComponentModel.Description("スマートフォンで「トークン発行のご案内」のメールからアプリを入れ、通信の許諾・コピー防止の同意のあとサービスID・ユーザID・利用開始パスワードで初期設定する。akita, kyoei, aomori・API/画面")]
    [When("スマートフォンでトークン発行のご案内のメールからアプリを入れて初期設定する")]
    public async Task アプリの初期設定()
    {
        var phone = Customer.Phone ??= world.Devices.NewPhone(Customer.PhoneMail);
        var mail = setup.LatestMail(Customer.PhoneMail, manual["メール.トークン発行.件名"]);
        var app = phone.InstallBankOtpAppFrom(mail);
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();
        Customer.App = app;
        await SetUpAsync(app, mail);
    }

    [System.ComponentModel.Description("入っているアプリで、最新の「トークン発行のご案内」の値でもう一度初期設定する。akita, kyoei, aomori・API/画面")]
    [When("スマートフォンのアプリで初期設定をやり直す")]
    public Task 初期設定をやり直す() =>
        SetUpAsync(Customer.App ?? throw new InvalidOperationException("アプリが入っていません。"), setup.LatestMail(Customer.PhoneMail, manual["メール.トークン発行.件名"]));

    private async Task SetUpAsync(BankOtpApp app, Harness.Devices.Mail.ReceivedMail mail)
    {
        flow.Setup = await app.InitialSetupAsync(mail.Value(manual["メール.トークン発行.サービスID"]), mail.Value(manual["メール.トークン発行.ユーザID"]), Customer.ActivationPassword);
        if (flow.Setup is InitialSetupResult.Completed)
        {
            await ShowDeviceAsync(app.RenderScreenHtml(), "アプリ-初期設定完了");
            app.Next();
        }
    }

    [System.ComponentModel.Description("アプリの初期設定が完了している。akita, kyoei, aomori・API/画面")]
    [Then("アプリの初期設定が完了する")]
    public void 初期設定完了()
    {
        if (flow.Setup is not InitialSetupResult.Completed)
        {
            throw new ExpectationException($"期待: 初期設定完了\n実際: {flow.Setup}");
        }
    }

    [System.ComponentModel.Description("アプリの初期設定が書いたメッセージで断られている。akita, kyoei, aomori・API/画面")]
    [Then("アプリの初期設定が {string} と断られる")]
    public void 初期設定を断られる(string message)
    {
        if (flow.Setup is not InitialSetupResult.Refused refused)
        {
            throw new ExpectationException($"期待: 初期設定が「{message}」と断られる\n実際: {flow.Setup}");
        }

        // The scenario's words count for the ledger items of the same text (メッセージ.翌日以降に初期設定 and the like).
        manual.ExpectWords(message, refused.Message, "初期設定を断った案内");
    }

    [System.ComponentModel.Description("アプリに組合の名称、書いた桁数のワンタイムパスワード、数字の SerialNo、今日の利用開始日と有効期限が表示される。akita, kyoei, aomori・API/画面")]
    [Then("アプリに組合の名称と{int}桁のワンタイムパスワードとSerialNo・利用開始日・有効期限が表示される")]
    public async Task アプリの表示(int digits)
    {
        var app = Customer.App ?? throw new InvalidOperationException("アプリが入っていません。");
        await ShowDeviceAsync(app.RenderScreenHtml(), "アプリ");
        var screen = app.ReadScreen();
        var today = DateOnly.FromDateTime(world.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime);
        var expected = (manual["金融機関名"], digits, Harness.Devices.JapanTime.FormatDate(today),
            Harness.Devices.JapanTime.FormatDate(today.AddYears(manual.Number("数.ソフトトークン有効年数")).AddDays(-1)));
        var actual = (screen.InstitutionName, screen.Code?.Length ?? 0, screen.ActivatedOn, screen.ExpiresOn);
        if (actual != expected || screen.SerialNo is not { Length: > 0 } serial || !serial.All(char.IsAsciiDigit) || !screen.Code!.All(char.IsAsciiDigit))
        {
            throw new ExpectationException($"期待: {expected} と数字の SerialNo\n実際: {actual} SerialNo {screen.SerialNo}");
        }
    }

    [System.ComponentModel.Description("アプリに表示されている今のワンタイムパスワードで利用開始する。akita, kyoei, aomori・API/画面")]
    [When("アプリに表示されたワンタイムパスワードで利用開始する")]
    public async Task アプリのコードで利用開始()
    {
        var code = await ReadCodeAsync();
        (last.Value, flow.Info) = await driver.ActivateOtpAsync(code, null);
    }

    // ---- ハードウェアトークン ----

    [System.ComponentModel.Description("確認用パスワードでハードウェアトークンの発行を申し込む。aomori・API/画面")]
    [When("ハードウェアトークンの発行を申し込む")]
    public async Task ハードウェアトークン発行() => (last.Value, flow.Info) = await driver.IssueHardTokenAsync(Customer.ConfirmationPassword, null);

    [System.ComponentModel.Description("有効期限到来によるハードウェアトークンの再発行を、確認用パスワードと今のワンタイムパスワードで申し込む。aomori・API/画面")]
    [When("有効期限到来によるハードウェアトークンの再発行を申し込む")]
    public async Task 再発行() => (last.Value, flow.Info) = await driver.IssueHardTokenAsync(Customer.ConfirmationPassword, await ReadCodeAsync());

    [System.ComponentModel.Description("有効期限到来によるハードウェアトークンの再発行を、ワンタイムパスワードを入れずに確認用パスワードだけで申し込もうとする。aomori・API/画面")]
    [When("ワンタイムパスワードを入れずに有効期限到来によるハードウェアトークンの再発行を申し込む")]
    public async Task コードなしで再発行() => (last.Value, flow.Info) = await driver.IssueHardTokenAsync(Customer.ConfirmationPassword, null);

    [System.ComponentModel.Description("申し込んだハードウェアトークンが郵送で届く (アプリは使わなくなる)。aomori・API/画面")]
    [When("ハードウェアトークンが郵送で届く")]
    public async Task 郵送で届く()
    {
        Customer.App = null;
        await setup.DeliverKeyfobAsync(Setup.DefaultKeyfobExpiry);
    }

    [System.ComponentModel.Description("手元のハードウェアトークンのシリアル番号と今のワンタイムパスワードで利用開始する (利用解除したものでは試みるだけ)。aomori・API/画面")]
    [When("ハードウェアトークンのシリアル番号とワンタイムパスワードで利用開始する")]
    [When("利用解除したハードウェアトークンのシリアル番号とワンタイムパスワードで利用開始を試みる")]
    public async Task シリアル番号で利用開始()
    {
        var code = await ReadCodeAsync();
        (last.Value, flow.Info) = await driver.ActivateOtpAsync(code, Keyfob.Serial.Value);
    }

    [System.ComponentModel.Description("画面にハードウェアトークンのシリアル番号と有効期限 (日本時間) が表示される。aomori・API/画面")]
    [Then("ハードウェアトークンのシリアル番号と有効期限が表示される")]
    public void シリアル番号と有効期限()
    {
        var expected = new TokenInfo(SerialNo: Keyfob.Serial.Value,
            ExpiresAt: Keyfob.ExpiresAt.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy年MM月dd日 HH時mm分", CultureInfo.InvariantCulture));
        if (flow.Info != expected)
        {
            throw new ExpectationException($"期待: {expected}\n実際: {flow.Info}");
        }
    }

    private Keyfob Keyfob => Customer.Keyfob ?? throw new InvalidOperationException("お客様はハードウェアトークンを持っていません。");

    /// <summary>The customer reads the code on the phone app or presses the keyfob's button; in a UI scenario the device's screen
    /// goes into the report beside the bank's screens.</summary>
    private async Task<string> ReadCodeAsync()
    {
        var code = Customer.CurrentCode();
        if (Customer.App is { } app)
        {
            await ShowDeviceAsync(app.RenderScreenHtml(), "アプリ");
        }
        else if (Customer.Keyfob is { } keyfob)
        {
            await ShowDeviceAsync(keyfob.RenderScreenHtml(), "ハードウェアトークン");
        }

        return code;
    }

    private async Task ShowDeviceAsync(string html, string name)
    {
        if (driver is UiDriver ui)
        {
            evidence.Attach(await ui.PictureOfDeviceScreenAsync(html), $"端末-{name}.png");
        }
    }
}
