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

public sealed record SoftIssueRequest(string? MailAddress, string? MailAddressConfirm, string? ActivationPassword,
    string? ActivationPasswordConfirm, string? ConfirmationPassword, string? MailPassword);
public sealed record HardIssueRequest(string? ConfirmationPassword, string? Code);
public sealed record ActivateRequest(string? Code, string? SerialNo);
public sealed record DeactivateRequest(string? ConfirmationPassword, string? Code);
public sealed record MailPasswordSent(DateTimeOffset SentAt, string SentTo);
public sealed record SoftIssued(string Message, string MailAddress, string ServiceId, string UserId);
public sealed record HardApplied(string Message, string Detail);
public sealed record Activated(string Message, string Status, string? SerialNo, string? ExpiresAt);
public sealed record Deactivated(string Message, long TransferLimitYen);

/// <summary>ワンタイムパスワード申請 after login: トークン発行 (soft / hard), 利用開始, 利用解除.</summary>
public partial class OtpOperations
{
    /// <summary>A bank whose customers cannot end the OTP online (akita: 「ご利用解除」 at the 窓口).</summary>
    public static readonly Problem StaffOnlyDeactivation = Problem.Forbidden("staff_only", "ワンタイムパスワードの利用解除はお取引店の窓口にて承ります。");
}

