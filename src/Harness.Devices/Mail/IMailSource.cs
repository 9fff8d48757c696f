namespace Harness.Devices.Mail;

/// <summary>
/// Where the phone's mail app reads one address's mail: the embedded <see cref="Mailbox"/> of the harness mail server,
/// or <see cref="ImapMailbox"/> on a real mail server (containers mode). Arrival order, oldest first.
/// </summary>
public interface IMailSource
{
    string Address { get; }

    IReadOnlyList<ReceivedMail> Messages { get; }

    /// <summary>How many mails have arrived; pass it as <c>after</c> to wait only for newer mail.</summary>
    int Count { get; }

    IReadOnlyList<ReceivedMail> Search(MailQuery query);

    /// <summary>
    /// Completes with the first matching mail at position <paramref name="after"/> or later (already arrived or yet to
    /// come), or fails with <see cref="MailNotReceivedException"/> once the shared clock passes now + <paramref name="within"/>.
    /// </summary>
    Task<ReceivedMail> WaitForMailAsync(MailQuery query, TimeSpan within, int after = 0, CancellationToken cancellationToken = default);
}
