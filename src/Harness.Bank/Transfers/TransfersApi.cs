using System.Globalization;
using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.MailPasswords;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Harness.Bank.Transfers;

public sealed record PrepareRequest(int? PayeeId);
public sealed record TransferRequest(int? PayeeId, string? BankName, string? BranchName, string? AccountNo, string? AccountName,
    string? AmountYen, string? ConfirmationPassword, string? MailPassword, string? OtpCode);
public sealed record PayeeRequest(string? BankName, string? BranchName, string? AccountNo, string? AccountName, string? ConfirmationPassword);
public sealed record LimitRequest(string? LimitYen, string? ConfirmationPassword, string? OtpCode);
public sealed record Prepared(bool MailPasswordRequired, bool OtpRequired, DateTimeOffset? SentAt, string? SentTo);
public sealed record Transferred(string Message, long AmountYen, long BalanceYen);
public sealed record PayeeAdded(int Id);
public sealed record LimitChanged(string Message, long TransferLimitYen);

public static class TransfersApi
{
    public static RouteGroupBuilder MapTransfers(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/transfers/prepare", (PrepareRequest request, HttpContext http, Sessions s, TransferOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.Transfer, c => ops.PrepareAsync(c, request, ct), ct));
        api.MapPost("/transfers", (TransferRequest request, HttpContext http, Sessions s, TransferOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.Transfer, c => ops.TransferAsync(c, request, ct), ct));
        api.MapPost("/payees", (PayeeRequest request, HttpContext http, Sessions s, TransferOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.SettingsChange, c => ops.AddPayeeAsync(c, request, ct), ct));
        api.MapPost("/limit", (LimitRequest request, HttpContext http, Sessions s, TransferOperations ops, CancellationToken ct) =>
            s.RunAsync(http, Act.LimitChange, c => ops.ChangeLimitAsync(c, request, ct), ct));
        return api;
    }
}

