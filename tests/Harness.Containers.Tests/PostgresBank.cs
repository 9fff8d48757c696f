using Harness.Containers;
using Harness.Bank.Mail;
using Harness.Bank.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Containers.Tests;

/// <summary>The bank tests' <see cref="TestBank"/> (fake clock, outbox, vendor) on a database of its own in the PostgreSQL
/// container, and optionally sending its mail to the mail container. <see cref="TestBank.RestartAsync"/> stops the bank and
/// starts it again on the same database.</summary>
internal static class PostgresBank
{
    /// <param name="smtp">The mail container's SMTP port on loopback; null = the in-memory outbox.</param>
    public static async Task<TestBank> StartAsync(string profile, (string Host, int Port)? smtp = null, FakeTimeProvider? clock = null) =>
        await TestBank.StartAsync(profile, clock, backing: new TestBankBacking(
            await ServerContainers.NewDatabaseAsync(),
            smtp is { } server ? outbox => new RecordingSmtp(outbox, server.Host, server.Port) : null));
}

/// <summary>The bank's own SMTP transport to the mail container, keeping a copy of each mail the server took.</summary>
internal sealed class RecordingSmtp(Outbox sent, string host, int port) : IMailTransport
{
    private readonly SmtpMailTransport _smtp = new(host, port, Microsoft.Extensions.Logging.Abstractions.NullLogger<SmtpMailTransport>.Instance);

    public async Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
        await _smtp.SendAsync(mail, cancellationToken) && await sent.SendAsync(mail, cancellationToken);
}
