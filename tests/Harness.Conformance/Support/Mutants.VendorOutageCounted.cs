using Harness.Bank.Audit;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Harness.Bank.Vip;
using BankCustomer = Harness.Bank.Customers.Customer;

namespace Harness.Conformance.Support;

/// <summary>Mutant <c>vendor-outage-counted</c> (X-08): when the VIP token vendor cannot answer, the bank counts the code as
/// wrong instead of refusing it without counting — so an outage alone can lock a customer out.</summary>
public sealed class VendorOutageCountedOtpChecks(BankDb db, BankProfile profile, ITokenVendor vendor, TimeProvider clock, AuditLog audit)
    : OtpChecks(db, profile, vendor, clock, audit)
{
    private readonly int _failThreshold = profile.Otp.FailThreshold;

    public override async Task<OtpResult> VerifyAsync(BankCustomer customer, Token token, string? text, string purpose, CancellationToken ct)
    {
        var result = await base.VerifyAsync(customer, token, text, purpose, ct);
        if (result is not OtpResult.Unavailable)
        {
            return result;
        }

        var counted = token.RecordVendorAnswer(valid: false, _failThreshold);
        Record(customer, purpose, counted);
        return counted;
    }
}