/// <summary>振込・振替, the customer's payee list, 振込・振替限度額変更.</summary>
public sealed class TransferOperations(BankDb db, OtpChecks otp, MailPasswordService mailPasswords, BankProfile profile, AuditLog audit, PasswordHasher hasher,
    CustomerLocks locks, TimeProvider clock)
{
    private static bool MailPasswordNeeded(Customer customer, PayeeKind? payeeKind, BankProfile profile) =>
        profile.MailPassword.RequiredFor.Contains(MailPasswordUse.Transfer)
        && customer.MailPassword == MailPasswordSetting.On
        && payeeKind != PayeeKind.RegisteredInAdvance;

    /// <summary>Choosing a payee from the list (次へ) or 他口座への振込・振替 sends the mail password where it is needed.</summary>
    public async Task<Outcome<Prepared>> PrepareAsync(Sessions.Current c, PrepareRequest request, CancellationToken ct)
    {
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        PayeeKind? kind = null;
        if (request.PayeeId is { } payeeId)
        {
            var payee = await db.Payees.SingleOrDefaultAsync(p => p.Id == payeeId && p.CustomerId == c.Customer.Id, ct);
            if (payee is null)
            {
                return Problem.NotFound("振込先が見つかりません。");
            }
            kind = payee.Kind;
        }
        var otpNeeded = otp.Requires(OtpUse.Transfer) && await otp.InUseTokenAsync(c.Customer.Id, ct) is not null;
        if (!MailPasswordNeeded(c.Customer, kind, profile))
        {
            return new Prepared(false, otpNeeded, null, null);
        }
        var sent = await mailPasswords.SendAsync(c.Customer, c.Session, ct);
        await db.SaveChangesAsync(ct);
        return sent.Failed ? sent.Problem! : new Prepared(true, otpNeeded, JapanTime.ToJst(sent.Value), c.Customer.Email);
    }

    public async Task<Outcome<Transferred>> TransferAsync(Sessions.Current c, TransferRequest request, CancellationToken ct)
    {
        var bad = Input.First(
            Input.Digits(request.AmountYen, "振込金額", 1, 10),
            Input.Alphanumeric(request.ConfirmationPassword, "確認用パスワード", 6, 12));
        if (bad is null && request.PayeeId is null)
        {
            bad = Input.First(
                Input.Text(request.BankName, "金融機関名"),
                Input.Text(request.BranchName, "支店名"),
                Input.Digits(request.AccountNo, "口座番号", 7, 7),
                Input.Text(request.AccountName, "受取人名"));
        }
        if (bad is not null)
        {
            return bad;
        }
        var amount = long.Parse(request.AmountYen!, CultureInfo.InvariantCulture);
        if (amount == 0)
        {
            return Problem.BadInput("振込金額は1円以上で入力してください。");
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var customer = c.Customer;
        Payee? payee = null;
        if (request.PayeeId is { } payeeId)
        {
            payee = await db.Payees.SingleOrDefaultAsync(p => p.Id == payeeId && p.CustomerId == customer.Id, ct);
            if (payee is null)
            {
                return Problem.NotFound("振込先が見つかりません。");
            }
        }
        var token = otp.Requires(OtpUse.Transfer) ? await otp.InUseTokenAsync(customer.Id, ct) : null;
        if (token is not null && Input.Digits(request.OtpCode, "ワンタイムパスワード", otp.DigitsOf(token), otp.DigitsOf(token)) is { } badCode)
        {
            return badCode;
        }
        var needsMailPassword = MailPasswordNeeded(customer, payee?.Kind, profile);
        if (needsMailPassword && Input.Digits(request.MailPassword, "メール通知パスワード", profile.MailPassword.Digits, profile.MailPassword.Digits) is { } badMail)
        {
            return badMail;
        }
        if (!await hasher.VerifyAsync(request.ConfirmationPassword!, customer.ConfirmationPasswordHash, ct))
        {
            return Problem.WrongConfirmationPassword;
        }
        if (needsMailPassword && await mailPasswords.CheckAsync(customer, c.Session, request.MailPassword, ct) is { } mailProblem)
        {
            await db.SaveChangesAsync(ct);
            return mailProblem;
        }
        if (token is not null)
        {
            var result = await otp.VerifyAsync(customer, token, request.OtpCode, "振込・振替 ワンタイムパスワード認証", ct);
            if (otp.ProblemOf(result) is { } otpProblem)
            {
                await db.SaveChangesAsync(ct);
                return otpProblem;
            }
        }
        var now = clock.GetUtcNow();
        var dayStart = JapanTime.StartOfDay(now);
        var today = await db.Transfers.Where(t => t.CustomerId == customer.Id && t.At >= dayStart).SumAsync(t => t.AmountYen, ct);
        if (today + amount > customer.TransferLimitYen)
        {
            audit.Record("customer", customer.LoginId, "振込・振替", "拒否(限度額超過)");
            await db.SaveChangesAsync(ct);
            return Problem.Forbidden("over_limit",
                string.Create(CultureInfo.InvariantCulture, $"振込限度額（1日{customer.TransferLimitYen:N0}円）を超えるため、お取扱いできません。"));
        }
        if (amount > customer.BalanceYen)
        {
            await db.SaveChangesAsync(ct);
            return Problem.Forbidden("insufficient_balance", "残高が不足しています。");
        }
        customer.Withdraw(amount);
        var description = payee is null
            ? $"{request.BankName} {request.BranchName} {request.AccountNo} {request.AccountName}"
            : $"{payee.BankName} {payee.BranchName} {payee.AccountNo} {payee.AccountName}";
        db.Transfers.Add(Transfer.Record(customer.Id, payee?.Kind, description, amount, now));
        audit.Record("customer", customer.LoginId, "振込・振替", "成功");
        await db.SaveChangesAsync(ct);
        return new Transferred("振込・振替を受け付けました。", amount, customer.BalanceYen);
    }

    public async Task<Outcome<PayeeAdded>> AddPayeeAsync(Sessions.Current c, PayeeRequest request, CancellationToken ct)
    {
        var bad = Input.First(
            Input.Text(request.BankName, "金融機関名"),
            Input.Text(request.BranchName, "支店名"),
            Input.Digits(request.AccountNo, "口座番号", 7, 7),
            Input.Text(request.AccountName, "受取人名"),
            Input.Alphanumeric(request.ConfirmationPassword, "確認用パスワード", 6, 12));
        if (bad is not null)
        {
            return bad;
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        if (!await hasher.VerifyAsync(request.ConfirmationPassword!, c.Customer.ConfirmationPasswordHash, ct))
        {
            return Problem.WrongConfirmationPassword;
        }
        var payee = Payee.Register(c.Customer.Id, PayeeKind.CustomerList, request.BankName!, request.BranchName!, request.AccountNo!, request.AccountName!);
        db.Payees.Add(payee);
        audit.Record("customer", c.Customer.LoginId, "振込・振替先登録(利用者登録)", "成功");
        await db.SaveChangesAsync(ct);
        return new PayeeAdded(payee.Id);
    }

    public async Task<Outcome<LimitChanged>> ChangeLimitAsync(Sessions.Current c, LimitRequest request, CancellationToken ct)
    {
        var bad = Input.First(
            Input.Digits(request.LimitYen, "振込限度額", 1, 10),
            Input.Alphanumeric(request.ConfirmationPassword, "確認用パスワード", 6, 12));
        if (bad is not null)
        {
            return bad;
        }
        var limit = long.Parse(request.LimitYen!, CultureInfo.InvariantCulture);
        if (limit > profile.Limits.MaximumYen)
        {
            return Problem.BadInput(string.Create(CultureInfo.InvariantCulture, $"振込限度額は{profile.Limits.MaximumYen:N0}円以内で入力してください。"));
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var customer = c.Customer;
        var token = otp.Requires(OtpUse.SettingsChange) ? await otp.InUseTokenAsync(customer.Id, ct) : null;
        if (token is not null && Input.Digits(request.OtpCode, "ワンタイムパスワード", otp.DigitsOf(token), otp.DigitsOf(token)) is { } badCode)
        {
            return badCode;
        }
        if (!await hasher.VerifyAsync(request.ConfirmationPassword!, customer.ConfirmationPasswordHash, ct))
        {
            return Problem.WrongConfirmationPassword;
        }
        if (token is not null)
        {
            var result = await otp.VerifyAsync(customer, token, request.OtpCode, "振込・振替限度額変更 ワンタイムパスワード認証", ct);
            if (otp.ProblemOf(result) is { } otpProblem)
            {
                await db.SaveChangesAsync(ct);
                return otpProblem;
            }
        }
        customer.ChangeLimit(limit);
        audit.Record("customer", customer.LoginId, "振込・振替限度額変更", "成功");
        await db.SaveChangesAsync(ct);
        return new LimitChanged("振込・振替限度額の変更が完了しました。", limit);
    }
}
