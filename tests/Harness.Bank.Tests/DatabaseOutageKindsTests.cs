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
    [TestCase("53300", "PostgreSQL 53300")]
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
    public void What_the_server_says_about_a_statement_or_a_login_is_not_an_outage(string sqlState)
    {
        var server = new PostgresException("statement failed", "ERROR", "ERROR", sqlState);

        Assert.That(DatabaseOutage.CauseOf(server), Is.Null);
        Assert.That(DatabaseOutage.CauseOf(new DbUpdateException("save failed", server)), Is.Null);
        Assert.That(DatabaseOutage.CauseOf(new NpgsqlException("broken", server)), Is.Null);
    }

    [Test]
    public void Broken_streams_timeouts_and_a_busy_sqlite_file_are_outages_sqlite_errors_of_a_statement_are_not()
    {
        var reset = DatabaseFailures.ConnectionReset();
        var timeout = DatabaseFailures.ReadTimeout();
        var busy = DatabaseFailures.SqliteBusy();
        var constraint = new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19);

        Assert.That(DatabaseOutage.CauseOf(new DbUpdateException("save failed", reset)), Is.SameAs(reset));
        Assert.That(DatabaseOutage.Describe(reset), Is.EqualTo("Npgsql (IOException)"));
        Assert.That(DatabaseOutage.CauseOf(timeout), Is.SameAs(timeout));
        Assert.That(DatabaseOutage.Describe(timeout), Is.EqualTo("Npgsql (TimeoutException)"));
        Assert.That(DatabaseOutage.CauseOf(new DbUpdateException("save failed", busy)), Is.SameAs(busy));
        Assert.That(DatabaseOutage.Describe(busy), Is.EqualTo("SQLite 5"));
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
