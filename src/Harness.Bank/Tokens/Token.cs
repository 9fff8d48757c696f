using Harness.Bank.Profiles;

namespace Harness.Bank.Tokens;

public enum TokenKind { Soft, Hard, Vip }

public enum TokenState
{
    /// <summary>Keyfob applied for, not yet posted from stock.</summary>
    Applied,
    /// <summary>トークン発行済: waiting for 利用開始.</summary>
    Issued,
    /// <summary>サービス利用中.</summary>
    Active,
    Locked,
    /// <summary>利用解除 (by the customer or ご利用解除 at the 窓口): never usable again.</summary>
    Deactivated,
    /// <summary>利用停止 (customer or bank): never usable again.</summary>
    Stopped,
}

/// <summary>
/// One token of one customer. The fail counter, the last accepted time step and the state change
/// only through these methods, together.
/// </summary>
public sealed class Token
{
    private Token() { }

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public TokenKind Kind { get; private set; }
    public TokenState State { get; private set; }
    public byte[]? Secret { get; private set; }
    public string? ServiceId { get; private set; }
    public string? UserId { get; private set; }
    public string? ActivationPasswordHash { get; private set; }
    public string? DeviceId { get; private set; }
    public string? SerialNo { get; private set; }
    public string? CredentialId { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public int FailCount { get; private set; }
    public long? LastUsedStep { get; private set; }
    public int Version { get; private set; }

    /// <summary>A token that still belongs to the customer's current credential.</summary>
    public bool IsCurrent => State is TokenState.Applied or TokenState.Issued or TokenState.Active or TokenState.Locked;

    public static Token IssueSoft(int customerId, byte[] secret, string serviceId, string userId, string activationPasswordHash, DateTimeOffset now) => new()
    {
        CustomerId = customerId,
        Kind = TokenKind.Soft,
        State = TokenState.Issued,
        Secret = secret,
        ServiceId = serviceId,
        UserId = userId,
        ActivationPasswordHash = activationPasswordHash,
        IssuedAt = now,
    };

    public static Token ApplyForKeyfob(int customerId, DateTimeOffset now) => new()
    {
        CustomerId = customerId,
        Kind = TokenKind.Hard,
        State = TokenState.Applied,
        IssuedAt = now,
    };

    /// <summary>A VIP credential registered after the vendor confirmed its code; the bank holds no seed.</summary>
    public static Token RegisterVip(int customerId, string credentialId, DateTimeOffset now) => new()
    {
        CustomerId = customerId,
        Kind = TokenKind.Vip,
        State = TokenState.Active,
        CredentialId = credentialId,
        IssuedAt = now,
        ActivatedAt = now,
    };

    /// <summary>The 窓口 posts a keyfob from stock to a customer who applied.</summary>
    public void PostKeyfob(string serialNo, byte[] secret, DateTimeOffset expiresAt)
    {
        Require(State == TokenState.Applied && Kind == TokenKind.Hard, "only an applied keyfob can be posted");
        SerialNo = serialNo;
        Secret = secret;
        ExpiresAt = expiresAt;
        State = TokenState.Issued;
    }

    /// <summary>The app's 初期設定 took this token (once).</summary>
    public void Provision(string deviceId, string serialNo, DateTimeOffset expiresAt)
    {
        Require(Kind == TokenKind.Soft && DeviceId is null, "a soft token is set up once");
        DeviceId = deviceId;
        SerialNo = serialNo;
        ExpiresAt = expiresAt;
    }

    /// <summary>
    /// Checks a code of this token's own seed: the window is exactly the profile's steps, a step at or
    /// before the last accepted one is refused, wrong codes count consecutively up to the threshold.
    /// </summary>
    public OtpResult Verify(OtpCode code, DateTimeOffset now, TotpParameters parameters, int failThreshold)
    {
        if (State == TokenState.Locked)
        {
            return new OtpResult.Locked(JustNow: false);
        }
        Require(Secret is not null && State is TokenState.Issued or TokenState.Active, "token cannot verify codes in state " + State);
        if (ExpiresAt is { } expires && now >= expires)
        {
            // A copied seed must not outlive the token: past its 有効期限 no code of it is accepted.
            return new OtpResult.Expired();
        }
        var step = TotpMath.MatchingStep(Secret!, parameters, code.Value, now);
        if (step is null)
        {
            return CountFailure("wrong code", failThreshold);
        }
        if (LastUsedStep is { } last && step <= last)
        {
            return CountFailure("replay", failThreshold);
        }
        LastUsedStep = step;
        FailCount = 0;
        return new OtpResult.Accepted(step.Value);
    }

    /// <summary>The vendor's answer for a VIP credential, counted like a code check of our own.</summary>
    public OtpResult RecordVendorAnswer(bool valid, int failThreshold)
    {
        if (State == TokenState.Locked)
        {
            return new OtpResult.Locked(JustNow: false);
        }
        Require(Kind == TokenKind.Vip && State == TokenState.Active, "only an active VIP credential is checked by the vendor");
        if (!valid)
        {
            return CountFailure("wrong code", failThreshold);
        }
        FailCount = 0;
        return new OtpResult.Accepted(0);
    }

    /// <summary>利用開始: the code the token shows was accepted, so it becomes サービス利用中.</summary>
    public OtpResult Activate(OtpCode code, DateTimeOffset now, TotpParameters parameters, int failThreshold)
    {
        Require(State is TokenState.Issued or TokenState.Locked, "only an issued token can be activated");
        var result = Verify(code, now, parameters, failThreshold);
        if (result is OtpResult.Accepted)
        {
            State = TokenState.Active;
            ActivatedAt = now;
        }
        return result;
    }

    /// <summary>利用解除: ends the token for good (a deactivated keyfob is never activated again).</summary>
    public void Deactivate(DateTimeOffset now) => End(TokenState.Deactivated, now);

    /// <summary>利用停止: ends the token for good.</summary>
    public void Stop(DateTimeOffset now) => End(TokenState.Stopped, now);

    /// <summary>The 窓口 lifts a lock: the same token works again, counting from zero.</summary>
    public void Unlock()
    {
        Require(State == TokenState.Locked, "only a locked token can be unlocked");
        State = ActivatedAt is null ? TokenState.Issued : TokenState.Active;
        FailCount = 0;
    }

    public bool MayReissueKeyfob(DateTimeOffset now, int windowDays) =>
        Kind == TokenKind.Hard && State == TokenState.Active && ExpiresAt is { } expires && now >= expires.AddDays(-windowDays);

    private OtpResult CountFailure(string reason, int failThreshold)
    {
        FailCount++;
        if (FailCount >= failThreshold)
        {
            State = TokenState.Locked;
            return new OtpResult.Locked(JustNow: true);
        }
        return new OtpResult.Rejected(reason);
    }

    private void End(TokenState final, DateTimeOffset now)
    {
        Require(IsCurrent, "token already ended");
        State = final;
        EndedAt = now;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    internal void Touch() => Version++;
}

/// <summary>A code that is exactly the expected number of half-width digits.</summary>
public readonly record struct OtpCode
{
    private OtpCode(string value) => Value = value;

    public string Value { get; }

    public static OtpCode? Parse(string? text, int digits, out Common.Problem? problem)
    {
        problem = Common.Input.Digits(text, "ワンタイムパスワード", digits, digits);
        return problem is null ? new OtpCode(text!) : null;
    }

    public override string ToString() => "******";
}
