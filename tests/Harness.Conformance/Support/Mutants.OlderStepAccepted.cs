using Harness.Bank.Audit;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Harness.Bank.Vip;
using BankCustomer = Harness.Bank.Customers.Customer;

namespace Harness.Conformance.Support;

/// <summary>Mutant <c>older-step-accepted</c> (X-02): the bank refuses only the very time step it last accepted, not the steps
/// before it — so once a code of a later step was used (a phone clock running fast), a code of an earlier step still inside the
/// window is let in. Only the bank's own tokens: a VIP Access code is judged by the vendor.</summary>
public sealed class OlderStepAcceptedOtpChecks(BankDb db, BankProfile profile, ITokenVendor vendor, TimeProvider clock, AuditLog audit)
    : OtpChecks(db, profile, vendor, clock, audit)
{
    private readonly BankDb _db = db;
    private readonly BankProfile _profile = profile;
    private readonly TimeProvider _clock = clock;

    public override async Task<OtpResult> VerifyAsync(BankCustomer customer, Token token, string? text, string purpose, CancellationToken ct)
    {
        if (token.Kind != TokenKind.Vip && token.Secret is { } secret && token.LastUsedStep is { } last && text is not null
            && TotpMath.MatchingStep(secret, _profile.ParametersFor(token.Kind), text, _clock.GetUtcNow()) is { } step && step < last)
        {
            // The broken check: "step == last" where it should be "step <= last".
            _db.Entry(token).Property(t => t.LastUsedStep).CurrentValue = null;
        }

        return await base.VerifyAsync(customer, token, text, purpose, ct);
    }
}
