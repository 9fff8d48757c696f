using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Data;
using Harness.Bank.Mail;
using Harness.Bank.MailPasswords;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Harness.Conformance.Support;

/// <summary>Mutant <c>keyfob-reused</c>: a bank that breaks AOM-17 — when the customer types the シリアル番号 of a keyfob they
/// deactivated, it puts that keyfob back as a newly posted one instead of refusing it, so 利用開始 accepts it again.</summary>
public sealed class KeyfobReusedOperations(BankDb db, OtpChecks otp, MailPasswordService mailPasswords, BankMails mails, BankProfile profile,
    PasswordHasher hasher, AuditLog audit, CustomerLocks locks, TimeProvider clock)
    : OtpOperations(db, otp, mailPasswords, mails, profile, hasher, audit, locks, clock)
{
    private readonly BankDb _db = db;
    private readonly TimeProvider _clock = clock;

    protected override async Task<Problem?> RefuseEndedKeyfobAsync(Harness.Bank.Customers.Customer customer, string serialNo, CancellationToken ct)
    {
        var ended = await _db.Tokens.AsNoTracking()
            .Where(t => t.SerialNo == serialNo && t.CustomerId == customer.Id && t.Kind == TokenKind.Hard
                && (t.State == TokenState.Deactivated || t.State == TokenState.Stopped))
            .OrderByDescending(t => t.Id).FirstOrDefaultAsync(ct);
        if (ended is { Secret: { } secret, ExpiresAt: { } expiresAt })
        {
            var again = Token.ApplyForKeyfob(customer.Id, _clock.GetUtcNow());
            again.PostKeyfob(serialNo, secret, expiresAt);
            _db.Tokens.Add(again);
            await _db.SaveChangesAsync(ct);
        }

        return null;
    }
}
