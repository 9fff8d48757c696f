using System.Globalization;
using System.Security.Cryptography;
using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.Mail;
using Harness.Bank.MailPasswords;
using Harness.Bank.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Harness.Bank.Tokens;

/// <summary>ワンタイムパスワード申請 after login: トークン発行 (soft / hard), 利用開始, 利用解除.</summary>
public static class OtpApi
{
    public sealed record SoftIssueRequest(string? MailAddress, string? MailAddressConfirm, string? ActivationPassword,
        string? ActivationPasswordConfirm, string? ConfirmationPassword, string? MailPassword);
    public sealed record HardIssueRequest(string? ConfirmationPassword, string? Code);
    public sealed record ActivateRequest(string? Code, string? SerialNo);
    public sealed record DeactivateRequest(string? ConfirmationPassword, string? Code);

    public static RouteGroupBuilder MapOtp(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/otp");
        api.MapGet("/", StatusAsync);
        api.MapPost("/soft/mail-password", SendSoftIssueMailPasswordAsync);
        api.MapPost("/soft", IssueSoftAsync);
        api.MapPost("/hard", IssueHardAsync);
        api.MapPost("/activate", ActivateAsync);
        api.MapPost("/deactivate", DeactivateAsync);
        return api;
    }

    private static async Task<IResult> StatusAsync(HttpContext http, Sessions sessions, OtpChecks otp, CancellationToken ct)
    {
        var current = await sessions.CurrentAsync(http, SessionStage.LoggedIn, ct);
        return current.Value is { } c ? Results.Json(TokenView.Of(await otp.CurrentTokenAsync(c.Customer.Id, ct))) : current.ToResult();
    }

    /// <summary>The one rule for starting a new token: offered, applied for where needed, exclusive of the mail password, nothing current.</summary>
    private static async Task<Problem?> MayIssueAsync(Customer customer, TokenKind kind, BankProfile profile, OtpChecks otp, CancellationToken ct)
    {
        if (!profile.Offers(kind))
        {
            return Problem.Forbidden("not_offered", "このトークンはお取り扱いしておりません。");
        }
        if (profile.Otp.IssueNeedsStaffAcceptance && !customer.OtpApplicationAccepted)
        {
            return Problem.Forbidden("application_required", "ワンタイムパスワードのご利用には、お取引店の窓口への「ワンタイムパスワード申込書」のご提出が必要です。");
        }
        if (profile.MailPassword.ExclusiveWithOtp && customer.MailPassword != MailPasswordSetting.Off)
        {
            return Problem.Conflict("exclusive", "「ワンタイムパスワード」と「メール通知パスワード」はどちらか一方のみご利用いただけます。メール通知パスワードの利用を解除してからお申込みください。");
        }
        var current = await otp.CurrentTokenAsync(customer.Id, ct);
        if (current is not null)
        {
            return current.State == TokenState.Locked
                ? Problem.Locked(profile.Texts.OtpLockedMessage)
                : Problem.Conflict("token_exists", "現在のトークンがあるため発行できません。ワンタイムパスワード利用解除を行ってから、再度トークン発行を行ってください。");
        }
        return null;
    }

