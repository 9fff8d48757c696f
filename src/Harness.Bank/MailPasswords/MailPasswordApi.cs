using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;

namespace Harness.Bank.MailPasswords;

public sealed record MailPasswordChangeRequest(bool? Use);
public sealed record MailPasswordConfirmRequest(string? ConfirmationPassword, string? MailPassword);
public sealed record MailPasswordChanged(string Status, string Message, DateTimeOffset? SentAt, string? SentTo);

public static class MailPasswordApi
{
    public static RouteGroupBuilder MapMailPasswordSettings(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/settings/mail-password");
        api.MapPost("/", (MailPasswordChangeRequest request, HttpContext http, Sessions s, MailPasswordOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.SettingsChange, c => ops.ChangeAsync(c, request, ct), ct));
        api.MapPost("/confirm", (MailPasswordConfirmRequest request, HttpContext http, Sessions s, MailPasswordOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.SettingsChange, c => ops.ConfirmAsync(c, request, ct), ct));
        return api;
    }
}

/// <summary>メール通知パスワード利用変更 (利用する / 利用しない).</summary>
public sealed class MailPasswordOperations(BankDb db, OtpChecks otp, MailPasswordService mailPasswords, BankProfile profile, AuditLog audit, PasswordHasher hasher,
    CustomerLocks locks)
{
    public async Task<Outcome<MailPasswordChanged>> ChangeAsync(Sessions.Current c, MailPasswordChangeRequest request, CancellationToken ct)
    {
        if (request.Use is not { } use)
        {
            return Problem.BadInput("「利用する」または「利用しない」を選択してください。");
        }
        if (!profile.MailPassword.Offered || !profile.MailPassword.CustomerChooses)
        {
            return Problem.NotFound("このお手続きはお取り扱いしておりません。");
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var customer = c.Customer;
        if (!use)
        {
            customer.ChooseMailPassword(MailPasswordSetting.Off);
            customer.EndMailPassword();
            audit.Record("customer", customer.LoginId, "メール通知パスワード利用解除", "成功");
            await db.SaveChangesAsync(ct);
            return new MailPasswordChanged("利用しない", "メール通知パスワードの利用を解除しました。", null, null);
        }
        if (profile.MailPassword.ExclusiveWithOtp && await otp.CurrentTokenAsync(customer.Id, ct) is not null)
        {
            return Problem.Conflict("exclusive", "「ワンタイムパスワード」と「メール通知パスワード」はどちらか一方のみご利用いただけます。");
        }
        var sent = await mailPasswords.SendAsync(customer, c.Session, ct);
        if (sent.Failed)
        {
            await db.SaveChangesAsync(ct);
            return sent.Problem!;
        }
        var confirm = profile.MailPassword.EnrolmentNeedsConfirmation;
        customer.ChooseMailPassword(confirm ? MailPasswordSetting.Pending : MailPasswordSetting.On);
        if (!confirm)
        {
            audit.Record("customer", customer.LoginId, "メール通知パスワード利用登録", "成功");
        }
        await db.SaveChangesAsync(ct);
        return new MailPasswordChanged(
            confirm ? "変更内容確認" : "利用する",
            confirm
                ? "登録されたメールアドレス宛にメール通知パスワードを送信しました。確認用パスワードと通知されたパスワードを入力し、「変更を確定する」を押してください。"
                : "メール通知パスワードの利用開始登録が完了しました。",
            JapanTime.ToJst(sent.Value),
            customer.Email);
    }

    public async Task<Outcome<MailPasswordChanged>> ConfirmAsync(Sessions.Current c, MailPasswordConfirmRequest request, CancellationToken ct)
    {
        if (Input.Alphanumeric(request.ConfirmationPassword, "確認用パスワード", 6, 12) is { } bad)
        {
            return bad;
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var customer = c.Customer;
        if (customer.MailPassword != MailPasswordSetting.Pending)
        {
            return Problem.Conflict("nothing_to_confirm", "確定する変更内容がありません。");
        }
        if (!await hasher.VerifyAsync(request.ConfirmationPassword!, customer.ConfirmationPasswordHash, ct))
        {
            return Problem.WrongConfirmationPassword;
        }
        if (await mailPasswords.CheckAsync(customer, c.Session, request.MailPassword, ct) is { } problem)
        {
            await db.SaveChangesAsync(ct);
            return problem;
        }
        customer.ChooseMailPassword(MailPasswordSetting.On);
        audit.Record("customer", customer.LoginId, "メール通知パスワード利用登録", "成功");
        await db.SaveChangesAsync(ct);
        return new MailPasswordChanged("利用する", "メール通知パスワードの利用変更が完了しました。", null, null);
    }
}
