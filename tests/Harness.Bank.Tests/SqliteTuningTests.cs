using Harness.Bank.Data;
using Microsoft.Data.Sqlite;

namespace Harness.Bank.Tests;

public sealed class SqliteTuningTests
{
    [Test]
    public async Task The_pragmas_run_once_per_pooled_native_connection_not_at_every_open()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tuning-{Guid.NewGuid():N}.db");
        var tuning = new SqliteTuning();
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=True");
            await connection.OpenAsync();
            await tuning.ConnectionOpenedAsync(connection, null!);
            var first = (await PragmaAsync(connection, "journal_mode"), await PragmaAsync(connection, "synchronous"));
            await ExecuteAsync(connection, "PRAGMA synchronous=FULL");
            await connection.CloseAsync();

            await connection.OpenAsync();
            await tuning.ConnectionOpenedAsync(connection, null!);
            var reopened = await PragmaAsync(connection, "synchronous");

            Assert.That(first, Is.EqualTo(("wal", "1")), "WAL, synchronous=NORMAL on the first open");
            Assert.That(reopened, Is.EqualTo("2"), "the same native connection is not tuned again (FULL set by hand stays)");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static async Task<string> PragmaAsync(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
