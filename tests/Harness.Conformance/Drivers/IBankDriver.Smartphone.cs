namespace Harness.Conformance.Drivers;

/// <summary>The smartphone login's own entrances to 利用登録 and 利用停止 (shinkin: 「利用登録」「利用停止」 buttons under
/// 「ワンタイムパスワードの利用登録・停止」), whose completion leads back to the smartphone login.</summary>
public partial interface IBankDriver
{
    /// <summary>利用登録 entered from the smartphone login's 「利用登録」 button.</summary>
    Task<Outcome> RegisterVipFromSmartphoneAsync(string loginId, string password, string credentialId, string securityCode);

    /// <summary>利用停止 entered from the smartphone login's 「利用停止」 button.</summary>
    Task<Outcome> StopVipFromSmartphoneAsync(string loginId, string password, string securityCode);
}
