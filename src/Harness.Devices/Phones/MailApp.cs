using Harness.Devices.Mail;
using Harness.Devices.Screens;

namespace Harness.Devices.Phones;

/// <summary>The phone's mail app over its mailbox: the harness mail server's, or an IMAP server's in containers mode.</summary>
public sealed class MailApp(IMailSource mailbox, TimeProvider phoneClock)
{
    public string Address => mailbox.Address;
    public IMailSource Mailbox => mailbox;

    /// <summary>Newest first, as a phone lists mail.</summary>
    public IReadOnlyList<ReceivedMail> Inbox => [.. mailbox.Messages.Reverse()];

    public IReadOnlyList<ReceivedMail> Search(MailQuery query) => mailbox.Search(query);

    public ReceivedMail? Latest(MailQuery query) => mailbox.Search(query).LastOrDefault();

    /// <inheritdoc cref="IMailSource.WaitForMailAsync"/>
    public Task<ReceivedMail> WaitForMailAsync(MailQuery query, TimeSpan within, int after = 0, CancellationToken cancellationToken = default) =>
        mailbox.WaitForMailAsync(query, within, after, cancellationToken);

    public string RenderInboxHtml() => HtmlPage.Render("受信トレイ", "mail-inbox", html =>
    {
        html.Append("<h1>受信トレイ</h1>\n<p>").Append(HtmlPage.Encode(Address)).Append("</p>\n");
        var inbox = Inbox;
        if (inbox.Count == 0)
            html.Append("<p>メールはありません。</p>\n");
        foreach (var mail in inbox)
        {
            html.Append("<div class=\"mail\"><div>").Append(HtmlPage.Encode(mail.From)).Append("</div><div><b>")
                .Append(HtmlPage.Encode(mail.Subject)).Append("</b></div><div>")
                .Append(HtmlPage.Encode(LocalTime(mail.ReceivedAt))).Append("</div></div>\n");
        }
    });

    public string RenderMessageHtml(ReceivedMail mail) => HtmlPage.Render(mail.Subject, "mail-message", html =>
    {
        html.Append("<h1>").Append(HtmlPage.Encode(mail.Subject)).Append("</h1>\n");
        HtmlPage.AppendDefinitions(html,
        [
            ("差出人", mail.From),
            ("宛先", Address),
            ("受信日時", LocalTime(mail.ReceivedAt)),
        ]);
        html.Append("<pre>").Append(HtmlPage.Encode(mail.Body)).Append("</pre>\n");
    });

    private string LocalTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, phoneClock.LocalTimeZone).ToString("yyyy/MM/dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
