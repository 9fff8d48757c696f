using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Staff;
using Harness.Bank.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Harness.Conformance.Support;

/// <summary>Mutant <c>counter-unlocks-same-token</c> (AKT-07): the 窓口 lifts a lock on the same token even where the manual says
/// use resumes only after 利用停止 and a new トークン発行 — the stopped token's codes work again.</summary>
public sealed class CounterUnlocksSameToken(BankDb db, BankProfile profile, OtpChecks otp, AuditLog audit, CustomerLocks locks, TimeProvider clock)
    : StaffContext(db, profile, otp, audit, locks, clock)
{
    private readonly BankDb _db = db;
    private readonly BankProfile _profile = profile;
    private readonly OtpChecks _otp = otp;
    private readonly AuditLog _audit = audit;
    private readonly CustomerLocks _locks = locks;

    public override async Task<Outcome<StaffDone>> ChangeTokenAsync(string loginId, CounterOperation operation, CancellationToken ct)
    {
        if (operation != CounterOperation.Unlock || _profile.Otp.LockLiftedBy != LockLift.StopAndReissue)
        {
            return await base.ChangeTokenAsync(loginId, operation, ct);
        }

        var customer = await _db.Customers.SingleOrDefaultAsync(c => c.LoginId == loginId, ct);
        if (customer is null)
        {
            return Problem.NotFound("お客様が見つかりません。");
        }

        using var _ = await _locks.EnterAsync(customer.Id, ct);
        var token = await _otp.CurrentTokenAsync(customer.Id, ct);
        if (token is not { State: TokenState.Locked })
        {
            return Problem.Conflict("not_locked", "トークンはロックされていません。");
        }

        token.Unlock();
        _audit.Record("staff", customer.LoginId, "ロック解除", "成功");
        await _db.SaveChangesAsync(ct);
        return new StaffDone("ロック解除が完了しました。", TokenView.Of(token));
    }
}
