using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Harness.Devices.Mail;

/// <summary>Where an IMAP mailbox is: a plain-text IMAP server (containers mode) and the login for one address.</summary>
public sealed record ImapServer(string Host, int Port, string Password = "harness");

/// <summary>A real mail server (containers mode): SMTP for the bank, IMAP for the phones.</summary>
public sealed record ExternalMailServer(string SmtpHost, int SmtpPort, ImapServer Imap);

/// <summary>
/// One address's INBOX on a real IMAP server (containers mode), read with MailKit as a phone's mail app would.
/// A mail's <see cref="ReceivedMail.ReceivedAt"/> is the shared clock when this mailbox first saw it, so mail times stay
/// on the harness's virtual clock rather than the server's wall clock. New mail is awaited with IMAP IDLE (the server
/// says when it arrives); the deadline is virtual time, as for the embedded <see cref="Mailbox"/>.
/// </summary>
public sealed class ImapMailbox(string address, ImapServer server, TimeProvider clock) : IMailSource
{
    private readonly object _gate = new();
    private readonly List<(UniqueId Uid, ReceivedMail Mail)> _seen = [];

    public string Address { get; } = address;

    public IReadOnlyList<ReceivedMail> Messages
    {
        get
        {
            // A property reads synchronously: MailKit's synchronous API, not a blocking wait on the asynchronous one.
            using var client = new ImapClient();
            client.Connect(server.Host, server.Port, SecureSocketOptions.None);
            client.Authenticate(Address, server.Password);
            var inbox = client.Inbox;
            inbox.Open(FolderAccess.ReadOnly);
            foreach (var uid in Unseen(inbox.Count == 0 ? [] : inbox.Search(SearchQuery.All)))
                Keep(uid, inbox.GetMessage(uid));
            client.Disconnect(true);
            lock (_gate) return [.. _seen.Select(s => s.Mail)];
        }
    }

    public int Count => Messages.Count;

    public IReadOnlyList<ReceivedMail> Search(MailQuery query) => [.. Messages.Where(query.Matches)];

    public async Task<ReceivedMail> WaitForMailAsync(MailQuery query, TimeSpan within, int after = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(within, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        var deadline = clock.GetUtcNow() + within;
        using var expired = new CancellationTokenSource();
        using var timer = clock.CreateTimer(_ => expired.Cancel(), null, within, Timeout.InfiniteTimeSpan);
        using var client = new ImapClient();
        await client.ConnectAsync(server.Host, server.Port, SecureSocketOptions.None, cancellationToken);
        await client.AuthenticateAsync(Address, server.Password, cancellationToken);
        var inbox = client.Inbox;
        var changed = 0;
        inbox.CountChanged += (_, _) => Interlocked.Exchange(ref changed, 1);
        await inbox.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        while (true)
        {
            Interlocked.Exchange(ref changed, 0);
            foreach (var uid in Unseen(inbox.Count == 0 ? [] : await inbox.SearchAsync(SearchQuery.All, cancellationToken)))
                Keep(uid, await inbox.GetMessageAsync(uid, cancellationToken));
            ReceivedMail? found;
            lock (_gate) found = _seen.Skip(after).Select(s => s.Mail).FirstOrDefault(query.Matches);
            if (found is not null)
            {
                await client.DisconnectAsync(true, cancellationToken);
                return found;
            }
            if (expired.IsCancellationRequested)
            {
                string held;
                lock (_gate) held = string.Join(" | ", _seen.Select(s => $"{s.Mail.From}: {s.Mail.Subject}"));
                throw new MailNotReceivedException(
                    $"No mail to {Address} matching ({query}) arrived at {server.Host}:{server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} " +
                    $"by {deadline:O} (within {within} of virtual time). The mailbox holds: [{held}]");
            }
            if (Volatile.Read(ref changed) == 1)
                continue;
            // IDLE until the server reports new mail or the virtual deadline passes.
            using var done = CancellationTokenSource.CreateLinkedTokenSource(expired.Token);
            void Stop(object? sender, EventArgs e) => done.Cancel();
            inbox.CountChanged += Stop;
            try
            {
                await client.IdleAsync(done.Token, cancellationToken);
            }
            finally
            {
                inbox.CountChanged -= Stop;
            }
        }
    }

    /// <summary>The UIDs not seen yet, in arrival order. UIDs start at 1, so "nothing seen yet" is 0.</summary>
    private List<UniqueId> Unseen(IList<UniqueId> all)
    {
        uint last;
        lock (_gate) last = _seen.Count == 0 ? 0 : _seen[^1].Uid.Id;
        return [.. all.Where(u => u.Id > last).OrderBy(u => u.Id)];
    }

    private void Keep(UniqueId uid, MimeMessage message)
    {
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        // Dovecot records the envelope sender as Return-Path.
        var returnPath = message.Headers[HeaderId.ReturnPath]?.Trim().Trim('<', '>');
        var envelope = new MailEnvelope(string.IsNullOrEmpty(returnPath) ? message.From.Mailboxes.FirstOrDefault()?.Address ?? "" : returnPath, [Address]);
        var mail = ReceivedMail.Parse(raw.ToArray(), envelope, clock.GetUtcNow());
        lock (_gate)
        {
            if (_seen.Count == 0 || _seen[^1].Uid.Id < uid.Id)
                _seen.Add((uid, mail));
        }
    }
}
