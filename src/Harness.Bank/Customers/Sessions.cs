using System.Security.Cryptography;
using System.Text;
using Harness.Bank.Common;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Harness.Bank.Customers;

/// <summary>Session ids: random, sent as an HttpOnly SameSite cookie (or a bearer header for API clients), stored hashed.</summary>
public sealed class Sessions(BankDb db, BankProfile profile)
{
    public const string CookieName = "bank_session";

    public static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string id) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(id)));

    public static string? IdFrom(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return header["Bearer ".Length..].Trim();
        }
        return http.Request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
    }

    public static void WriteCookie(HttpContext http, string id) =>
        http.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
        });

    /// <summary>SKN-04: a モバイルIB session (id + password only) may only look.</summary>
    public static readonly Problem MobileIbRefused = Problem.Forbidden("mobile_ib_not_offered",
        "モバイルIBではこのお取引はご利用いただけません。パソコンまたはスマートフォンからログインしてご利用ください。");

    /// <summary>AKT-07: after 利用停止 the customer logs in with id + password only, to issue and start a new token; nothing else.</summary>
    public static readonly Problem StoppedTokenRefused = Problem.Forbidden("otp_stopped",
        "ワンタイムパスワードが利用停止となっているため、新しいトークンの利用開始まで、このお取引はご利用いただけません。「ワンタイムパスワード申請」からトークン発行とワンタイムパスワード利用開始を行ってください。");

    /// <summary>
    /// The session of this request at a stage that is not the logged-in one (<see cref="SessionStage.AwaitingOtp"/>,
    /// <see cref="SessionStage.VipOnly"/>). Logged-in requests go through <see cref="CurrentAsync(HttpContext, Act, CancellationToken)"/>,
    /// which says what they want to do.
    /// </summary>
    public async Task<Outcome<Current>> CurrentAsync(HttpContext http, SessionStage stage, CancellationToken ct)
    {
        if (stage is SessionStage.LoggedIn or SessionStage.MobileIb)
        {
            throw new ArgumentException("a logged-in request names its Act", nameof(stage));
        }
        return await FindAsync(http, s => s == stage, ct);
    }

    /// <summary>The logged-in session of this request, if it may do <paramref name="act"/>; otherwise the refusal.</summary>
    public async Task<Outcome<Current>> CurrentAsync(HttpContext http, Act act, CancellationToken ct)
    {
        var current = await FindAsync(http, s => s is SessionStage.LoggedIn or SessionStage.MobileIb, ct);
        if (current.Value is not { } c)
        {
            return current;
        }
        return await RefusalAsync(c, act, ct) is { } refused ? refused : c;
    }

    /// <summary>
    /// The one rule of what a logged-in session may do. モバイルIB: only look (the manual names nothing else for it). A customer of a
    /// bank where use resumes only by 利用停止 and a new issue (akita), whose token is stopped and none is in use yet: look, and
    /// ワンタイムパスワード申請 (トークン発行, 利用開始); no transfers, limit or settings change until the new token is in use.
    /// </summary>
    public async Task<Problem?> RefusalAsync(Current c, Act act, CancellationToken ct)
    {
        if (act == Act.View)
        {
            return null;
        }
        if (c.Session.Stage == SessionStage.MobileIb)
        {
            return MobileIbRefused;
        }
        if (profile.Otp.LockLiftedBy == LockLift.StopAndReissue && act != Act.OtpIssue && await AwaitsReissueAsync(c.Customer.Id, ct))
        {
            return StoppedTokenRefused;
        }
        return null;
    }

    /// <summary>No token in use (サービス利用中 or locked), and the last one that was in use ended by 利用停止 (not by ご利用解除).</summary>
    private async Task<bool> AwaitsReissueAsync(int customerId, CancellationToken ct)
    {
        var last = await db.Tokens
            .Where(t => t.CustomerId == customerId && (t.State == TokenState.Active || t.State == TokenState.Locked
                || t.State == TokenState.Deactivated || t.State == TokenState.Stopped))
            .OrderByDescending(t => t.Id)
            .Select(t => (TokenState?)t.State)
            .FirstOrDefaultAsync(ct);
        if (last != TokenState.Stopped)
        {
            return false;
        }
        return !await db.Tokens.AnyAsync(t => t.CustomerId == customerId && (t.State == TokenState.Active || t.State == TokenState.Locked), ct);
    }

    private async Task<Outcome<Current>> FindAsync(HttpContext http, Func<SessionStage, bool> stageFits, CancellationToken ct)
    {
        var id = IdFrom(http);
        if (id is null || id.Length > 100)
        {
            return Problem.NotLoggedIn;
        }
        var session = await db.Sessions.FindAsync([HashOf(id)], ct);
        if (session is null || !stageFits(session.Stage))
        {
            return Problem.NotLoggedIn;
        }
        var customer = await db.Customers.FindAsync([session.CustomerId], ct);
        return customer is null ? Problem.NotLoggedIn : new Current(session, customer);
    }

    /// <summary>Runs an operation for the session of this request and maps its outcome to HTTP in one place.</summary>
    public async Task<IResult> RunAsync<T>(HttpContext http, SessionStage stage, Func<Current, Task<Outcome<T>>> operation, CancellationToken ct)
    {
        var current = await CurrentAsync(http, stage, ct);
        return current.Value is { } c ? (await operation(c)).ToResult() : current.Problem!.ToResult();
    }

    /// <summary>Runs an operation of a logged-in session that may do <paramref name="act"/>.</summary>
    public async Task<IResult> RunAsync<T>(HttpContext http, Act act, Func<Current, Task<Outcome<T>>> operation, CancellationToken ct)
    {
        var current = await CurrentAsync(http, act, ct);
        return current.Value is { } c ? (await operation(c)).ToResult() : current.Problem!.ToResult();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public sealed record Current(Session Session, Customer Customer);
}
