using System.Globalization;
using System.Security.Cryptography;
using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.Mail;
using Harness.Bank.Profiles;

namespace Harness.Bank.MailPasswords;

/// <summary>
/// メール通知パスワード: mailed to the customer's address, valid until logout or a new one is issued,
/// the profile's number of wrong entries forces a logout. Call under the customer's lock; the caller saves.
/// </summary>
public class MailPasswordService(BankDb db, BankProfile profile, BankMails mails, PasswordHasher hasher, TimeProvider clock, AuditLog audit)
{
    public static readonly Problem ForcedLogout = new(401, "forced_logout",
        "メール通知パスワードを規定回数誤って入力されたため、強制ログアウトしました。再度ログインしてください。");

    public static readonly Problem Wrong = new(401, "mail_password_rejected", "メール通知パスワードが正しくありません。");

    /// <summary>Issues a new password (the previous one becomes invalid) and mails it; nothing changes if the mail server is down.</summary>
    public async Task<Outcome<DateTimeOffset>> SendAsync(Customer customer, Session session, CancellationToken ct)
    {
        var password = RandomNumberGenerator.GetInt32(0, (int)Math.Pow(10, profile.MailPassword.Digits))
            .ToString(new string('0', profile.MailPassword.Digits), CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        if (!await mails.MailPasswordAsync(customer.Email, password, now, ct))
        {
            audit.Record("system", customer.LoginId, "メール通知パスワード発行", "拒否(メールサーバ障害)");
            return Problem.MailDown;
        }
        customer.IssueMailPassword(await hasher.HashAsync(password, ct), session.IdHash, now);
        audit.Record("system", customer.LoginId, "メール通知パスワード発行", "成功");
        return now;
    }

    protected PasswordHasher Hasher => hasher;

    /// <summary>At login and at logout: the mail password of the session that ends is void, the count of wrong entries starts again.</summary>
    public virtual void EndWithSession(Customer customer) => customer.EndMailPassword();

    /// <summary>The offered password against the one issued in this session (a password of another session is void).</summary>
    protected virtual async Task<MailPasswordResult> VerifyAsync(Customer customer, Session session, string offered, int failThreshold, CancellationToken ct)
    {
        var matches = customer.MailPasswordHash is { } stored && customer.MailPasswordSessionId == session.IdHash
            && await hasher.VerifyAsync(offered, stored, ct);
        return customer.CountMailPasswordAttempt(matches, failThreshold);
    }

    /// <summary>null when accepted; on the last allowed wrong entry the session ends (強制ログアウト).</summary>
    public async Task<Problem?> CheckAsync(Customer customer, Session session, string? offered, CancellationToken ct)
    {
        if (Input.Digits(offered, "メール通知パスワード", profile.MailPassword.Digits, profile.MailPassword.Digits) is { } bad)
        {
            return bad;
        }
        var result = await VerifyAsync(customer, session, offered!, profile.MailPassword.FailThreshold, ct);
        switch (result)
        {
            case MailPasswordResult.Accepted:
                audit.Record("customer", customer.LoginId, "メール通知パスワード認証", "成功");
                return null;
            case MailPasswordResult.ForcedLogout:
                db.Sessions.Remove(session);
                audit.Record("customer", customer.LoginId, "メール通知パスワード認証", "強制ログアウト");
                return ForcedLogout;
            default:
                audit.Record("customer", customer.LoginId, "メール通知パスワード認証", "失敗");
                return Wrong;
        }
    }
}
