using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;

namespace Harness.Bank.MailPasswords;

/// <summary>メール通知パスワード利用変更 (利用する / 利用しない).</summary>
public static class MailPasswordApi
{
    public sealed record ChangeRequest(bool? Use);
    public sealed record ConfirmRequest(string? ConfirmationPassword, string? MailPassword);

    public static RouteGroupBuilder MapMailPasswordSettings(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/settings/mail-password");
        api.MapPost("/", ChangeAsync);
        api.MapPost("/confirm", ConfirmAsync);
        return api;
    }

    private static async Task<IResult> ChangeAsync(ChangeRequest request, HttpContext http, BankDb db, Sessions sessions, OtpChecks otp,
        MailPasswordService mailPasswords, BankProfile profile, AuditLog audit, CustomerLocks locks, CancellationToken ct)
    {
        if (request.Use is not { } use)
        {
            return Problem.BadInput("「利用する」または「利用しない」を選択してください。").ToResult();
        }
        var current = await sessions.CurrentAsync(http, SessionStage.LoggedIn, ct);
        if (current.Value is not { } c)
        {
            return current.ToResult();
        }
        if (!profile.MailPassword.Offered || !profile.MailPassword.CustomerChooses)
        {
            return Problem.NotFound("このお手続きはお取り扱いしておりません。").ToResult();
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
            return Results.Json(new { status = "利用しない", message = "メール通知パスワードの利用を解除しました。" });
        }
        if (profile.MailPassword.ExclusiveWithOtp && await otp.CurrentTokenAsync(customer.Id, ct) is not null)
        {
            return Problem.Conflict("exclusive", "「ワンタイムパスワード」と「メール通知パスワード」はどちらか一方のみご利用いただけます。").ToResult();
        }
        var sent = await mailPasswords.SendAsync(customer, c.Session, ct);
        if (sent.Failed)
        {
            await db.SaveChangesAsync(ct);
            return sent.ToResult();
        }
        var confirm = profile.MailPassword.EnrolmentNeedsConfirmation;
        customer.ChooseMailPassword(confirm ? MailPasswordSetting.Pending : MailPasswordSetting.On);
        if (!confirm)
        {
            audit.Record("customer", customer.LoginId, "メール通知パスワード利用登録", "成功");
        }
        await db.SaveChangesAsync(ct);
        return Results.Json(new
        {
            status = confirm ? "変更内容確認" : "利用する",
            sentAt = JapanTime.ToJst(sent.Value),
            sentTo = customer.Email,
            message = confirm
                ? "登録されたメールアドレス宛にメール通知パスワードを送信しました。確認用パスワードと通知されたパスワードを入力し、「変更を確定する」を押してください。"
                : "メール通知パスワードの利用開始登録が完了しました。",
        });
    }

    private static async Task<IResult> ConfirmAsync(ConfirmRequest request, HttpContext http, BankDb db, Sessions sessions,
        MailPasswordService mailPasswords, AuditLog audit, CustomerLocks locks, CancellationToken ct)
    {
        if (Input.Alphanumeric(request.ConfirmationPassword, "確認用パスワード", 6, 12) is { } bad)
        {
            return bad.ToResult();
        }
        var current = await sessions.CurrentAsync(http, SessionStage.LoggedIn, ct);
        if (current.Value is not { } c)
        {
            return current.ToResult();
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var customer = c.Customer;
        if (customer.MailPassword != MailPasswordSetting.Pending)
        {
            return Problem.Conflict("nothing_to_confirm", "確定する変更内容がありません。").ToResult();
        }
        if (!PasswordHasher.Verify(request.ConfirmationPassword!, customer.ConfirmationPasswordHash))
        {
            return Problem.WrongConfirmationPassword.ToResult();
        }
        if (mailPasswords.Check(customer, c.Session, request.MailPassword) is { } problem)
        {
            await db.SaveChangesAsync(ct);
            return problem.ToResult();
        }
        customer.ChooseMailPassword(MailPasswordSetting.On);
        audit.Record("customer", customer.LoginId, "メール通知パスワード利用登録", "成功");
        await db.SaveChangesAsync(ct);
        return Results.Json(new { status = "利用する", message = "メール通知パスワードの利用変更が完了しました。" });
    }
}