public partial class OtpOperations(BankDb db, OtpChecks otp, MailPasswordService mailPasswords, BankMails mails, BankProfile profile,
    PasswordHasher hasher, AuditLog audit, CustomerLocks locks, TimeProvider clock)
{
    public async Task<TokenView> StatusAsync(Customer customer, CancellationToken ct) => TokenView.Of(await otp.CurrentTokenAsync(customer.Id, ct));

    /// <summary>The one rule for starting a new token: offered, applied for where needed, exclusive of the mail password, nothing current.</summary>
    private async Task<Problem?> MayIssueAsync(Customer customer, TokenKind kind, CancellationToken ct)
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

    public async Task<Outcome<MailPasswordSent>> SendSoftIssueMailPasswordAsync(Sessions.Current c, CancellationToken ct)
    {
        if (!profile.MailPassword.RequiredFor.Contains(MailPasswordUse.SoftTokenIssue))
        {
            return Problem.NotFound("このお手続きにメール通知パスワードは不要です。");
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var sent = await mailPasswords.SendAsync(c.Customer, c.Session, ct);
        await db.SaveChangesAsync(ct);
        return sent.Failed ? sent.Problem! : new MailPasswordSent(JapanTime.ToJst(sent.Value), c.Customer.Email);
    }

    public async Task<Outcome<SoftIssued>> IssueSoftAsync(Sessions.Current c, SoftIssueRequest request, CancellationToken ct)
    {
        var bad = Input.First(
            Input.MailAddress(request.MailAddress, "携帯電話メールアドレス"),
            Input.Digits(request.ActivationPassword, "利用開始パスワード", profile.Otp.ActivationPasswordMinDigits, profile.Otp.ActivationPasswordMaxDigits),
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
            return bad;
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var customer = c.Customer;
        if (await MayIssueAsync(customer, TokenKind.Soft, ct) is { } refused)
        {
            return refused;
        }
        if (!await hasher.VerifyAsync(request.ConfirmationPassword!, customer.ConfirmationPasswordHash, ct))
        {
            return Problem.WrongConfirmationPassword;
        }
        if (profile.MailPassword.RequiredFor.Contains(MailPasswordUse.SoftTokenIssue)
            && await mailPasswords.CheckAsync(customer, c.Session, request.MailPassword, ct) is { } mailProblem)
        {
            await db.SaveChangesAsync(ct);
            return mailProblem;
        }
        var serviceId = await UniqueDigitsAsync(profile.Otp.ServiceIdDigits, ct);
        var userId = RandomDigits(profile.Otp.UserIdDigits);
        var secret = RandomNumberGenerator.GetBytes(20);
        // The mail goes first: if the mail server is down nothing is issued.
        if (!await mails.TokenIssuedAsync(request.MailAddress!, serviceId, userId, ct))
        {
            audit.Record("customer", customer.LoginId, "トークン発行(ソフトウェアトークン)", "拒否(メールサーバ障害)");
            await db.SaveChangesAsync(ct);
            return Problem.MailDown;
        }
        db.Tokens.Add(Token.IssueSoft(customer.Id, secret, serviceId, userId, await hasher.HashAsync(request.ActivationPassword!, ct), clock.GetUtcNow()));
        audit.Record("customer", customer.LoginId, "トークン発行(ソフトウェアトークン)", "成功");
        await db.SaveChangesAsync(ct);
        return new SoftIssued("トークン発行を受け付けました。", request.MailAddress!, serviceId, userId);
    }

    public async Task<Outcome<HardApplied>> IssueHardAsync(Sessions.Current c, HardIssueRequest request, CancellationToken ct)
    {
        if (Input.Alphanumeric(request.ConfirmationPassword, "確認用パスワード", 6, 12) is { } bad)
        {
            return bad;
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
                return Problem.Conflict("reissue_too_early", $"ハードウェアトークンの再発行は有効期限の{profile.Otp.KeyfobReissueWindowDays}日前より可能です。");
            }
            if (Input.Digits(request.Code, "ワンタイムパスワード", otp.DigitsOf(existing), otp.DigitsOf(existing)) is { } badCode)
            {
                return badCode;
            }
        }
        else if (await MayIssueAsync(customer, TokenKind.Hard, ct) is { } refused)
        {
            return refused;
        }
        if (!await hasher.VerifyAsync(request.ConfirmationPassword!, customer.ConfirmationPasswordHash, ct))
        {
            return Problem.WrongConfirmationPassword;
        }
        if (reissue)
        {
            var result = await otp.VerifyAsync(customer, existing!, request.Code, "トークン再発行 ワンタイムパスワード認証", ct);
            if (otp.ProblemOf(result) is { } otpProblem)
            {
                await db.SaveChangesAsync(ct);
                return otpProblem;
            }
            if (await db.Tokens.AnyAsync(t => t.CustomerId == customer.Id && t.Kind == TokenKind.Hard
                && (t.State == TokenState.Applied || t.State == TokenState.Issued), ct))
            {
                await db.SaveChangesAsync(ct);
                return Problem.Conflict("reissue_pending", "ハードウェアトークンの再発行はお申込み済みです。");
            }
        }
        db.Tokens.Add(Token.ApplyForKeyfob(customer.Id, now));
        audit.Record("customer", customer.LoginId, reissue ? "トークン再発行(ハードウェアトークン)" : "トークン発行(ハードウェアトークン)", "成功");
        await db.SaveChangesAsync(ct);
        return new HardApplied("ハードウェアトークン発行申請の受付が完了しました。", "当組合より登録済みの住所にハードウェアトークンを送付いたします。ハードウェアトークンがお手元に届いた後、「OTP利用開始登録（ハードウェアトークン）」を行ってください。");
    }

    public async Task<Outcome<Activated>> ActivateAsync(Sessions.Current c, ActivateRequest request, CancellationToken ct)
    {
        if (request.SerialNo is not null && Input.Digits(request.SerialNo, "シリアル番号", profile.Otp.SerialNoMinDigits, profile.Otp.SerialNoMaxDigits) is { } badSerial)
        {
            return badSerial;
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var customer = c.Customer;
        if (request.SerialNo is not null && await RefuseEndedKeyfobAsync(customer, request.SerialNo, ct) is { } ended)
        {
            return ended;
        }
        var token = await db.Tokens.Where(t => t.CustomerId == customer.Id && t.Kind != TokenKind.Vip
                && (t.State == TokenState.Issued || (t.State == TokenState.Locked && t.ActivatedAt == null)))
            .OrderByDescending(t => t.Id).FirstOrDefaultAsync(ct);
        if (token?.Kind == TokenKind.Hard || (token is null && request.SerialNo is not null))
        {
            if (request.SerialNo is null)
            {
                return Problem.BadInput("シリアル番号を入力してください。");
            }
            if (token is null || token.SerialNo != request.SerialNo)
            {
                return Problem.BadInput("シリアル番号が正しくありません。");
            }
        }
        if (token is null)
        {
            return Problem.Conflict("no_token", "利用開始できるトークンがありません。先にトークン発行を行ってください。");
        }
        var result = await otp.VerifyAsync(customer, token, request.Code, "利用開始", ct);
        if (otp.ProblemOf(result) is { } problem)
        {
            await db.SaveChangesAsync(ct);
            return problem;
        }
        // A reissued keyfob replaces the one it renews.
        var replaced = await db.Tokens.Where(t => t.CustomerId == customer.Id && t.Id != token.Id && t.State == TokenState.Active).ToListAsync(ct);
        foreach (var old in replaced)
        {
            old.Deactivate(clock.GetUtcNow());
        }
        await db.SaveChangesAsync(ct);
        return new Activated(profile.Texts.ActivatedMessage, TokenView.StatusOf(token.State), token.SerialNo,
            token.ExpiresAt is { } e ? JapanTime.ToJst(e).ToString("yyyy年MM月dd日 HH時mm分", CultureInfo.InvariantCulture) : null);
    }

    /// <summary>AOM-17: a keyfob once deactivated or stopped is never activated again; a new hard issue is the way back.
    /// Virtual so that the conformance suite can start a bank that breaks this rule (a code-level mutant).</summary>
    protected virtual async Task<Problem?> RefuseEndedKeyfobAsync(Customer customer, string serialNo, CancellationToken ct)
    {
        if (!await db.Tokens.AnyAsync(t => t.SerialNo == serialNo && t.CustomerId == customer.Id && t.Kind == TokenKind.Hard
            && (t.State == TokenState.Deactivated || t.State == TokenState.Stopped), ct))
        {
            return null;
        }
        audit.Record("customer", customer.LoginId, "利用開始(ハードウェアトークン)", "拒否(利用解除済みのトークン)");
        await db.SaveChangesAsync(ct);
        return Problem.Conflict("token_ended",
            "利用解除済みのハードウェアトークンはご利用いただけません。ハードウェアトークンのトークン発行を行い、利用開始手続きを実施してください。");
    }

    public async Task<Outcome<Deactivated>> DeactivateAsync(Sessions.Current c, DeactivateRequest request, CancellationToken ct)
    {
        if (Input.Alphanumeric(request.ConfirmationPassword, "確認用パスワード", 6, 12) is { } bad)
        {
            return bad;
        }
        if (!profile.Otp.CustomerMayDeactivate)
        {
            return StaffOnlyDeactivation;
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var customer = c.Customer;
        var token = await otp.InUseTokenAsync(customer.Id, ct);
        if (token is null)
        {
            return Problem.Conflict("no_token", "ご利用中のワンタイムパスワードがありません。");
        }
        if (profile.Otp.DeactivateNeedsOtp
            && Input.Digits(request.Code, "ワンタイムパスワード", otp.DigitsOf(token), otp.DigitsOf(token)) is { } badCode)
        {
            return badCode;
        }
        if (!await hasher.VerifyAsync(request.ConfirmationPassword!, customer.ConfirmationPasswordHash, ct))
        {
            return Problem.WrongConfirmationPassword;
        }
        if (profile.Otp.DeactivateNeedsOtp)
        {
            var result = await otp.VerifyAsync(customer, token, request.Code, "利用解除 ワンタイムパスワード認証", ct);
            if (otp.ProblemOf(result) is { } problem)
            {
                await db.SaveChangesAsync(ct);
                return problem;
            }
        }
        else if (token.State == TokenState.Locked)
        {
            return Problem.Locked(profile.Texts.OtpLockedMessage);
        }
        Deactivate(customer, token, profile, clock.GetUtcNow());
        audit.Record("customer", customer.LoginId, "利用解除", "成功");
        await db.SaveChangesAsync(ct);
        return new Deactivated(profile.Texts.DeactivatedMessage, customer.TransferLimitYen);
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

    private async Task<string> UniqueDigitsAsync(int digits, CancellationToken ct)
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

public static class OtpApi
{
    public static RouteGroupBuilder MapOtp(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/otp");
        api.MapGet("/", (HttpContext http, Sessions s, OtpOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.View, async c => (Outcome<TokenView>)await ops.StatusAsync(c.Customer, ct), ct));
        api.MapPost("/soft/mail-password", (HttpContext http, Sessions s, OtpOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.OtpIssue, c => ops.SendSoftIssueMailPasswordAsync(c, ct), ct));
        api.MapPost("/soft", (SoftIssueRequest request, HttpContext http, Sessions s, OtpOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.OtpIssue, c => ops.IssueSoftAsync(c, request, ct), ct));
        api.MapPost("/hard", (HardIssueRequest request, HttpContext http, Sessions s, OtpOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.OtpIssue, c => ops.IssueHardAsync(c, request, ct), ct));
        api.MapPost("/activate", (ActivateRequest request, HttpContext http, Sessions s, OtpOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.OtpIssue, c => ops.ActivateAsync(c, request, ct), ct));
        api.MapPost("/deactivate", (DeactivateRequest request, HttpContext http, Sessions s, OtpOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.OtpDeactivate, c => ops.DeactivateAsync(c, request, ct), ct));
        return api;
    }
}
