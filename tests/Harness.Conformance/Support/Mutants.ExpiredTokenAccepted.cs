using Harness.Bank.Audit;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Harness.Bank.Vip;
using BankCustomer = Harness.Bank.Customers.Customer;

namespace Harness.Conformance.Support;

/// <summary>Mutant <c>expired-token-accepted</c>: the bank forgets a token's 有効期限 before checking its code, so a code of a
/// soft token past its validity (a copied seed, or a code read just before the day changed) is judged like any other.</summary>
public sealed class ExpiredTokenAcceptedOtpChecks(BankDb db, BankProfile profile, ITokenVendor vendor, TimeProvider clock, AuditLog audit)
    : OtpChecks(db, profile, vendor, clock, audit)
{
    private readonly BankDb _db = db;

    public override async Task<OtpResult> VerifyAsync(BankCustomer customer, Token token, string? text, string purpose, CancellationToken ct)
    {
        if (token.ExpiresAt is not null)
        {
            _db.Entry(token).Property(t => t.ExpiresAt).CurrentValue = null;
        }

        return await base.VerifyAsync(customer, token, text, purpose, ct);
    }
}
