using Harness.Bank.Audit;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Harness.Bank.Vip;
using BankCustomer = Harness.Bank.Customers.Customer;

namespace Harness.Conformance.Support;

/// <summary>Mutant <c>fail-count-not-reset</c> (X-04): a correct code lets the customer in but leaves the count of wrong codes
/// where it was — so the failures are counted in total, not consecutively, and 9 wrong, 1 right, 1 wrong locks a 10-failure bank.</summary>
public sealed class FailCountNotResetOtpChecks(BankDb db, BankProfile profile, ITokenVendor vendor, TimeProvider clock, AuditLog audit)
    : OtpChecks(db, profile, vendor, clock, audit)
{
    private readonly BankDb _db = db;

    public override async Task<OtpResult> VerifyAsync(BankCustomer customer, Token token, string? text, string purpose, CancellationToken ct)
    {
        var before = token.FailCount;
        var result = await base.VerifyAsync(customer, token, text, purpose, ct);
        if (result is OtpResult.Accepted)
        {
            _db.Entry(token).Property(t => t.FailCount).CurrentValue = before;
        }

        return result;
    }
}