    private static async Task<IResult> SendSoftIssueMailPasswordAsync(HttpContext http, BankDb db, Sessions sessions, MailPasswordService mailPasswords,
        BankProfile profile, CustomerLocks locks, CancellationToken ct)
    {
        var current = await sessions.CurrentAsync(http, SessionStage.LoggedIn, ct);
        if (current.Value is not { } c)
        {
            return current.ToResult();
        }
        if (!profile.MailPassword.RequiredFor.Contains(MailPasswordUse.SoftTokenIssue))
        {
            return Problem.NotFound("このお手続きにメール通知パスワードは不要です。").ToResult();
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var sent = await mailPasswords.SendAsync(c.Customer, c.Session, ct);
        await db.SaveChangesAsync(ct);
        return sent.Value is { } at
            ? Results.Json(new { sentAt = JapanTime.ToJst(at), sentTo = c.Customer.Email })
            : sent.ToResult();
    }

    private static async Task<IResult> IssueSoftAsync(SoftIssueRequest request, HttpContext http, BankDb db, Sessions sessions, OtpChecks otp,
        MailPasswordService mailPasswords, BankMails mails, BankProfile profile, PasswordHasher hasher, AuditLog audit,
        CustomerLocks locks, TimeProvider clock, CancellationToken ct)
    {
        var bad = Input.First(
            Input.MailAddress(request.MailAddress, "携帯電話メールアドレス"),
            Input.Digits(request.ActivationPassword, "利用開始パスワード", 4, 8),
            Input.Alphanumeric(request.ConfirmationPassword, "確認用パスワード", 6, 12));
        if (bad is null && request.MailAddress != request.MailAddressConfirm)
        {
            bad = Problem.BadInput("携帯電話メールアドレスと携帯電話メールアドレス（確認用）が一致しません。");
        }
        if (bad is null && request.ActivationPassword != request.ActivationPasswordConfirm)
        {
            bad = Problem.BadInput("利用開始パスワードと利用開始パスワード（確認用）が一致しません。");
        }
        if (bad is not null)
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
        if (await MayIssueAsync(customer, TokenKind.Soft, profile, otp, ct) is { } refused)
        {
            return refused.ToResult();
        }
        if (!PasswordHasher.Verify(request.ConfirmationPassword!, customer.ConfirmationPasswordHash))
        {
            return Problem.WrongConfirmationPassword.ToResult();
        }
        if (profile.MailPassword.RequiredFor.Contains(MailPasswordUse.SoftTokenIssue)
            && mailPasswords.Check(customer, c.Session, request.MailPassword) is { } mailProblem)
        {
            await db.SaveChangesAsync(ct);
            return mailProblem.ToResult();
        }
        var serviceId = await UniqueDigitsAsync(db, profile.Otp.ServiceIdDigits, ct);
        var userId = RandomDigits(profile.Otp.UserIdDigits);
        var secret = RandomNumberGenerator.GetBytes(20);
        // The mail goes first: if the mail server is down nothing is issued.
        if (!await mails.TokenIssuedAsync(request.MailAddress!, serviceId, userId, ct))
        {
            audit.Record("customer", customer.LoginId, "トークン発行(ソフトウェアトークン)", "拒否(メールサーバ障害)");
            await db.SaveChangesAsync(ct);
            return Problem.MailDown.ToResult();
        }
        db.Tokens.Add(Token.IssueSoft(customer.Id, secret, serviceId, userId, hasher.Hash(request.ActivationPassword!), clock.GetUtcNow()));
        audit.Record("customer", customer.LoginId, "トークン発行(ソフトウェアトークン)", "成功");
        await db.SaveChangesAsync(ct);
        return Results.Json(new
        {
            message = "トークン発行を受け付けました。",
            mailAddress = request.MailAddress,
            serviceId,
            userId,
        });
    }

    private static async Task<IResult> IssueHardAsync(HardIssueRequest request, HttpContext http, BankDb db, Sessions sessions, OtpChecks otp,
        BankProfile profile, AuditLog audit, CustomerLocks locks, TimeProvider clock, CancellationToken ct)
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
        var now = clock.GetUtcNow();
        var existing = await otp.CurrentTokenAsync(customer.Id, ct);
        var reissue = existing is { Kind: TokenKind.Hard, State: TokenState.Active };
        if (reissue)
        {
            // A keyfob is reissued for expiry from the profile's window before its 有効期限, with an OTP.
            if (!existing!.MayReissueKeyfob(now, profile.Otp.KeyfobReissueWindowDays))
            {
                return Problem.Conflict("reissue_too_early",
                    $"ハードウェアトークンの再発行は有効期限の{profile.Otp.KeyfobReissueWindowDays}日前より可能です。").ToResult();
            }
            if (Input.Digits(request.Code, "ワンタイムパスワード", otp.DigitsOf(existing), otp.DigitsOf(existing)) is { } badCode)
            {
                return badCode.ToResult();
            }
        }
        else if (await MayIssueAsync(customer, TokenKind.Hard, profile, otp, ct) is { } refused)
        {
            return refused.ToResult();
        }
        if (!PasswordHasher.Verify(request.ConfirmationPassword!, customer.ConfirmationPasswordHash))
        {
            return Problem.WrongConfirmationPassword.ToResult();
        }
        if (reissue)
        {
            var result = await otp.VerifyAsync(customer, existing!, request.Code, "トークン再発行 ワンタイムパスワード認証", ct);
            if (otp.ProblemOf(result) is { } otpProblem)
            {
                await db.SaveChangesAsync(ct);
                return otpProblem.ToResult();
            }
            if (await db.Tokens.AnyAsync(t => t.CustomerId == customer.Id && t.Kind == TokenKind.Hard
                && (t.State == TokenState.Applied || t.State == TokenState.Issued), ct))
            {
                await db.SaveChangesAsync(ct);
                return Problem.Conflict("reissue_pending", "ハードウェアトークンの再発行はお申込み済みです。").ToResult();
            }
        }
        db.Tokens.Add(Token.ApplyForKeyfob(customer.Id, now));
        audit.Record("customer", customer.LoginId, reissue ? "トークン再発行(ハードウェアトークン)" : "トークン発行(ハードウェアトークン)", "成功");
        await db.SaveChangesAsync(ct);
        return Results.Json(new
        {
            message = "ハードウェアトークン発行申請の受付が完了しました。",
            detail = "当組合より登録済みの住所にハードウェアトークンを送付いたします。",
        });
    }

