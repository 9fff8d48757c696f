namespace Harness.Conformance.Drivers;

public sealed partial class UiDriver
{
    /// <summary>The outage page's link back (its ledger words; a page without it fails naming the ledger item), followed.</summary>
    public async Task<Outcome> BackToLoginFromOutageAsync()
    {
        await (await LinkAsync("障害.ログイン画面へ戻る")).ClickAsync();
        return await ReadOutcomeAsync();
    }
}
