using System.Globalization;
using System.Xml;
using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.Mail;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Harness.Bank.Staff;

/// <summary>窓口 operations. Reached on loopback by the harness; a real deployment puts them behind staff sign-in.</summary>
public static class StaffApi
{
    public sealed record CustomerRequest(string? LoginId, string? Password, string? ConfirmationPassword, string? Name, string? Email,
        string? Kind, string? BalanceYen);
    public sealed record PayeeRequest(string? BankName, string? BranchName, string? AccountNo, string? AccountName);
    public sealed record PostRequest(string? SerialNo);

    public static RouteGroupBuilder MapStaff(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/staff/api");
        api.MapPost("/customers", CreateCustomerAsync);
        api.MapGet("/customers/{loginId}", CustomerAsync);
        api.MapPost("/customers/{loginId}/payees", RegisterPayeeAsync);
        api.MapPost("/customers/{loginId}/otp/accept-application", AcceptApplicationAsync);
        api.MapPost("/customers/{loginId}/otp/stop", async (string loginId, StaffContext s, CancellationToken ct) => (await s.ChangeTokenAsync(loginId, CounterOperation.Stop, ct)).ToResult());
        api.MapPost("/customers/{loginId}/otp/unlock", async (string loginId, StaffContext s, CancellationToken ct) => (await s.ChangeTokenAsync(loginId, CounterOperation.Unlock, ct)).ToResult());
        api.MapPost("/customers/{loginId}/otp/cancel", async (string loginId, StaffContext s, CancellationToken ct) => (await s.ChangeTokenAsync(loginId, CounterOperation.Cancel, ct)).ToResult());
        api.MapPost("/customers/{loginId}/keyfobs/post", PostKeyfobAsync);
        api.MapPost("/keyfobs/import", ImportKeyfobsAsync).Accepts<string>("application/pskc+xml");
        api.MapGet("/audit", AuditAsync);
        return api;
    }

    private static async Task<IResult> CreateCustomerAsync(CustomerRequest request, BankDb db, PasswordHasher hasher, BankProfile profile, AuditLog audit, CancellationToken ct)
    {
        var bad = Input.First(
            Input.Alphanumeric(request.LoginId, "ログインID", 1, 32),
            Input.Password(request.Password, "ログインパスワード"),
            Input.Alphanumeric(request.ConfirmationPassword, "確認用パスワード", 6, 12),
            Input.Text(request.Name, "お名前"),
            Input.MailAddress(request.Email, "メールアドレス"),
            request.BalanceYen is null ? null : Input.Digits(request.BalanceYen, "残高", 1, 12));
        CustomerKind kind = CustomerKind.Personal;
        if (bad is null && request.Kind is not null && (request.Kind is not (nameof(CustomerKind.Personal) or nameof(CustomerKind.Corporate))
            || !Enum.TryParse(request.Kind, ignoreCase: false, out kind)))
        {
            bad = Problem.BadInput("お客様区分は Personal または Corporate を指定してください。");
        }
        if (bad is not null)
        {
            return bad.ToResult();
        }
        if (await db.Customers.AnyAsync(c => c.LoginId == request.LoginId, ct))
        {
            return Problem.Conflict("exists", "このログインIDは既に登録されています。").ToResult();
        }
        var balance = request.BalanceYen is null ? 1_000_000 : long.Parse(request.BalanceYen, CultureInfo.InvariantCulture);
        var customer = await OpenAsync(db, hasher, profile, request.LoginId!, request.Password!, request.ConfirmationPassword!, request.Name!, request.Email!, kind, balance, ct);
        audit.Record("staff", customer.LoginId, "お客様登録", "成功");
        await db.SaveChangesAsync(ct);
        return Results.Json(new { customer.Id, customer.LoginId, customer.BranchNo, customer.AccountNo });
    }

    internal static async Task<Customer> OpenAsync(BankDb db, PasswordHasher hasher, BankProfile profile, string loginId, string password,
        string confirmationPassword, string name, string email, CustomerKind kind, long balanceYen, CancellationToken ct)
    {
        var count = await db.Customers.CountAsync(ct);
        var customer = Customer.Open(loginId, name, email, kind, await hasher.HashAsync(password, ct), await hasher.HashAsync(confirmationPassword, ct),
            "001", (1_000_001 + count).ToString(CultureInfo.InvariantCulture), balanceYen, profile.Limits.DefaultYen);
        db.Customers.Add(customer);
        return customer;
    }

