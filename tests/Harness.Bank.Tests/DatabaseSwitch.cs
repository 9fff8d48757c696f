using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Harness.Bank.Tests;

/// <summary>
/// The bank's database becoming unreachable without a database server to stop: an EF Core interceptor (added through
/// <see cref="BankHostOptions.ConfigureDatabase"/>) that, while switched, throws what the provider throws when the server
/// restarts or the connection breaks. <see cref="Down"/>: nothing reaches the database. <see cref="BreakAtCommit"/>: the
/// reads and every statement of the save run, the connection breaks at COMMIT (the worst moment for a half-written change).
/// It also counts the saves, so that a test can see an operation write in one unit of work.
/// </summary>
public sealed class DatabaseSwitch : DbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    private volatile Func<Exception>? _down;
    private volatile Func<Exception>? _atCommit;
    private int _saves;

    /// <summary>SaveChanges calls since the bank started (or since the last <see cref="TakeSaves"/>).</summary>
    public int TakeSaves() => Interlocked.Exchange(ref _saves, 0);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Interlocked.Increment(ref _saves);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _saves);
        return ValueTask.FromResult(result);
    }

    public void Down(Func<Exception> failure) => _down = failure;

    public void BreakAtCommit(Func<Exception> failure) => _atCommit = failure;

    public void Up()
    {
        _down = null;
        _atCommit = null;
    }

    /// <summary>Switches by name, so that test cases can name the way the database fails.</summary>
    public void Fail(string mode, string failure)
    {
        var exception = DatabaseFailures.ByName(failure);
        switch (mode)
        {
            case "down": Down(exception); break;
            case "at-commit": BreakAtCommit(exception); break;
            default: throw new ArgumentOutOfRangeException(nameof(mode), mode, "down or at-commit");
        }
    }

    private void ThrowIfDown()
    {
        if (_down is { } failure)
        {
            throw failure();
        }
    }

    private void ThrowIfBreakingAtCommit()
    {
        if ((_atCommit ?? _down) is { } failure)
        {
            throw failure();
        }
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        ThrowIfDown();
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        ThrowIfDown();
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        ThrowIfDown();
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        ThrowIfDown();
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        ThrowIfBreakingAtCommit();
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        ThrowIfBreakingAtCommit();
        return ValueTask.FromResult(result);
    }
}

/// <summary>What Npgsql and Microsoft.Data.Sqlite throw when the database goes away, built as they build them.</summary>
public static class DatabaseFailures
{
    /// <summary>PostgreSQL being restarted: the server ends every session.</summary>
    public static Exception PostgresShutdown() =>
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");

    /// <summary>PostgreSQL still starting after the restart.</summary>
    public static Exception PostgresStarting() =>
        new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03");

    /// <summary>A pooled connection the restart broke.</summary>
    public static Exception ConnectionReset() =>
        new NpgsqlException("Exception while reading from stream",
            new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)));

    /// <summary>Nothing listening on the port while the server is down.</summary>
    public static Exception ConnectionRefused() =>
        new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    public static Exception ReadTimeout() =>
        new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));

    public static Exception SqliteCannotOpen() => new SqliteException("SQLite Error 14: 'unable to open database file'.", 14);

    public static Exception SqliteBusy() => new SqliteException("SQLite Error 5: 'database is locked'.", 5);

    public static Func<Exception> ByName(string name) => name switch
    {
        "postgres-shutdown" => PostgresShutdown,
        "postgres-starting" => PostgresStarting,
        "connection-reset" => ConnectionReset,
        "connection-refused" => ConnectionRefused,
        "read-timeout" => ReadTimeout,
        "sqlite-cannot-open" => SqliteCannotOpen,
        "sqlite-busy" => SqliteBusy,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown database failure"),
    };
}
