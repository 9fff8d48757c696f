using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Harness.Devices.Mail;

/// <summary>Where an IMAP mailbox is: a plain-text IMAP server (containers mode) and the login for one address.</summary>
public sealed record ImapServer(string Host, int Port, string Password = "harness");

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
            using var client = Connect(CancellationToken.None);
            var inbox = client.Inbox;
            inbox.Open(FolderAccess.ReadOnly);
            Fetch(inbox, CancellationToken.None);
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
        using var client = Connect(cancellationToken);
        var inbox = client.Inbox;
        var changed = 0;
        inbox.CountChanged += (_, _) => Interlocked.Exchange(ref changed, 1);
        await inbox.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        while (true)
        {
            Interlocked.Exchange(ref changed, 0);
            Fetch(inbox, cancellationToken);
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

    private ImapClient Connect(CancellationToken cancellationToken)
    {
        var client = new ImapClient();
        try
        {
            client.Connect(server.Host, server.Port, SecureSocketOptions.None, cancellationToken);
            client.Authenticate(Address, server.Password, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Reads the mails not seen yet, in UID (arrival) order.</summary>
    private void Fetch(IMailFolder inbox, CancellationToken cancellationToken)
    {
        // UIDs start at 1 (UniqueId.MinValue is a valid UID, not "none"), so "nothing seen yet" is 0.
        uint last;
        lock (_gate) last = _seen.Count == 0 ? 0 : _seen[^1].Uid.Id;
        var uids = inbox.Count == 0 ? [] : inbox.Search(SearchQuery.All, cancellationToken).Where(u => u.Id > last).OrderBy(u => u.Id).ToList();
        foreach (var uid in uids)
        {
            var message = inbox.GetMessage(uid, cancellationToken);
            using var raw = new MemoryStream();
            message.WriteTo(raw, cancellationToken);
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
}
