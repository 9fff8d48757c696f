using System.Collections.Concurrent;
using Harness.Bank.Audit;
using BankCustomer = Harness.Bank.Customers.Customer;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Harness.Bank.Vip;

namespace Harness.Conformance.Support;

/// <summary>The codes a broken bank remembers as accepted, per token: one per bank (a singleton of its services).</summary>
public sealed class AcceptedCodes
{
    public ConcurrentDictionary<(int TokenId, string Code), bool> Seen { get; } = new();
}

/// <summary>Mutant "reused-code-accepted": the bank remembers the codes it accepted and lets the same code in again
/// without asking the token (or the VIP vendor) — the replay the RFC 6238 §5.2 and NIST SP 800-63B forbid.</summary>
public sealed class ReusedCodeAcceptedOtpChecks(BankDb db, BankProfile profile, ITokenVendor vendor, TimeProvider clock, AuditLog audit,
    AcceptedCodes accepted) : OtpChecks(db, profile, vendor, clock, audit)
{
    public override async Task<OtpResult> VerifyAsync(BankCustomer customer, Token token, string? text, string purpose, CancellationToken ct)
    {
        if (text is not null && accepted.Seen.ContainsKey((token.Id, text)))
        {
            var again = new OtpResult.Accepted(0);
            Record(customer, purpose, again);
            return again;
        }

        var result = await base.VerifyAsync(customer, token, text, purpose, ct);
        if (result is OtpResult.Accepted && text is not null)
        {
            accepted.Seen[(token.Id, text)] = true;
        }

        return result;
    }
}