    private static async Task<IResult> CustomerAsync(string loginId, BankDb db, OtpChecks otp, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.LoginId == loginId, ct);
        if (customer is null)
        {
            return Problem.NotFound("お客様が見つかりません。").ToResult();
        }
        var tokens = await db.Tokens.AsNoTracking().Where(t => t.CustomerId == customer.Id).OrderBy(t => t.Id).ToListAsync(ct);
        return Results.Json(new
        {
            customer.LoginId,
            customer.Name,
            kind = customer.Kind.ToString(),
            customer.OtpApplicationAccepted,
            mailPassword = customer.MailPassword.ToString(),
            customer.MailPasswordFailCount,
            customer.TransferLimitYen,
            customer.BalanceYen,
            otp = TokenView.Of(await otp.CurrentTokenAsync(customer.Id, ct)),
            tokens = tokens.Select(TokenView.Of),
        });
    }

    private static async Task<IResult> RegisterPayeeAsync(string loginId, PayeeRequest request, BankDb db, AuditLog audit, CancellationToken ct)
    {
        var bad = Input.First(
            Input.Text(request.BankName, "金融機関名"),
            Input.Text(request.BranchName, "支店名"),
            Input.Digits(request.AccountNo, "口座番号", 7, 7),
            Input.Text(request.AccountName, "受取人名"));
        if (bad is not null)
        {
            return bad.ToResult();
        }
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.LoginId == loginId, ct);
        if (customer is null)
        {
            return Problem.NotFound("お客様が見つかりません。").ToResult();
        }
        var payee = Payee.Register(customer.Id, PayeeKind.RegisteredInAdvance, request.BankName!, request.BranchName!, request.AccountNo!, request.AccountName!);
        db.Payees.Add(payee);
        audit.Record("staff", customer.LoginId, "事前届出振込先登録", "成功");
        await db.SaveChangesAsync(ct);
        return Results.Json(new { payee.Id });
    }

    private static async Task<IResult> AcceptApplicationAsync(string loginId, BankDb db, BankProfile profile, BankMails mails, AuditLog audit,
        CustomerLocks locks, CancellationToken ct)
    {
        if (!profile.Otp.IssueNeedsStaffAcceptance)
        {
            return Problem.NotFound("このお手続きはお取り扱いしておりません。").ToResult();
        }
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.LoginId == loginId, ct);
        if (customer is null)
        {
            return Problem.NotFound("お客様が見つかりません。").ToResult();
        }
        using var _ = await locks.EnterAsync(customer.Id, ct);
        if (!await mails.ApplicationAcceptedAsync(customer.Email, customer.Name, ct))
        {
            return Problem.MailDown.ToResult();
        }
        customer.AcceptOtpApplication();
        audit.Record("staff", customer.LoginId, "ワンタイムパスワード申込受付", "成功");
        await db.SaveChangesAsync(ct);
        return Results.Json(new { message = "受付確認の案内を送信しました。" });
    }

    private static async Task<IResult> PostKeyfobAsync(string loginId, PostRequest request, BankDb db, BankProfile profile, AuditLog audit,
        CustomerLocks locks, CancellationToken ct)
    {
        if (request.SerialNo is not null && Input.Digits(request.SerialNo, "シリアル番号", 8, 12) is { } bad)
        {
            return bad.ToResult();
        }
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.LoginId == loginId, ct);
        if (customer is null)
        {
            return Problem.NotFound("お客様が見つかりません。").ToResult();
        }
        using var _ = await locks.EnterAsync(customer.Id, ct);
        var token = await db.Tokens.Where(t => t.CustomerId == customer.Id && t.Kind == TokenKind.Hard && t.State == TokenState.Applied)
            .OrderByDescending(t => t.Id).FirstOrDefaultAsync(ct);
        if (token is null)
        {
            return Problem.Conflict("no_application", "ハードウェアトークンの発行申請がありません。").ToResult();
        }
        var stock = db.Keyfobs.Where(k => k.PostedToCustomerId == null);
        var keyfob = request.SerialNo is null
            ? await stock.OrderBy(k => k.SerialNo).FirstOrDefaultAsync(ct)
            : await stock.SingleOrDefaultAsync(k => k.SerialNo == request.SerialNo, ct);
        if (keyfob is null)
        {
            return Problem.Conflict("no_stock", "送付できるハードウェアトークンの在庫がありません。").ToResult();
        }
        var p = profile.ParametersFor(TokenKind.Hard);
        if (keyfob.Digits != p.Digits || keyfob.PeriodSeconds != p.PeriodSeconds)
        {
            return Problem.Conflict("stock_mismatch", "このハードウェアトークンは当組合の設定（桁数・更新間隔）と一致しません。").ToResult();
        }
        keyfob.PostTo(customer.Id);
        token.PostKeyfob(keyfob.SerialNo, keyfob.Secret, keyfob.ExpiresAt);
        audit.Record("staff", customer.LoginId, "ハードウェアトークン送付", "成功");
        await db.SaveChangesAsync(ct);
        return Results.Json(new { serialNo = keyfob.SerialNo, expiresAt = keyfob.ExpiresAt });
    }

    private static async Task<IResult> ImportKeyfobsAsync(HttpRequest request, BankDb db, AuditLog audit, CancellationToken ct)
    {
        IReadOnlyList<PskcKey> keys;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            keys = Pskc.Parse(buffer);
        }
        catch (Exception e) when (e is XmlException or FormatException or OverflowException)
        {
            return Problem.BadInput("PSKC ファイルを読み取れません: " + e.Message).ToResult();
        }
        var serials = keys.Select(k => k.SerialNo).ToList();
        if (await db.Keyfobs.AnyAsync(k => serials.Contains(k.SerialNo), ct) || serials.Distinct().Count() != serials.Count)
        {
            return Problem.Conflict("duplicate_serial", "既に取り込み済みのシリアル番号が含まれています。").ToResult();
        }
        foreach (var key in keys)
        {
            db.Keyfobs.Add(StockKeyfob.Receive(key.SerialNo, key.Manufacturer, key.Secret, key.ExpiresAt, key.Digits, key.PeriodSeconds));
        }
        audit.Record("staff", null, "ハードウェアトークン在庫取込", string.Create(CultureInfo.InvariantCulture, $"成功({keys.Count}件)"));
        await db.SaveChangesAsync(ct);
        return Results.Json(new { imported = keys.Count, serials });
    }

    private static async Task<IResult> AuditAsync(string? loginId, BankDb db, CancellationToken ct)
    {
        var query = db.Audit.AsNoTracking();
        if (loginId is not null)
        {
            query = query.Where(a => a.LoginId == loginId);
        }
        var entries = await query.OrderBy(a => a.Id).Take(10_000).ToListAsync(ct);
        return Results.Json(entries.Select(a => new { at = JapanTime.ToJst(a.At), a.Actor, a.LoginId, a.Event, a.Result }));
    }
}

