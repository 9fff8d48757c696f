using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using BankCustomer = Harness.Bank.Customers.Customer;
using Harness.Bank.Data;
using Harness.Bank.Mail;
using Harness.Bank.MailPasswords;
using Harness.Bank.Profiles;

namespace Harness.Conformance.Support;

/// <summary>Mutant <c>mail-password-survives-logout</c>: a bank that forgets to void the メール通知パスワード when the session
/// ends, and accepts it in whatever session it is offered — so the password mailed before a logout still moves money after
/// the next login (against 「ログアウトまたは…再度発行されるまで有効」). A new password still replaces the old one.</summary>
public sealed class MailPasswordSurvivingLogout(BankDb db, BankProfile profile, BankMails mails, PasswordHasher hasher, TimeProvider clock, AuditLog audit)
    : MailPasswordService(db, profile, mails, hasher, clock, audit)
{
    public override void EndWithSession(BankCustomer customer)
    {
    }

    protected override async Task<MailPasswordResult> VerifyAsync(BankCustomer customer, Session session, string offered, int failThreshold, CancellationToken ct)
    {
        var matches = customer.MailPasswordHash is { } stored && await Hasher.VerifyAsync(offered, stored, ct);
        return customer.CountMailPasswordAttempt(matches, failThreshold);
    }
}
