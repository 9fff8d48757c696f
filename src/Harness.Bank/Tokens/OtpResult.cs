namespace Harness.Bank.Tokens;

/// <summary>What a code check came to. Expected outcomes are values, never exceptions.</summary>
public abstract record OtpResult
{
    private OtpResult() { }

    public sealed record Accepted(long TimeStep) : OtpResult;
    public sealed record Rejected(string Reason) : OtpResult;
    /// <summary>The token is locked; <paramref name="JustNow"/> when this attempt reached the threshold.</summary>
    public sealed record Locked(bool JustNow) : OtpResult;
    /// <summary>Not the expected half-width digits: no failure counted.</summary>
    public sealed record InvalidFormat(string Message) : OtpResult;
    /// <summary>The token vendor could not answer: no failure counted.</summary>
    public sealed record Unavailable : OtpResult;
    /// <summary>The token is past its 有効期限: it shows nothing usable any more, so no code is checked and no failure counted.</summary>
    public sealed record Expired : OtpResult;
}
