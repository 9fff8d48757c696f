using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Harness.Bank.Customers;

/// <param name="Channel">pc | smartphone | mobile, or absent: accepted for older clients and recorded, never deciding whether the OTP is
/// asked; anything else is refused (400).</param>
public sealed record LoginRequest(string? LoginId, string? Password, string? Channel = null);
public sealed record MobileLoginRequest(string? LoginId, string? Password);
public sealed record OtpRequest(string? Code);
public sealed record LoggedIn(string SessionId, string Next);
public sealed record Menu(string LoginId, string Name, string Kind, TokenView Otp, string MailPassword, long TransferLimitYen, long BalanceYen,
    IReadOnlyList<PayeeView> Payees);
public sealed record PayeeView(int Id, string Kind, string BankName, string BranchName, string AccountNo, string AccountName);
public sealed record Done(string Message);
public sealed record OtpPassed(string Next);

/// <summary>Login (id + password, then ワンタイムパスワード認証画面 where enrolled), logout, the menu's data.</summary>
public sealed class LoginOperations(BankDb db, PasswordHasher hasher, AuditLog audit, OtpChecks otp, BankProfile profile, CustomerLocks locks,
    TimeProvider clock, MailPasswords.MailPasswordService mailPasswords)
{
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
        return parsed is null ? Problem.BadInput("ご利用の端末（channel）の指定が正しくありません。pc、smartphone、mobile のいずれかを指定してください。") : null;
    }

    /// <summary>Checks id + password; a wrong id and a wrong password are answered alike.</summary>
    public async Task<Outcome<Customer>> AuthenticateAsync(string? loginId, string? password, CancellationToken ct)
    {
        if (Input.First(Input.Alphanumeric(loginId, "ログインID", 1, 32), Input.Password(password, "ログインパスワード")) is { } bad)
        {
            return bad;
        }
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.LoginId == loginId, ct);
        if (customer is null)
        {
            await hasher.VerifyAgainstDummyAsync(password!, ct);
            return Problem.WrongCredentials;
        }
        if (!await hasher.VerifyAsync(password!, customer.PasswordHash, ct))
        {
            audit.Record("customer", customer.LoginId, "ログインパスワード認証", "失敗");
            await db.SaveChangesAsync(ct);
            return Problem.WrongCredentials;
        }
        if (hasher.NeedsRehash(customer.PasswordHash))
        {
            // Stored at an older algorithm or cost: store it again now that the password is known to be right.
            var rehashed = await hasher.HashAsync(password!, ct);
            using var _ = await locks.EnterAsync(customer.Id, ct);
            await db.Entry(customer).ReloadAsync(ct);
            customer.RehashPassword(rehashed);
            await db.SaveChangesAsync(ct);
        }
        return customer;
    }

    /// <summary>
    /// A new session (a new random id every login); asks the OTP of every customer with a token in use where the bank asks it at login,
    /// whatever device the request names: the channel is only recorded (モバイルIB has its own entrance, <see cref="MobileLoginAsync"/>).
    /// </summary>
    public async Task<Outcome<LoggedIn>> LoginAsync(LoginRequest request, CancellationToken ct)
    {
        if (ParseChannel(request.Channel, out var channel) is { } badChannel)
        {
            return badChannel;
        }
        var auth = await AuthenticateAsync(request.LoginId, request.Password, ct);
        if (auth.Value is not { } customer)
        {
            return auth.Problem!;
        }
        using var _ = await locks.EnterAsync(customer.Id, ct);
        await db.Entry(customer).ReloadAsync(ct);
        var token = await otp.InUseTokenAsync(customer.Id, ct);
        var needsOtp = token is not null && otp.Requires(OtpUse.Login);
        var id = Sessions.NewId();
        db.Sessions.Add(Session.Start(Sessions.HashOf(id), customer.Id, needsOtp ? SessionStage.AwaitingOtp : SessionStage.LoggedIn, channel, clock.GetUtcNow()));
        // A new login voids the mail password of any earlier session.
        mailPasswords.EndWithSession(customer);
        audit.Record("customer", customer.LoginId, "ログインパスワード認証", needsOtp ? "成功(ワンタイムパスワード待ち)" : "成功");
        await db.SaveChangesAsync(ct);
        return new LoggedIn(id, needsOtp ? "otp" : "menu");
    }

    /// <summary>
    /// SKN-04: モバイルIB (feature phones) logs in with id + password only, even with OTP registered; the session may only look
    /// (<see cref="SessionStage.MobileIb"/>, <see cref="Sessions.RefusalAsync"/>). Banks without モバイルIB answer 404.
    /// </summary>
    public async Task<Outcome<LoggedIn>> MobileLoginAsync(MobileLoginRequest request, CancellationToken ct)
    {
        if (!profile.Otp.MobileIbWithoutOtp)
        {
            return MobileIbNotOffered;
        }
        var auth = await AuthenticateAsync(request.LoginId, request.Password, ct);
        if (auth.Value is not { } customer)
        {
            return auth.Problem!;
        }
        using var _ = await locks.EnterAsync(customer.Id, ct);
        await db.Entry(customer).ReloadAsync(ct);
        var id = Sessions.NewId();
        db.Sessions.Add(Session.Start(Sessions.HashOf(id), customer.Id, SessionStage.MobileIb, Channel.FeaturePhone, clock.GetUtcNow()));
        mailPasswords.EndWithSession(customer);
        audit.Record("customer", customer.LoginId, "ログインパスワード認証(モバイルIB)", "成功(照会のみ)");
        await db.SaveChangesAsync(ct);
        return new LoggedIn(id, "menu");
    }

    public static readonly Problem MobileIbNotOffered = Problem.NotFound("モバイルIBはお取り扱いしておりません。");

    /// <summary>利用者認証 of the VIP screens: a session that opens only the registration or stop step.</summary>
    public async Task<Outcome<LoggedIn>> StartVipStepAsync(string? loginId, string? password, CancellationToken ct)
    {
        var auth = await AuthenticateAsync(loginId, password, ct);
        if (auth.Value is not { } customer)
        {
            return auth.Problem!;
        }
        var id = Sessions.NewId();
        db.Sessions.Add(Session.Start(Sessions.HashOf(id), customer.Id, SessionStage.VipOnly, Channel.Pc, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new LoggedIn(id, "vip");
    }

    public async Task EndSessionAsync(Session session, CancellationToken ct)
    {
        db.Sessions.Remove(session);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Outcome<OtpPassed>> LoginOtpAsync(Sessions.Current c, OtpRequest request, CancellationToken ct)
    {
        using var _ = await locks.EnterAsync(c.Customer.Id, ct);
        await db.Entry(c.Customer).ReloadAsync(ct);
        var token = await otp.InUseTokenAsync(c.Customer.Id, ct);
        if (token is null)
        {
            return Problem.NotLoggedIn;
        }
        var result = await otp.VerifyAsync(c.Customer, token, request.Code, "ログイン ワンタイムパスワード認証", ct);
        if (result is OtpResult.Accepted)
        {
            c.Session.OtpPassed();
        }
        await db.SaveChangesAsync(ct);
        return otp.ProblemOf(result) is { } problem ? problem : new OtpPassed("menu");
    }

    public async Task<Outcome<Done>> LogoutAsync(string? sessionId, CancellationToken ct)
    {
        if (sessionId is null || await db.Sessions.FindAsync([Sessions.HashOf(sessionId)], ct) is not { } session)
        {
            return Problem.NotLoggedIn;
        }
        using var _ = await locks.EnterAsync(session.CustomerId, ct);
        var customer = await db.Customers.SingleAsync(c => c.Id == session.CustomerId, ct);
        db.Sessions.Remove(session);
        mailPasswords.EndWithSession(customer);
        audit.Record("customer", customer.LoginId, "ログアウト", "成功");
        await db.SaveChangesAsync(ct);
        return new Done("ログアウトしました。");
    }

    public async Task<Menu> MenuAsync(Customer customer, CancellationToken ct)
    {
        var token = await otp.CurrentTokenAsync(customer.Id, ct);
        var payees = await db.Payees.Where(p => p.CustomerId == customer.Id).OrderBy(p => p.Id).ToListAsync(ct);
        return new Menu(customer.LoginId, customer.Name, customer.Kind.ToString(), TokenView.Of(token),
            customer.MailPassword == MailPasswordSetting.On ? "利用する" : "利用しない", customer.TransferLimitYen, customer.BalanceYen,
            payees.Select(p => new PayeeView(p.Id, p.Kind.ToString(), p.BankName, p.BranchName, p.AccountNo, p.AccountName)).ToList());
    }
}

public static class LoginApi
{
    public static RouteGroupBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/login", async (LoginRequest request, HttpContext http, LoginOperations ops, CancellationToken ct) =>
        {
            var outcome = await ops.LoginAsync(request, ct);
            if (outcome.Value is { } loggedIn)
            {
                Sessions.WriteCookie(http, loggedIn.SessionId);
            }
            return outcome.ToResult();
        });
        api.MapPost("/mobile/login", async (MobileLoginRequest request, HttpContext http, LoginOperations ops, CancellationToken ct) =>
        {
            var outcome = await ops.MobileLoginAsync(request, ct);
            if (outcome.Value is { } loggedIn)
            {
                Sessions.WriteCookie(http, loggedIn.SessionId);
            }
            return outcome.ToResult();
        });
        api.MapPost("/login/otp", (OtpRequest request, HttpContext http, Sessions sessions, LoginOperations ops, CancellationToken ct) =>
            sessions.RunAsync(http, SessionStage.AwaitingOtp, c => ops.LoginOtpAsync(c, request, ct), ct));
        api.MapPost("/logout", async (HttpContext http, LoginOperations ops, CancellationToken ct) =>
        {
            var outcome = await ops.LogoutAsync(Sessions.IdFrom(http), ct);
            http.Response.Cookies.Delete(Sessions.CookieName);
            return outcome.ToResult();
        });
        api.MapGet("/me", (HttpContext http, Sessions sessions, LoginOperations ops, CancellationToken ct) =>
            sessions.RunAsync(http, Act.View, async c => (Outcome<Menu>)await ops.MenuAsync(c.Customer, ct), ct));
        return api;
    }
}