public enum CounterOperation { Stop, Unlock, Cancel }

public sealed record StaffDone(string Message, TokenView Otp);

/// <summary>利用停止 / ロック解除 / ご利用解除 at the 窓口, following the profile's way of lifting a lock.
/// Not sealed, and <see cref="ChangeTokenAsync"/> virtual, only so that the conformance suite can put a deliberately broken
/// 窓口 in its place (a code-level mutant) and see its scenarios fail.</summary>
public class StaffContext(BankDb db, BankProfile profile, OtpChecks otp, AuditLog audit, CustomerLocks locks, TimeProvider clock)
{
    public virtual async Task<Outcome<StaffDone>> ChangeTokenAsync(string loginId, CounterOperation operation, CancellationToken ct)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.LoginId == loginId, ct);
        if (customer is null)
        {
            return Problem.NotFound("お客様が見つかりません。");
        }
        using var _ = await locks.EnterAsync(customer.Id, ct);
        await db.Entry(customer).ReloadAsync(ct);
        var token = await otp.CurrentTokenAsync(customer.Id, ct);
        if (token is null)
        {
            return Problem.Conflict("no_token", "ご利用中のトークンがありません。");
        }
        var now = clock.GetUtcNow();
        var name = operation switch
        {
            CounterOperation.Stop => "利用停止",
            CounterOperation.Cancel => "ご利用解除",
            _ => "ロック解除",
        };
        switch (operation)
        {
            case CounterOperation.Stop:
                token.Stop(now);
                break;
            case CounterOperation.Cancel:
                Tokens.OtpOperations.Deactivate(customer, token, profile, now);
                break;
            default:
                if (profile.Otp.LockLiftedBy == LockLift.StopAndReissue)
                {
                    return Problem.Conflict("stop_and_reissue",
                        "当組合ではロックの解除は行えません。「利用停止」のうえ、再度トークン発行を行ってください。");
                }
                if (token.State != TokenState.Locked)
                {
                    return Problem.Conflict("not_locked", "トークンはロックされていません。");
                }
                token.Unlock();
                break;
        }
        audit.Record("staff", customer.LoginId, name, "成功");
        await db.SaveChangesAsync(ct);
        return new StaffDone(name + "が完了しました。", TokenView.Of(await otp.CurrentTokenAsync(customer.Id, ct)));
    }
}
