using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Harness.Bank.Data;

/// <summary>
/// Per-connection SQLite settings: WAL with synchronous=NORMAL (a commit is durable once the WAL is
/// checkpointed; the database never corrupts), and a busy timeout for the rare writer from outside.
/// EF opens the connection for every query, and pooling hands back the same native connection each time:
/// the pragmas run once per native connection, not once per query (they cost a third of an OTP request's statements).
/// </summary>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
    private readonly ConditionalWeakTable<object, object> _tuned = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>True the first time this native connection is seen (any connection that is not SQLite's: always).</summary>
    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _tuned.TryAdd(handle, handle);
}

/// <summary>
/// SQLite has one writer at a time: writers of this process queue here instead of spinning on
/// SQLITE_BUSY. (PostgreSQL needs no such gate.)
/// </summary>
public sealed class WriteGate(bool serialise = true)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (!serialise)
        {
            return new Release(null);
        }
        await _gate.WaitAsync(ct);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim? gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate?.Release();
            }
        }
    }
}