    private static async Task<IResult> ActivateAsync(ActivateRequest request, HttpContext http, BankDb db, Sessions sessions, OtpChecks otp,
        BankProfile profile, AuditLog audit, CustomerLocks locks, TimeProvider clock, CancellationToken ct)
    {
        if (request.SerialNo is not null && Input.Digits(request.SerialNo, "シリアル番号", 8, 12) is { } badSerial)
        {
            return badSerial.ToResult();
        }
        var current = await sessions.CurrentAsync(http, SessionStage.LoggedIn, ct);
        if (current.Value is not { } c)
        {
            return current.ToResult();
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var customer = c.Customer;
        var token = await db.Tokens.Where(t => t.CustomerId == customer.Id && t.Kind != TokenKind.Vip
                && (t.State == TokenState.Issued || (t.State == TokenState.Locked && t.ActivatedAt == null)))
            .OrderByDescending(t => t.Id).FirstOrDefaultAsync(ct);
        if (token?.Kind == TokenKind.Hard || (token is null && request.SerialNo is not null))
        {
            if (request.SerialNo is null)
            {
                return Problem.BadInput("シリアル番号を入力してください。").ToResult();
            }
            if (await db.Tokens.AnyAsync(t => t.SerialNo == request.SerialNo && t.CustomerId == customer.Id
                && (t.State == TokenState.Deactivated || t.State == TokenState.Stopped), ct))
            {
                audit.Record("customer", customer.LoginId, "利用開始(ハードウェアトークン)", "拒否(利用解除済みのトークン)");
                await db.SaveChangesAsync(ct);
                return Problem.Conflict("token_ended",
                    "利用解除済みのハードウェアトークンはご利用いただけません。ハードウェアトークンのトークン発行を行い、利用開始手続きを実施してください。").ToResult();
            }
            if (token is null || token.SerialNo != request.SerialNo)
            {
                return Problem.BadInput("シリアル番号が正しくありません。").ToResult();
            }
        }
        if (token is null)
        {
            return Problem.Conflict("no_token", "利用開始できるトークンがありません。先にトークン発行を行ってください。").ToResult();
        }
        var result = await otp.VerifyAsync(customer, token, request.Code, "利用開始", ct);
        if (otp.ProblemOf(result) is { } problem)
        {
            await db.SaveChangesAsync(ct);
            return problem.ToResult();
        }
        // A reissued keyfob replaces the one it renews.
        var replaced = await db.Tokens.Where(t => t.CustomerId == customer.Id && t.Id != token.Id && t.State == TokenState.Active).ToListAsync(ct);
        foreach (var old in replaced)
        {
            old.Deactivate(clock.GetUtcNow());
        }
        await db.SaveChangesAsync(ct);
        return Results.Json(new
        {
            message = profile.Texts.ActivatedMessage,
            status = TokenView.StatusOf(token.State),
            serialNo = token.SerialNo,
            expiresAt = token.ExpiresAt is { } e ? JapanTime.ToJst(e).ToString("yyyy年MM月dd日 HH時mm分", CultureInfo.InvariantCulture) : null,
        });
    }

    private static async Task<IResult> DeactivateAsync(DeactivateRequest request, HttpContext http, BankDb db, Sessions sessions, OtpChecks otp,
        BankProfile profile, AuditLog audit, CustomerLocks locks, TimeProvider clock, CancellationToken ct)
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
        if (!profile.Otp.CustomerMayDeactivate)
        {
            return Problem.Forbidden("staff_only", "ワンタイムパスワードの利用解除はお取引店の窓口にて承ります。").ToResult();
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var customer = c.Customer;
        var token = await otp.InUseTokenAsync(customer.Id, ct);
        if (token is null)
        {
            return Problem.Conflict("no_token", "ご利用中のワンタイムパスワードがありません。").ToResult();
        }
        if (profile.Otp.DeactivateNeedsOtp
            && Input.Digits(request.Code, "ワンタイムパスワード", otp.DigitsOf(token), otp.DigitsOf(token)) is { } badCode)
        {
            return badCode.ToResult();
        }
        if (!PasswordHasher.Verify(request.ConfirmationPassword!, customer.ConfirmationPasswordHash))
        {
            return Problem.WrongConfirmationPassword.ToResult();
        }
        if (profile.Otp.DeactivateNeedsOtp)
        {
            var result = await otp.VerifyAsync(customer, token, request.Code, "利用解除 ワンタイムパスワード認証", ct);
            if (otp.ProblemOf(result) is { } problem)
            {
                await db.SaveChangesAsync(ct);
                return problem.ToResult();
            }
        }
        else if (token.State == TokenState.Locked)
        {
            return Problem.Locked(profile.Texts.OtpLockedMessage).ToResult();
        }
        Deactivate(customer, token, profile, clock.GetUtcNow());
        audit.Record("customer", customer.LoginId, "利用解除", "成功");
        await db.SaveChangesAsync(ct);
        return Results.Json(new { message = profile.Texts.DeactivatedMessage, transferLimitYen = customer.TransferLimitYen });
    }

    /// <summary>利用解除 by the customer or ご利用解除 at the 窓口: the token ends and the limit drops where the profile says.</summary>
    public static void Deactivate(Customer customer, Token token, BankProfile profile, DateTimeOffset now)
    {
        token.Deactivate(now);
        if (profile.Limits.AfterDeactivationYen is { } limit && customer.TransferLimitYen > limit)
        {
            customer.ChangeLimit(limit);
        }
    }

    private static async Task<string> UniqueDigitsAsync(BankDb db, int digits, CancellationToken ct)
    {
        while (true)
        {
            var candidate = RandomDigits(digits);
            if (!await db.Tokens.AnyAsync(t => t.ServiceId == candidate, ct))
            {
                return candidate;
            }
        }
    }

    public static string RandomDigits(int digits) =>
        string.Concat(Enumerable.Range(0, digits).Select(i => (char)('0' + RandomNumberGenerator.GetInt32(i == 0 ? 1 : 0, 10))));
}
