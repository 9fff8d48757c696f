using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Harness.Devices.Tests.Mail;

/// <summary>Sends mail as the bank does (CONTRACTS.md §4): MailKit over plain SMTP on loopback.</summary>
internal static class MailSender
{
    // ISO-2022-JP is not among .NET's built-in encodings; the code-pages provider supplies it.
    static MailSender() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static MimeMessage Compose(string from, string to, string subject, string body, string charset)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(null, from));
        message.To.Add(new MailboxAddress(null, to));
        message.Headers.Replace(HeaderId.Subject, System.Text.Encoding.GetEncoding(charset), subject);
        var text = new TextPart("plain");
        text.SetText(charset, body);
        message.Body = text;
        return message;
    }

    public static async Task SendAsync(int port, MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }

    public static Task SendAsync(int port, string from, string to, string subject, string body, string charset = "utf-8") =>
        SendAsync(port, Compose(from, to, subject, body, charset));
}
