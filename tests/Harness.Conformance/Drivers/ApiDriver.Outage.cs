namespace Harness.Conformance.Drivers;

public sealed partial class ApiDriver
{
    /// <summary>The API answers an outage with {code, message} only: there is no link to follow.</summary>
    public Task<Outcome> BackToLoginFromOutageAsync() =>
        throw new InvalidOperationException("API の障害の応答 (code と message) にはログイン画面へ戻るリンクがありません。このステップは画面 (@ui) の例だけで使えます。");
}
