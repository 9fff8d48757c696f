using System.Globalization;
using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Harness.Bank.Tokens;

/// <summary>The bank OTP app's download page and 初期設定 (CONTRACTS.md §2).</summary>
public static class ProvisioningApi
{
    public sealed record ProvisionRequest(string? ServiceId, string? UserId, string? ActivationPassword, string? DeviceId);

    public static RouteGroupBuilder MapProvisioning(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/app");
        group.MapGet("/download", (string? bank, BankProfile profile) => Results.Content($"""
            <!DOCTYPE html>
            <html lang="ja"><head><meta charset="utf-8"><title>ワンタイムパスワードアプリ</title></head>
            <body><h1>{profile.InstitutionName} ワンタイムパスワードアプリ</h1>
            <p>アプリを起動し、初期設定でサービスID・ユーザID・利用開始パスワードを入力してください。</p></body></html>
            """, "text/html; charset=utf-8"));
        group.MapPost("/v1/provision", ProvisionAsync);
        return group;
    }

    private static async Task<IResult> ProvisionAsync(ProvisionRequest request, BankDb db, BankProfile profile, AuditLog audit, PasswordHasher hasher,
        CustomerLocks locks, TimeProvider clock, CancellationToken ct)
    {
        var bad = Input.First(
            Input.Digits(request.ServiceId, "サービスID", profile.Otp.ServiceIdDigits, profile.Otp.ServiceIdDigits),
            Input.Digits(request.UserId, "ユーザID", profile.Otp.UserIdDigits, profile.Otp.UserIdDigits),
            Input.Digits(request.ActivationPassword, "利用開始パスワード", profile.Otp.ActivationPasswordMinDigits, profile.Otp.ActivationPasswordMaxDigits),
            Input.Text(request.DeviceId, "deviceId", 128));
        if (bad is not null)
        {
            return bad.ToResult();
        }
        var found = await db.Tokens.AsNoTracking()
            .Where(t => t.Kind == TokenKind.Soft && t.ServiceId == request.ServiceId && t.UserId == request.UserId)
            .OrderByDescending(t => t.Id).Select(t => new { t.Id, t.CustomerId }).FirstOrDefaultAsync(ct);
        var wrong = Problem.Unauthorized("サービスID、ユーザIDまたは利用開始パスワードが正しくありません。");
        if (found is null)
        {
            return wrong.ToResult();
        }
        using var _ = await locks.EnterAsync(found.CustomerId, ct);
        var token = await db.Tokens.SingleAsync(t => t.Id == found.Id, ct);
        var customer = await db.Customers.SingleAsync(c => c.Id == token.CustomerId, ct);
        if (!token.IsCurrent || !await hasher.VerifyAsync(request.ActivationPassword!, token.ActivationPasswordHash!, ct))
        {
            audit.Record("app", customer.LoginId, "アプリ初期設定", "失敗");
            await db.SaveChangesAsync(ct);
            return wrong.ToResult();
        }
        if (token.DeviceId is not null)
        {
            audit.Record("app", customer.LoginId, "アプリ初期設定", "拒否(設定済み)");
            await db.SaveChangesAsync(ct);
            return Problem.Conflict("already_provisioned",
                "このトークンは既に初期設定されています。機種変更の場合はワンタイムパスワード利用解除のうえ、再度トークン発行を行ってください。").ToResult();
        }
        var now = clock.GetUtcNow();
        if (profile.Otp.ReprovisionFromNextDayAfterDeactivation)
        {
            var today = JapanTime.StartOfDay(now);
            if (await db.Tokens.AnyAsync(t => t.CustomerId == customer.Id && t.Kind == TokenKind.Soft && t.Id != token.Id
                && t.State == TokenState.Deactivated && t.EndedAt >= today, ct))
            {
                audit.Record("app", customer.LoginId, "アプリ初期設定", "拒否(利用解除の当日)");
                await db.SaveChangesAsync(ct);
                return Problem.Conflict("next_day", "ワンタイムパスワードの利用解除を行った翌日以降に初期設定を行ってください。").ToResult();
            }
        }
        var activatedOn = DateOnly.FromDateTime(JapanTime.ToJst(now).DateTime);
        var expiresOn = activatedOn.AddYears(profile.Otp.SoftTokenValidityYears).AddDays(-1);
        var serialNo = OtpOperations.RandomDigits(9);
        token.Provision(request.DeviceId!, serialNo, new DateTimeOffset(expiresOn.ToDateTime(new TimeOnly(23, 59, 59)), JapanTime.Offset));
        audit.Record("app", customer.LoginId, "アプリ初期設定", "成功");
        await db.SaveChangesAsync(ct);
        var p = profile.ParametersFor(TokenKind.Soft);
        return Results.Json(new
        {
            institutionName = profile.InstitutionName,
            serialNo,
            secret = OtpNet.Base32Encoding.ToString(token.Secret!).TrimEnd('='),
            algorithm = p.Hash,
            digits = p.Digits,
            periodSeconds = p.PeriodSeconds,
            activatedOn = activatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            expiresOn = expiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
    }
}
