using Harness.Bank.Mail;

namespace Harness.Conformance.Support;

/// <summary>Mutant <c>mail-failure-ignored</c> (X-08): the bank takes every mail as sent, even when the mail server refused
/// it — so it confirms a トークン発行 whose ご案内 never left, and asks for a メール通知パスワード nobody received.</summary>
public sealed class MailFailureIgnored(IMailTransport inner) : IMailTransport
{
    public async Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        await inner.SendAsync(mail, cancellationToken);
        return true;
    }
}
