namespace Harness.Conformance.Drivers;

/// <summary>振込・振替, the login state and the 振込限度額 by screen.</summary>
public sealed partial class UiDriver
{
    public Task<Outcome> PrepareTransferToOtherAccountAsync() =>
        throw new NotSupportedException("画面ドライバーはまだ振込・振替を操作できません。このシナリオは @api で実行してください。");

    public Task<Outcome> TransferToOtherAccountAsync(long amountYen, string confirmationPassword, string? mailPassword) =>
        throw new NotSupportedException("画面ドライバーはまだ振込・振替を操作できません。このシナリオは @api で実行してください。");

    public Task<bool> IsLoggedInAsync() =>
        throw new NotSupportedException("画面ドライバーはまだログイン状態を確かめられません。このシナリオは @api で実行してください。");

    public Task<long> TransferLimitYenAsync() =>
        throw new NotSupportedException("画面ドライバーはまだ振込限度額を読めません。このシナリオは @api で実行してください。");
}
