using System.Security.Cryptography;
using System.Text;
using Harness.Bank.Common;
using Harness.Bank.Data;
using Microsoft.EntityFrameworkCore;

namespace Harness.Bank.Customers;

/// <summary>Session ids: random, sent as an HttpOnly SameSite cookie (or a bearer header for API clients), stored hashed.</summary>
public sealed class Sessions(BankDb db)
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

    /// <summary>The session of this request at the given stage, with its id and customer.</summary>
    public async Task<Outcome<Current>> CurrentAsync(HttpContext http, SessionStage stage, CancellationToken ct)
    {
        var id = IdFrom(http);
        if (id is null || id.Length > 100)
        {
            return Problem.NotLoggedIn;
        }
        var session = await db.Sessions.FindAsync([HashOf(id)], ct);
        if (session is null || session.Stage != stage)
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

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public sealed record Current(Session Session, Customer Customer);
}
