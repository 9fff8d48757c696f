namespace Harness.Conformance.Drivers;

/// <summary>What a customer's action ended in, read the same way from either channel: whether it went through, the screen
/// (or API step) that follows, and the Japanese message shown.</summary>
public sealed record Outcome(bool Succeeded, string Next, string Message)
{
    public override string ToString() => $"{(Succeeded ? "成功" : "拒否")} 次: {Next} 「{Message}」";
}

/// <summary>The customer's actions on the bank, one implementation per channel (the Reqnroll driver pattern):
/// <see cref="ApiDriver"/> over the JSON API, <see cref="UiDriver"/> over the screens with Playwright.</summary>
public interface IBankDriver : IAsyncDisposable
{
    /// <summary>ログイン with id and password. Next is "otp" (ワンタイムパスワード認証画面) or "menu".</summary>
    Task<Outcome> LoginAsync(string loginId, string password);

    /// <summary>The code on ワンタイムパスワード認証画面. Next is "menu" when accepted.</summary>
    Task<Outcome> SubmitLoginOtpAsync(string code);

    Task<Outcome> LogoutAsync();
}
