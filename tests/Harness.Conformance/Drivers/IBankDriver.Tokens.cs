namespace Harness.Conformance.Drivers;

/// <summary>What the customer types on トークン発行（ソフトウェアトークン発行情報入力）and its confirmation screen.</summary>
public sealed record SoftTokenApplication(
    string MailAddress,
    string MailAddressConfirm,
    string ActivationPassword,
    string ActivationPasswordConfirm,
    string ConfirmationPassword);

/// <summary>What a token screen shows besides its message: 送付先メールアドレス and トークン情報 (サービスID, ユーザID) after a soft
/// issue, シリアル番号 and 有効期限 after a keyfob's 利用開始 (BOK502).</summary>
public sealed record TokenInfo(string? MailAddress = null, string? ServiceId = null, string? UserId = null, string? SerialNo = null, string? ExpiresAt = null)
{
    public static readonly TokenInfo None = new();
}

/// <summary>ワンタイムパスワード申請 (BOP001) and its flows: トークン発行 (BOT010, soft, hard), 利用開始 (BOK501/BOK502).</summary>
public partial interface IBankDriver
{
    /// <summary>The 登録状況 ワンタイムパスワード申請内容選択 shows: 未登録, トークン発行申請中, トークン発行済, サービス利用中, ロック中.</summary>
    Task<string> OtpRegistrationStatusAsync();

    /// <summary>トークン発行 → ソフトウェアトークン: 発行情報入力 → 次へ → 確認 (確認用パスワード, and the メール通知パスワード the bank
    /// mailed at 次へ where the profile asks it, read by <paramref name="mailPassword"/>) → 確定する. Next is "issued" when done.</summary>
    Task<(Outcome Outcome, TokenInfo Info)> IssueSoftTokenAsync(SoftTokenApplication application, Func<string> mailPassword);

    /// <summary>トークン発行 → ハードウェアトークン: 確認用パスワード (and the keyfob's code for a reissue) → トークンを発行する.
    /// Next is "applied" when the bank accepted the application.</summary>
    Task<(Outcome Outcome, TokenInfo Info)> IssueHardTokenAsync(string confirmationPassword, string? code);

    /// <summary>ワンタイムパスワード利用開始: the code (and the keyfob's シリアル番号 on BOK501) → 利用開始する. Next is "activated".</summary>
    Task<(Outcome Outcome, TokenInfo Info)> ActivateOtpAsync(string code, string? serialNo);

    /// <summary>振込・振替限度額変更 (お客様登録情報の変更, AOM-02): the new limit, 確認用パスワード and, where given, the code.
    /// Next is "limit-changed" when done.</summary>
    Task<Outcome> ChangeTransferLimitWithOtpAsync(long limitYen, string confirmationPassword, string? code);
}
