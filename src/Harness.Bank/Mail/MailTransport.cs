using System.Text;
using MailKit.Net.Smtp;
using MailKit;
using MailKit.Security;
using MimeKit;

namespace Harness.Bank.Mail;

public sealed record OutgoingMail(string From, string To, string Subject, string Body, string Charset = "utf-8");

/// <summary>The mail seam: SMTP in production and in the harness, an in-memory outbox in unit tests.</summary>
public interface IMailTransport
{
    /// <returns>false when the mail server could not take the mail (an outage, not a bug).</returns>
    Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

public sealed class SmtpMailTransport(string host, int port, ILogger<SmtpMailTransport> logger) : IMailTransport
{
    public async Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(mail.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Headers.Replace(HeaderId.Subject, Encoding.GetEncoding(mail.Charset), mail.Subject);
        var body = new TextPart("plain");
        body.SetText(mail.Charset, mail.Body);
        message.Body = body;
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(host, port, SecureSocketOptions.None, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException)
        {
            // Only the kind of failure goes to the log: never the body, which may carry a password.
            logger.LogWarning("SMTP {Host}:{Port} refused or unreachable: {Kind}", host, port, e.GetType().Name);
            return false;
        }
    }
}
