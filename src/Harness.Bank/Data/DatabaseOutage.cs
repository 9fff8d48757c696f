using System.Net.Sockets;
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
    // SQLite primary result codes that mean the file cannot be used right now, not that a statement is wrong. BUSY (5) is
    // not one: writes are serialised (WriteGate) and wait 30 s, so a busy file means a transaction the bank leaked.
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;

    /// <summary>The exception that shows the database unreachable, or null when <paramref name="exception"/> is anything else.</summary>
    public static Exception? CauseOf(Exception exception) => exception switch
    {
        PostgresException p => IsConnectionState(p.SqlState) ? p : null,
        NpgsqlException { InnerException: PostgresException p } => CauseOf(p),
        // Npgsql's own failures count only when the network under them failed: refused, reset, closed in the middle of a
        // message. A pool exhausted (a leaked connection), a command timeout (a lock wait) or two operations on one
        // connection are the bank's own faults and stay a 500.
        NpgsqlException { InnerException: SocketException or IOException or EndOfStreamException } n => n,
        SqliteException s => s.SqliteErrorCode is SqliteIoError or SqliteCantOpen ? s : null,
        // EF wraps what the provider threw: a failed save, a retry strategy giving up, a transient failure in a query.
        DbUpdateException or RetryLimitExceededException or InvalidOperationException when exception.InnerException is { } inner => CauseOf(inner),
        _ => null,
    };

    /// <summary>SQLSTATE class 08 (connection exception) but for 08P01 (a protocol violation: a bug, not an outage), or the
    /// server shutting down or starting (57P01..57P03). Not 53300 (no free connection slot), which a connection leak causes.</summary>
    private static bool IsConnectionState(string sqlState) =>
        (sqlState.StartsWith("08", StringComparison.Ordinal) && sqlState != "08P01") || sqlState is "57P01" or "57P02" or "57P03";

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
/// operation writes in one SaveChanges (one transaction), so a request refused before its COMMIT has recorded nothing: no
/// counted failure, no half-written transfer. (A connection lost during the COMMIT itself cannot tell whether the server
/// committed; the customer then sees the 503 although the change may stand.) PostgreSQL's idle pooled connections are dropped too, so that the requests after the
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
