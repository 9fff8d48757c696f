using System.Text.RegularExpressions;
using MimeKit;

namespace Harness.Devices.Mail;

/// <summary>
/// A mail as the customer reads it: sender, subject and plain-text body decoded by MimeKit from
/// whatever charset the bank used (UTF-8 or ISO-2022-JP), plus the URLs and <c>label：value</c> lines
/// (full-width colon, CONTRACTS.md §4) found in the body.
/// </summary>
public sealed partial class ReceivedMail
{
    public const char FullWidthColon = '：';

    private ReceivedMail(MimeMessage message, byte[] raw, MailEnvelope envelope, DateTimeOffset receivedAt)
    {
        Message = message;
        Raw = raw;
        Envelope = envelope;
        ReceivedAt = receivedAt;
        var sender = message.From.Mailboxes.FirstOrDefault();
        From = sender?.Address ?? envelope.From;
        FromName = string.IsNullOrEmpty(sender?.Name) ? null : sender.Name;
        Subject = message.Subject ?? string.Empty;
        Body = (message.TextBody ?? string.Empty).ReplaceLineEndings("\n");
        BodyCharset = (message.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.IsPlain) ?? message.BodyParts.OfType<TextPart>().FirstOrDefault())
            ?.ContentType.Charset;
        Urls = [.. UrlPattern().Matches(Body).Select(m => new Uri(m.Value))];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Body.Split('\n'))
        {
            var colon = line.IndexOf(FullWidthColon, StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            values.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        Values = values;
    }

    public MimeMessage Message { get; }
    public byte[] Raw { get; }
    public MailEnvelope Envelope { get; }
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The header From address (the manuals' sender addresses), else the envelope sender.</summary>
    public string From { get; }
    /// <summary>The sender's display name (e.g. 秋田県信用組合), if the header has one.</summary>
    public string? FromName { get; }
    public string Subject { get; }
    /// <summary>The decoded plain-text body, lines separated by \n.</summary>
    public string Body { get; }
    public string? BodyCharset { get; }
    public IReadOnlyList<Uri> Urls { get; }
    /// <summary>Each body line <c>label：value</c> (first occurrence of a label wins).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The value of a <c>label：value</c> line, e.g. <c>Value("サービスID")</c>.</summary>
    public string Value(string label) =>
        Values.TryGetValue(label, out var value)
            ? value
            : throw new KeyNotFoundException($"The mail '{Subject}' has no line '{label}{FullWidthColon}…'; it has: {string.Join(", ", Values.Keys)}.");

    internal static ReceivedMail Parse(byte[] raw, MailEnvelope envelope, DateTimeOffset receivedAt)
    {
        using var stream = new MemoryStream(raw, writable: false);
        MimeMessage message;
        try
        {
            message = MimeMessage.Load(stream);
        }
        catch (ParseException e)
        {
            throw new FormatException(e.Message, e);
        }
        return new ReceivedMail(message, raw, envelope, receivedAt);
    }

    // RFC 3986 characters only, so Japanese text right after a URL is not taken as part of it.
    [GeneratedRegex(@"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
