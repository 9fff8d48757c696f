using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Harness.Bank.Customers;

/// <summary>Login (id + password, then ワンタイムパスワード認証画面 where enrolled), logout, the customer's status.</summary>
public static class LoginApi
{
    public sealed record LoginRequest(string? LoginId, string? Password, string? Channel);
    public sealed record OtpRequest(string? Code);

    public static RouteGroupBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/login", LoginAsync);
        api.MapPost("/login/otp", LoginOtpAsync);
        api.MapPost("/logout", LogoutAsync);
        api.MapGet("/me", MeAsync);
        return api;
    }

    public static Problem? ParseChannel(string? text, out Channel channel)
    {
        Channel? parsed = text switch
        {
            null or "" or "pc" => Channel.Pc,
            "smartphone" => Channel.Smartphone,
            "mobile" => Channel.FeaturePhone,
            _ => null,
        };
        channel = parsed ?? Channel.Pc;
        return parsed is null ? Problem.BadInput("ご利用の端末の指定が正しくありません（pc / smartphone / mobile）。") : null;
    }

    /// <summary>Checks id + password; a wrong id and a wrong password are answered alike.</summary>
    public static async Task<Outcome<Customer>> AuthenticateAsync(BankDb db, PasswordHasher hasher, AuditLog audit, string? loginId, string? password, CancellationToken ct)
    {
        if (Input.First(Input.Alphanumeric(loginId, "ログインID", 1, 32), Input.Password(password, "ログインパスワード")) is { } bad)
        {
            return bad;
        }
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.LoginId == loginId, ct);
        if (customer is null)
        {
            hasher.VerifyAgainstDummy(password!);
            return Problem.WrongCredentials;
        }
        if (!PasswordHasher.Verify(password!, customer.PasswordHash))
        {
            audit.Record("customer", customer.LoginId, "ログインパスワード認証", "失敗");
            await db.SaveChangesAsync(ct);
            return Problem.WrongCredentials;
        }
        return customer;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext http, BankDb db, PasswordHasher hasher, AuditLog audit,
        OtpChecks otp, BankProfile profile, CustomerLocks locks, TimeProvider clock, CancellationToken ct)
    {
        if (ParseChannel(request.Channel, out var channel) is { } badChannel)
        {
            return badChannel.ToResult();
        }
        var auth = await AuthenticateAsync(db, hasher, audit, request.LoginId, request.Password, ct);
        if (auth.Value is not { } customer)
        {
            return auth.ToResult();
        }
        using var _ = await locks.EnterAsync(customer.Id, ct);
        var token = await otp.InUseTokenAsync(customer.Id, ct);
        var needsOtp = token is not null && otp.Requires(OtpUse.Login) && profile.Otp.LoginChannels.Contains(channel);
        var id = Sessions.NewId();
        db.Sessions.Add(Session.Start(Sessions.HashOf(id), customer.Id, needsOtp ? SessionStage.AwaitingOtp : SessionStage.LoggedIn, channel, clock.GetUtcNow()));
        // A new login voids the mail password of any earlier session.
        customer.EndMailPassword();
        audit.Record("customer", customer.LoginId, "ログインパスワード認証", needsOtp ? "成功(ワンタイムパスワード待ち)" : "成功");
        await db.SaveChangesAsync(ct);
        Sessions.WriteCookie(http, id);
        return Results.Json(new { sessionId = id, next = needsOtp ? "otp" : "menu" });
    }

    private static async Task<IResult> LoginOtpAsync(OtpRequest request, HttpContext http, BankDb db, Sessions sessions, OtpChecks otp,
        CustomerLocks locks, CancellationToken ct)
    {
        var current = await sessions.CurrentAsync(http, SessionStage.AwaitingOtp, ct);
        if (current.Value is not { } c)
        {
            return current.ToResult();
        }
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var token = await otp.InUseTokenAsync(c.Customer.Id, ct);
        if (token is null)
        {
            return Problem.NotLoggedIn.ToResult();
        }
        var result = await otp.VerifyAsync(c.Customer, token, request.Code, "ログイン ワンタイムパスワード認証", ct);
        if (result is OtpResult.Accepted)
        {
            c.Session.OtpPassed();
        }
        await db.SaveChangesAsync(ct);
        return otp.ProblemOf(result)?.ToResult() ?? Results.Json(new { next = "menu" });
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, BankDb db, AuditLog audit, CustomerLocks locks, CancellationToken ct)
    {
        var id = Sessions.IdFrom(http);
        if (id is null || await db.Sessions.FindAsync([Sessions.HashOf(id)], ct) is not { } session)
        {
            return Problem.NotLoggedIn.ToResult();
        }
        using var _ = await locks.EnterAsync(session.CustomerId, ct);
        var customer = await db.Customers.SingleAsync(c => c.Id == session.CustomerId, ct);
        db.Sessions.Remove(session);
        customer.EndMailPassword();
        audit.Record("customer", customer.LoginId, "ログアウト", "成功");
        await db.SaveChangesAsync(ct);
        http.Response.Cookies.Delete(Sessions.CookieName);
        return Results.Json(new { message = "ログアウトしました。" });
    }

    private static async Task<IResult> MeAsync(HttpContext http, BankDb db, Sessions sessions, OtpChecks otp, CancellationToken ct)
    {
        var current = await sessions.CurrentAsync(http, SessionStage.LoggedIn, ct);
        if (current.Value is not { } c)
        {
            return current.ToResult();
        }
        var token = await otp.CurrentTokenAsync(c.Customer.Id, ct);
        var payees = await db.Payees.Where(p => p.CustomerId == c.Customer.Id).OrderBy(p => p.Id)
            .Select(p => new { p.Id, kind = p.Kind.ToString(), p.BankName, p.BranchName, p.AccountNo, p.AccountName })
            .ToListAsync(ct);
        return Results.Json(new
        {
            c.Customer.LoginId,
            c.Customer.Name,
            kind = c.Customer.Kind.ToString(),
            otp = TokenView.Of(token),
            mailPassword = c.Customer.MailPassword == MailPasswordSetting.On ? "利用する" : "利用しない",
            transferLimitYen = c.Customer.TransferLimitYen,
            balanceYen = c.Customer.BalanceYen,
            payees,
        });
    }
}
