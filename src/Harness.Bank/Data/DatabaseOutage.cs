using System.Globalization;
using Harness.Bank.Common;
using Harness.Bank.Screens;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Harness.Bank.Data;

/// <summary>
/// Tells an unreachable database (the server restarting, the connection broken, the file unopenable) from a programming
/// error. Only the first is an outage; everything else stays an unexpected 500.
/// </summary>
public static class DatabaseOutage
{
    // SQLite primary result codes that mean the file cannot be used right now, not that a statement is wrong.
    private const int SqliteBusy = 5;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;

    /// <summary>The exception that shows the database unreachable, or null when <paramref name="exception"/> is anything else.</summary>
    public static Exception? CauseOf(Exception exception) => exception switch
    {
        PostgresException p => IsConnectionState(p.SqlState) ? p : null,
        // Npgsql raises a plain NpgsqlException only for the connection (network, stream, timeout, pool exhausted); what the
        // server says about a statement is a PostgresException, and misuse of the API a standard CLR exception.
        NpgsqlException { InnerException: PostgresException p } => CauseOf(p),
        NpgsqlException n => n,
        SqliteException s => s.SqliteErrorCode is SqliteBusy or SqliteIoError or SqliteCantOpen ? s : null,
        // EF wraps what the provider threw: a failed save, a retry strategy giving up, a transient failure in a query.
        DbUpdateException or RetryLimitExceededException or InvalidOperationException when exception.InnerException is { } inner => CauseOf(inner),
        _ => null,
    };

    /// <summary>SQLSTATE class 08 (connection exception), the server shutting down or starting (57P01..57P03), or no free
    /// connection slot left on the server (53300).</summary>
    private static bool IsConnectionState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03" or "53300";

    /// <summary>For the log: the kind of failure and its code, never a message (those may quote a statement or a host).</summary>
    public static string Describe(Exception cause) => cause switch
    {
        PostgresException p => "PostgreSQL " + p.SqlState,
        NpgsqlException { InnerException: { } inner } => $"Npgsql ({inner.GetType().Name})",
        NpgsqlException => "Npgsql",
        SqliteException s => string.Create(CultureInfo.InvariantCulture, $"SQLite {s.SqliteErrorCode}"),
        _ => cause.GetType().Name,
    };
}

/// <summary>
/// A request that fails because the database cannot be reached is refused with 503 and <see cref="Problem.DatabaseDown"/>:
/// as JSON on the programs' routes, as a screen in the bank's layout on the customer's and the counter's screens. Each
/// operation writes in one SaveChanges (one transaction), so a refused request has recorded nothing: no counted failure,
/// no half-written transfer. PostgreSQL's idle pooled connections are dropped too, so that the requests after the
/// database is back get fresh connections instead of ones the restart broke.
/// </summary>
internal sealed class DatabaseOutageMiddleware(RequestDelegate next, ILogger<DatabaseOutageMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && DatabaseOutage.CauseOf(e) is { } cause)
        {
            logger.LogWarning("database unreachable, {Method} {Path} refused with 503: {Kind}",
                context.Request.Method, context.Request.Path.Value, DatabaseOutage.Describe(cause));
            context.RequestServices.GetService<NpgsqlDataSource>()?.Clear();
            context.Response.Clear();
            var refusal = IsProgramRoute(context.Request.Path)
                ? Problem.DatabaseDown.ToResult()
                : CustomerScreens.DatabaseDown(context.RequestServices.GetRequiredService<Html>(), context.Request.Path);
            await refusal.ExecuteAsync(context);
        }
    }

    /// <summary>The JSON routes: the customer API, the counter API, the phone app's provisioning, the harness clock.</summary>
    private static bool IsProgramRoute(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/staff/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/app", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/harness", StringComparison.OrdinalIgnoreCase);
}
