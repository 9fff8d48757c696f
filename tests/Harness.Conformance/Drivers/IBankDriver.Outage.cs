namespace Harness.Conformance.Drivers;

/// <summary>The way back the outage page offers: the screens show a link to the ログイン screen; the API's refusal is
/// a code and a message with no next action, so only the screens can follow it.</summary>
public partial interface IBankDriver
{
    /// <summary>On the outage page now shown, follows the link the ledger's 障害.ログイン画面へ戻る names and returns the
    /// screen reached (Next "login" for the ログイン screen).</summary>
    Task<Outcome> BackToLoginFromOutageAsync();
}
