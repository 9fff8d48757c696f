namespace Harness.Conformance.Drivers;

/// <summary>A payee the customer picks from 振込・振替先一覧(利用者登録) on the 振込・振替 screen.</summary>
/// <summary>The inputs of 他口座への振込・振替, as typed; the payee's name and bank are fixed test data.</summary>
public sealed record OtherAccountEntry(string AmountYen, string AccountNo, string ConfirmationPassword, string? MailPassword, string? Code)
{
    /// <summary>An account number of the right form (7 half-width digits).</summary>
    public const string AnAccountNo = "7654321";
}

/// <param name="NoteId">The ledger item of the words the screen adds to this payee's line (kyoei's 「事前に届出のある振込先」), where
/// the manual prints them.</param>
public sealed record PayeeChoice(string BankName, string BranchName, string AccountNo, string AccountName, string? NoteId = null)
{
    /// <summary>The line the screen shows for the payee (its radio button's label begins with it).</summary>
    public string Label => $"{BankName} {BranchName} {AccountNo} {AccountName}";
}

/// <summary>メール通知パスワード利用変更, 振込・振替 to a listed payee, 振込・振替限度額変更 and the menu's mail password status.</summary>
public partial interface IBankDriver
{
    /// <summary>メール通知パスワード利用変更 (変更内容入力): 利用する / 利用しない, then the profile's button
    /// (「メール通知パスワード情報の変更確認画面へ」 or 「次へ」). Next is "confirm" (変更内容確認: the bank mailed a password to
    /// confirm with) or "done" (変更完了).</summary>
    Task<Outcome> ChangeMailPasswordUseAsync(bool use);

    /// <summary>メール通知パスワード利用変更 (変更内容確認): 確認用パスワード and the mailed password, 変更を確定する. Next is "done".</summary>
    Task<Outcome> ConfirmMailPasswordChangeAsync(string confirmationPassword, string mailPassword);

    /// <summary>振込・振替: the payee chosen from 振込・振替先一覧(利用者登録), then 次へ (the bank mails the メール通知パスワード where needed).</summary>
    Task<Outcome> PrepareTransferToPayeeAsync(PayeeChoice payee);

    /// <summary>振込・振替 to the payee chosen by <see cref="PrepareTransferToPayeeAsync"/>: 実行 with the amount, the
    /// 確認用パスワード and, when the screen asks it, the mail password.</summary>
    Task<Outcome> TransferToPayeeAsync(long amountYen, string confirmationPassword, string? mailPassword);

    /// <summary>振込・振替限度額変更: the new 振込限度額, the 確認用パスワード and the code where the profile asks it. Next is "done".</summary>
    Task<Outcome> ChangeTransferLimitAsync(long limitYen, string confirmationPassword, string? code) =>
        ChangeTransferLimitAsync(limitYen.ToString(System.Globalization.CultureInfo.InvariantCulture), confirmationPassword, code);

    /// <summary>振込・振替限度額変更 with the new limit as the customer types it (for the input rules of X-07).</summary>
    Task<Outcome> ChangeTransferLimitAsync(string limitYen, string confirmationPassword, string? code);

    /// <summary>ワンタイムパスワード申請 → トークン発行 (ソフトウェアトークン): 携帯電話メールアドレス and 利用開始パスワード (each twice),
    /// 次へ, then 確認用パスワード and 確定する. Next is "issued" (発行完了). For the exclusivity with the mail password; a profile
    /// that asks a mail password on the confirmation (aomori) is not handled here.</summary>
    Task<Outcome> RequestSoftTokenIssueAsync(string phoneMail, string activationPassword, string confirmationPassword);

    /// <summary>メール通知パスワード as the menu shows it: 「利用する」 or 「利用しない」.</summary>
    Task<string> MailPasswordStatusAsync();
}
