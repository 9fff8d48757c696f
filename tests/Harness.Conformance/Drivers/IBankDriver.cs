namespace Harness.Conformance.Drivers;

/// <summary>What a customer's action ended in, read the same way from either channel: whether it went through, the screen
/// (or API step) that follows, and the Japanese message shown.</summary>
public sealed record Outcome(bool Succeeded, string Next, string Message)
{
    public override string ToString() => $"{(Succeeded ? "成功" : "拒否")} 次: {Next} 「{Message}」";
}

/// <summary>The customer's actions on the bank, one implementation per channel (the Reqnroll driver pattern):
/// <see cref="ApiDriver"/> over the JSON API, <see cref="UiDriver"/> over the screens with Playwright.</summary>
public partial interface IBankDriver : IAsyncDisposable
{
    /// <summary>ログイン with id and password from a terminal: "pc", "smartphone" or "mobile" (携帯電話のモバイルIB).
    /// Next is "otp" (ワンタイムパスワード認証画面) or "menu".</summary>
    Task<Outcome> LoginAsync(string loginId, string password, string channel = "pc");

    /// <summary>ワンタイムパスワード利用解除 (BOS001): 確認用パスワード, and the code where the profile asks it.</summary>
    Task<Outcome> DeactivateOtpAsync(string confirmationPassword, string? code);

    /// <summary>他口座への振込・振替: 次へ (the bank mails the メール通知パスワード where needed), then 実行 with the amount,
    /// the 確認用パスワード, the mail password and, where given, the token's code (資金移動 with an OTP, AOM-02).</summary>
    Task<Outcome> PrepareTransferToOtherAccountAsync();

    Task<Outcome> TransferToOtherAccountAsync(long amountYen, string confirmationPassword, string? mailPassword, string? code = null) =>
        TransferToOtherAccountAsync(new OtherAccountEntry(amountYen.ToString(System.Globalization.CultureInfo.InvariantCulture), OtherAccountEntry.AnAccountNo, confirmationPassword, mailPassword, code));

    /// <summary>他口座への振込・振替 with every input as the customer types it (for the input rules of X-07).</summary>
    Task<Outcome> TransferToOtherAccountAsync(OtherAccountEntry entry);

    /// <summary>Whether the session still stands (the menu opens).</summary>
    Task<bool> IsLoggedInAsync();

    /// <summary>The 振込限度額 the menu shows, in yen.</summary>
    Task<long> TransferLimitYenAsync();

    /// <summary>The code on ワンタイムパスワード認証画面. Next is "menu" when accepted.</summary>
    Task<Outcome> SubmitLoginOtpAsync(string code);

    Task<Outcome> LogoutAsync();
}
