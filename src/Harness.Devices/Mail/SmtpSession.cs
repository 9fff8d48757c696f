using System.Text;
using System.Text.RegularExpressions;

namespace Harness.Devices.Mail;

/// <summary>
/// One SMTP conversation: the RFC 5321 subset a bank's mail client needs (EHLO/HELO, MAIL, RCPT,
/// DATA with dot-unstuffing, RSET, NOOP, VRFY, QUIT), with 5xx answers to anything else.
/// </summary>
internal sealed partial class SmtpSession(Stream stream, MailServerOptions options, Action<MailEnvelope, byte[]> deliver)
{
    // RFC 5321 4.5.3.1.4 / 4.5.3.1.6: 512 octets per command line and 1000 per text line, both with the CRLF.
    private const int MaxCommandLine = 510;
    private const int MaxTextLine = 998;

    private readonly SmtpLineReader _reader = new(stream);
    private bool _greeted;
    private string? _from;
    private readonly List<string> _recipients = [];
    private int _errors;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await ReplyAsync($"220 {options.HostName} Harness ESMTP ready", cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            var line = await _reader.ReadLineAsync(MaxCommandLine, cancellationToken).ConfigureAwait(false);
            if (line is null)
                return;
            if (!await HandleAsync(line.Value, cancellationToken).ConfigureAwait(false))
                return;
            if (_errors >= options.MaxErrorsPerConnection)
            {
                await ReplyAsync("421 4.7.0 Too many errors, closing connection", cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <returns>false when the conversation is over.</returns>
    private async Task<bool> HandleAsync(SmtpLine line, CancellationToken ct)
    {
        if (line.TooLong)
            return await ErrorAsync("500 5.5.2 Line too long", ct).ConfigureAwait(false);
        if (line.Bytes.Any(b => b is < 0x20 or > 0x7E))
            return await ErrorAsync("500 5.5.2 Syntax error, command unrecognized", ct).ConfigureAwait(false);

        var text = Encoding.ASCII.GetString(line.Bytes);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var argument = space < 0 ? string.Empty : text[(space + 1)..].Trim();

        switch (verb)
        {
            case "EHLO":
            case "HELO":
                if (argument.Length == 0)
                    return await ErrorAsync($"501 5.5.4 Syntax: {verb} hostname", ct).ConfigureAwait(false);
                _greeted = true;
                ResetTransaction();
                if (verb == "HELO")
                    return await ReplyAsync($"250 {options.HostName}", ct).ConfigureAwait(false);
                return await ReplyAsync(
                    $"250-{options.HostName} greets {argument}\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 SIZE {options.MaxMessageBytes}", ct).ConfigureAwait(false);
            case "MAIL":
                return await MailAsync(argument, ct).ConfigureAwait(false);
            case "RCPT":
                return await RecipientAsync(argument, ct).ConfigureAwait(false);
            case "DATA":
                return await DataAsync(argument, ct).ConfigureAwait(false);
            case "RSET":
                if (argument.Length != 0)
                    return await ErrorAsync("501 5.5.4 Syntax: RSET", ct).ConfigureAwait(false);
                ResetTransaction();
                return await ReplyAsync("250 2.0.0 OK", ct).ConfigureAwait(false);
            case "NOOP":
                return await ReplyAsync("250 2.0.0 OK", ct).ConfigureAwait(false);
            case "VRFY":
                return await ReplyAsync("252 2.5.2 Cannot VRFY user, but will accept message", ct).ConfigureAwait(false);
            case "QUIT":
                await ReplyAsync("221 2.0.0 Bye", ct).ConfigureAwait(false);
                return false;
            case "EXPN":
            case "HELP":
            case "STARTTLS":
            case "AUTH":
            case "BDAT":
            case "TURN":
                return await ErrorAsync("502 5.5.1 Command not implemented", ct).ConfigureAwait(false);
            default:
                return await ErrorAsync("500 5.5.2 Syntax error, command unrecognized", ct).ConfigureAwait(false);
        }
    }

    private async Task<bool> MailAsync(string argument, CancellationToken ct)
    {
        if (!_greeted)
            return await ErrorAsync("503 5.5.1 Send EHLO or HELO first", ct).ConfigureAwait(false);
        if (_from is not null)
            return await ErrorAsync("503 5.5.1 Nested MAIL command", ct).ConfigureAwait(false);
        var match = MailFromPattern().Match(argument);
        if (!match.Success)
            return await ErrorAsync("501 5.5.4 Syntax: MAIL FROM:<address>", ct).ConfigureAwait(false);

        foreach (var parameter in match.Groups["params"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = SplitParameter(parameter);
            switch (key)
            {
                case "BODY" when value is "7BIT" or "8BITMIME":
                    break;
                case "SIZE" when long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size):
                    if (size > options.MaxMessageBytes)
                        return await ErrorAsync("552 5.3.4 Message size exceeds fixed maximum message size", ct).ConfigureAwait(false);
                    break;
                default:
                    return await ErrorAsync($"555 5.5.4 Unsupported parameter {key}", ct).ConfigureAwait(false);
            }
        }

        _from = match.Groups["address"].Value;
        return await ReplyAsync("250 2.1.0 Sender OK", ct).ConfigureAwait(false);
    }

    private async Task<bool> RecipientAsync(string argument, CancellationToken ct)
    {
        if (_from is null)
            return await ErrorAsync("503 5.5.1 Need MAIL before RCPT", ct).ConfigureAwait(false);
        var match = RcptToPattern().Match(argument);
        if (!match.Success)
            return await ErrorAsync("501 5.5.4 Syntax: RCPT TO:<address>", ct).ConfigureAwait(false);
        if (_recipients.Count >= options.MaxRecipients)
            return await ReplyAsync("452 4.5.3 Too many recipients", ct).ConfigureAwait(false);
        _recipients.Add(match.Groups["address"].Value);
        return await ReplyAsync("250 2.1.5 Recipient OK", ct).ConfigureAwait(false);
    }

    private async Task<bool> DataAsync(string argument, CancellationToken ct)
    {
        if (argument.Length != 0)
            return await ErrorAsync("501 5.5.4 Syntax: DATA", ct).ConfigureAwait(false);
        if (_from is null || _recipients.Count == 0)
            return await ErrorAsync("503 5.5.1 Need RCPT before DATA", ct).ConfigureAwait(false);
        await ReplyAsync("354 End data with <CR><LF>.<CR><LF>", ct).ConfigureAwait(false);

        using var content = new MemoryStream();
        var tooBig = false;
        var lineTooLong = false;
        while (true)
        {
            var read = await _reader.ReadLineAsync(MaxTextLine, ct).ConfigureAwait(false);
            if (read is null)
                return false; // the client hung up mid-message: nothing is delivered
            var line = read.Value;
            if (line.TooLong)
            {
                lineTooLong = true;
                continue;
            }
            if (line.Bytes is [(byte)'.'])
                break;
            var start = line.Bytes.Length > 0 && line.Bytes[0] == (byte)'.' ? 1 : 0; // RFC 5321 4.5.2 dot-unstuffing
            if (tooBig || content.Length + line.Bytes.Length - start + 2 > options.MaxMessageBytes)
            {
                tooBig = true;
                continue;
            }
            content.Write(line.Bytes, start, line.Bytes.Length - start);
            content.Write("\r\n"u8);
        }

        var envelope = new MailEnvelope(_from, [.. _recipients]);
        ResetTransaction();
        if (tooBig)
            return await ErrorAsync("552 5.3.4 Message size exceeds fixed maximum message size", ct).ConfigureAwait(false);
        if (lineTooLong)
            return await ErrorAsync("500 5.5.2 Line too long", ct).ConfigureAwait(false);

        try
        {
            deliver(envelope, content.ToArray());
        }
        catch (FormatException e)
        {
            return await ErrorAsync($"554 5.6.0 Message could not be parsed: {e.Message.ReplaceLineEndings(" ")}", ct).ConfigureAwait(false);
        }
        return await ReplyAsync("250 2.0.0 OK: message delivered", ct).ConfigureAwait(false);
    }

    private static (string Key, string Value) SplitParameter(string parameter)
    {
        var equals = parameter.IndexOf('=', StringComparison.Ordinal);
        return equals < 0
            ? (parameter.ToUpperInvariant(), string.Empty)
            : (parameter[..equals].ToUpperInvariant(), parameter[(equals + 1)..].ToUpperInvariant());
    }

    private void ResetTransaction()
    {
        _from = null;
        _recipients.Clear();
    }

    private async Task<bool> ErrorAsync(string reply, CancellationToken ct)
    {
        _errors++;
        return await ReplyAsync(reply, ct).ConfigureAwait(false);
    }

    private async Task<bool> ReplyAsync(string reply, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
        return true;
    }

    [GeneratedRegex(@"^FROM:\s*<(?<address>[^<>\s]*)>(?<params>( +\S+)*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MailFromPattern();

    [GeneratedRegex(@"^TO:\s*<(?<address>[^<>\s]+@[^<>\s]+)>$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RcptToPattern();
}

/// <summary>The SMTP envelope of a delivered message.</summary>
public sealed record MailEnvelope(string From, IReadOnlyList<string> Recipients);
