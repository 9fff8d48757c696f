using System.Net;
using System.Net.Sockets;
using Harness.Bank.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Harness.Bank.Tests;

/// <summary>Which exceptions mean "the database cannot be reached" (503) and which are errors (500).</summary>
public sealed class DatabaseOutageKindsTests
{
    [Test]
    public async Task A_real_refused_postgres_connection_is_an_outage()
    {
        // A loopback port held by a socket that never listens: no other test's server can take it, and a connection to it
        // is refused at once.
        using var held = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        held.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)held.LocalEndPoint!).Port;
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=bank;Password=secret;Pooling=false");

        var refused = Assert.ThrowsAsync<NpgsqlException>(() => connection.OpenAsync())!;

        Assert.That(DatabaseOutage.CauseOf(refused), Is.SameAs(refused));
        Assert.That(DatabaseOutage.Describe(refused), Is.EqualTo("Npgsql (SocketException)"));
    }

    [Test]
    public void A_real_unopenable_sqlite_file_is_an_outage()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "bank.db")};Mode=ReadWrite");

        var cannotOpen = Assert.Throws<SqliteException>(connection.Open)!;

        Assert.That(DatabaseOutage.CauseOf(cannotOpen), Is.SameAs(cannotOpen));
        Assert.That(DatabaseOutage.Describe(cannotOpen), Is.EqualTo("SQLite 14"));
    }

    [TestCase("08006", "PostgreSQL 08006")]
    [TestCase("08001", "PostgreSQL 08001")]
    [TestCase("57P01", "PostgreSQL 57P01")]
    [TestCase("57P02", "PostgreSQL 57P02")]
    [TestCase("57P03", "PostgreSQL 57P03")]
    public void A_server_that_is_restarting_or_out_of_connections_is_an_outage_however_it_is_wrapped(string sqlState, string described)
    {
        var server = new PostgresException("connection failure", "FATAL", "FATAL", sqlState);

        Assert.That(DatabaseOutage.CauseOf(server), Is.SameAs(server));
        Assert.That(DatabaseOutage.CauseOf(new DbUpdateException("save failed", server)), Is.SameAs(server));
        Assert.That(DatabaseOutage.CauseOf(new NpgsqlException("The connection was previously broken", server)), Is.SameAs(server));
        Assert.That(DatabaseOutage.CauseOf(new InvalidOperationException("transient failure", new DbUpdateException("save failed", server))), Is.SameAs(server));
        Assert.That(DatabaseOutage.CauseOf(new RetryLimitExceededException("gave up", server)), Is.SameAs(server));
        Assert.That(DatabaseOutage.Describe(server), Is.EqualTo(described));
    }

    [TestCase("23505")] // unique violation
    [TestCase("40001")] // serialization failure
    [TestCase("42P01")] // undefined table
    [TestCase("28P01")] // wrong password: a configuration error, not an outage
    [TestCase("53300")] // no free connection slot: a connection leak
    [TestCase("08P01")] // protocol violation
    public void What_the_server_says_about_a_statement_or_a_login_is_not_an_outage(string sqlState)
    {
        var server = new PostgresException("statement failed", "ERROR", "ERROR", sqlState);

        Assert.That(DatabaseOutage.CauseOf(server), Is.Null);
        Assert.That(DatabaseOutage.CauseOf(new DbUpdateException("save failed", server)), Is.Null);
        Assert.That(DatabaseOutage.CauseOf(new NpgsqlException("broken", server)), Is.Null);
    }

    [Test]
    public void Broken_streams_are_outages_timeouts_a_full_pool_a_busy_sqlite_file_and_statement_errors_are_not()
    {
        var reset = DatabaseFailures.ConnectionReset();
        var closed = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        var timeout = DatabaseFailures.ReadTimeout();
        var poolExhausted = new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 100) or 'Timeout' (currently 15 seconds) in your connection string.", new TimeoutException());
        var inProgress = new NpgsqlOperationInProgressException(new NpgsqlCommand("SELECT 1"));
        var busy = DatabaseFailures.SqliteBusy();
        var constraint = new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19);

        Assert.That(DatabaseOutage.CauseOf(new DbUpdateException("save failed", reset)), Is.SameAs(reset));
        Assert.That(DatabaseOutage.Describe(reset), Is.EqualTo("Npgsql (IOException)"));
        Assert.That(DatabaseOutage.CauseOf(closed), Is.SameAs(closed));
        Assert.That(DatabaseOutage.Describe(closed), Is.EqualTo("Npgsql (EndOfStreamException)"));
        Assert.That(DatabaseOutage.CauseOf(timeout), Is.Null, "a command timeout is a lock wait or a slow statement");
        Assert.That(DatabaseOutage.CauseOf(poolExhausted), Is.Null, "an exhausted pool is a leaked connection");
        Assert.That(DatabaseOutage.CauseOf(inProgress), Is.Null, "two operations on one connection is a bug");
        Assert.That(DatabaseOutage.CauseOf(new DbUpdateException("save failed", busy)), Is.Null, "writes are serialised: a busy file is a leaked transaction");
        Assert.That(DatabaseOutage.CauseOf(constraint), Is.Null);
        Assert.That(DatabaseOutage.CauseOf(new DbUpdateException("save failed", constraint)), Is.Null);
    }

    [Test]
    public void A_socket_or_timeout_that_does_not_come_from_the_database_is_not_a_database_outage()
    {
        // The mail server and the token vendor have outages of their own, with their own messages.
        Assert.That(DatabaseOutage.CauseOf(new SocketException((int)SocketError.ConnectionRefused)), Is.Null);
        Assert.That(DatabaseOutage.CauseOf(new IOException("broken pipe")), Is.Null);
        Assert.That(DatabaseOutage.CauseOf(new TimeoutException()), Is.Null);
        Assert.That(DatabaseOutage.CauseOf(new InvalidOperationException("Sequence contains no elements")), Is.Null);
        Assert.That(DatabaseOutage.CauseOf(new DbUpdateConcurrencyException("row changed")), Is.Null);
        Assert.That(DatabaseOutage.CauseOf(new InvalidOperationException("wrapped", new HttpRequestException("vendor down"))), Is.Null);
    }
}
