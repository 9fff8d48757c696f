namespace Harness.Conformance.Drivers;

/// <summary>利用解除 (BOS001) by screen.</summary>
public sealed partial class UiDriver
{
    public Task<Outcome> DeactivateOtpAsync(string confirmationPassword, string? code) =>
        throw new NotSupportedException("画面ドライバーはまだワンタイムパスワード利用解除 (BOS001) を操作できません。このシナリオは @api で実行してください。");
}
