namespace Harness.Conformance.Drivers;

/// <summary>The VIP Access banks' login-screen procedures (小松川「利用登録/交換」, 信用金庫「ワンタイムパスワードの利用登録はこちら」
/// and「ワンタイムパスワードの利用停止はこちら」): 利用者認証 (契約者ID + ログインパスワード), then the token's part.</summary>
public partial interface IBankDriver
{
    /// <summary>利用登録 (or 交換) with the トークンID (Credential ID) and the ワンタイムパスワード (Security Code). A completion's
    /// Message is the bank's sentence, followed by a line "(code)" where the bank shows a message code.</summary>
    Task<Outcome> RegisterVipAsync(string loginId, string password, string credentialId, string securityCode);

    /// <summary>利用停止 with the セキュリティコード (ワンタイムパスワード).</summary>
    Task<Outcome> StopVipAsync(string loginId, string password, string securityCode);

    /// <summary>What the customer can read of the bank's last answer: the current screen's HTML, or the body of the API's answer
    /// to the last 利用登録 / 利用停止 (X-06 looks for secrets in it).</summary>
    Task<string> LastAnswerTextAsync();
}
