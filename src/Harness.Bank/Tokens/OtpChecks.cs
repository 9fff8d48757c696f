using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Vip;
using Microsoft.EntityFrameworkCore;

namespace Harness.Bank.Tokens;

/// <summary>
/// The one place a customer's code is checked, whatever the token: the bank's own seed or the VIP vendor.
/// Call under the customer's lock; the caller saves. Not sealed, and <see cref="VerifyAsync"/> virtual, only so that the
/// conformance suite can put a deliberately broken check in its place (a code-level mutant) and see its scenarios fail.
/// </summary>
public class OtpChecks(BankDb db, BankProfile profile, ITokenVendor vendor, TimeProvider clock, AuditLog audit)
{
    public Task<Token?> CurrentTokenAsync(int customerId, CancellationToken ct) =>
        db.Tokens.Where(t => t.CustomerId == customerId
                && (t.State == TokenState.Applied || t.State == TokenState.Issued || t.State == TokenState.Active || t.State == TokenState.Locked))
            .OrderByDescending(t => t.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>The token a login or a transaction is checked against (サービス利用中 or locked).</summary>
    public async Task<Token?> InUseTokenAsync(int customerId, CancellationToken ct) =>
        await db.Tokens.Where(t => t.CustomerId == customerId && (t.State == TokenState.Active || t.State == TokenState.Locked))
            .OrderByDescending(t => t.Id)
            .FirstOrDefaultAsync(ct);

    public int DigitsOf(Token token) => profile.ParametersFor(token.Kind).Digits;

    /// <summary>
    /// Checks a code for the token's current state: an issued token's first accepted code is its 利用開始
    /// (<see cref="Token.Activate"/>), an active one is verified, a VIP credential is asked of the vendor.
    /// Malformed input and vendor outages count nothing.
    /// </summary>
    public virtual async Task<OtpResult> VerifyAsync(Customer customer, Token token, string? text, string purpose, CancellationToken ct)
    {
        var parameters = profile.ParametersFor(token.Kind);
        if (OtpCode.Parse(text, parameters.Digits, out var problem) is not { } code)
        {
            return new OtpResult.InvalidFormat(problem!.Message);
        }
        OtpResult result;
        if (token.Kind == TokenKind.Vip)
        {
            if (token.State == TokenState.Locked)
            {
                result = new OtpResult.Locked(JustNow: false);
            }
            else
            {
                var answer = await vendor.ValidateAsync(token.CredentialId!, code.Value, ct);
                result = answer == VendorAnswer.Outage
                    ? new OtpResult.Unavailable()
                    : token.RecordVendorAnswer(answer == VendorAnswer.Valid, profile.Otp.FailThreshold);
            }
        }
        else if (token.State == TokenState.Issued)
        {
            result = token.Activate(code, clock.GetUtcNow(), parameters, profile.Otp.FailThreshold);
        }
        else
        {
            result = token.Verify(code, clock.GetUtcNow(), parameters, profile.Otp.FailThreshold);
        }
        Record(customer, purpose, result);
        return result;
    }

    public void Record(Customer customer, string purpose, OtpResult result)
    {
        var outcome = result switch
        {
            OtpResult.Accepted => "成功",
            OtpResult.Rejected r => r.Reason == "replay" ? "失敗(使用済みのコード)" : "失敗",
            OtpResult.Locked { JustNow: true } => "ロック",
            OtpResult.Locked => "拒否(ロック中)",
            OtpResult.Unavailable => "拒否(ベンダー障害)",
            OtpResult.InvalidFormat => "拒否(入力形式)",
            OtpResult.Expired => "拒否(有効期限切れ)",
            _ => "不明",
        };
        if (result is not OtpResult.InvalidFormat)
        {
            audit.Record("customer", customer.LoginId, purpose, outcome);
        }
    }

    /// <summary>The single mapping of a code check's outcome to a refusal (null when accepted).</summary>
    public Problem? ProblemOf(OtpResult result) => result switch
    {
        OtpResult.Accepted => null,
        OtpResult.Rejected => Problem.OtpWrong,
        OtpResult.Locked => Problem.Locked(profile.Texts.OtpLockedMessage),
        OtpResult.InvalidFormat f => Problem.BadInput(f.Message),
        OtpResult.Unavailable => Problem.VendorDown,
        OtpResult.Expired => Problem.TokenExpired,
        _ => throw new InvalidOperationException("unknown result"),
    };

    public bool Requires(OtpUse use) => profile.Otp.RequiredFor.Contains(use);
}
