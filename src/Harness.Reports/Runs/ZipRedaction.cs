using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Harness.Reports.Runs;

/// <summary>
/// A Playwright trace (.zip) of a failed screen scenario records what the browser sent: the <c>fill</c> actions with their
/// values, the form posts and their bodies. Before a zip attachment reaches the report, every text entry of it has the values
/// of password, seed and secret fields replaced by <see cref="SecretPolicy.Mask"/> (X-06):
/// <list type="bullet">
/// <item>form fields and query parameters whose name contains password, passwd, secret or seed (<c>password=…&amp;</c>);</item>
/// <item>JSON members so named (<c>"confirmationPassword":"…"</c>) and name/value pairs (<c>{"name":"password","value":"…"}</c>);</item>
/// <item>the value of a <c>fill</c> whose selector names a password field (<c>label="ログインパスワード"</c>; a ワンタイムパスワード too:
/// the screenshots show what was typed);</item>
/// <item>every input value in the DOM snapshots (<c>"__playwright_value_":"…"</c>: the snapshot keeps a password field's value too);</item>
/// <item>every value in Playwright's action log lines <c>fill(\"…\")</c> (the log does not say which field; the action itself keeps
/// the values of fields that are not secret);</item>
/// <item>a Japanese <c>…パスワード：値</c> (a mail shown in a page), up to a blank, quote, backslash, ampersand, &lt; or 、。.</item>
/// </list>
/// Entries that are not UTF-8 text (screenshots in the trace) are copied unchanged.
/// </summary>
public static partial class ZipRedaction
{
    public static bool IsZip(string mediaType, string? fileName) =>
        mediaType.Equals("application/zip", StringComparison.OrdinalIgnoreCase) ||
        (fileName?.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>The zip with its text entries redacted, or the content unchanged when it is not a readable zip.</summary>
    public static byte[] Redact(byte[] zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        try
        {
            using var input = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
            using var output = new MemoryStream();
            using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in input.Entries)
                {
                    byte[] bytes;
                    using (var stream = entry.Open())
                    using (var copy = new MemoryStream())
                    {
                        stream.CopyTo(copy);
                        bytes = copy.ToArray();
                    }

                    var target = archive.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                    target.LastWriteTime = entry.LastWriteTime;
                    using var written = target.Open();
                    written.Write(TryText(bytes) is { } text ? Strict.GetBytes(RedactText(text)) : bytes);
                }
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return zip;
        }
    }

    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = FormField().Replace(text, m => m.Groups["name"].Value + Uri.EscapeDataString(SecretPolicy.Mask));
        text = JsonMember().Replace(text, m => m.Groups["head"].Value + SecretPolicy.Mask + "\"");
        text = EscapedJsonMember().Replace(text, m => m.Groups["head"].Value + SecretPolicy.Mask + "\\\"");
        text = NameValue().Replace(text, m => m.Groups["head"].Value + SecretPolicy.Mask + "\"");
        text = FillValue().Replace(text, m => m.Groups["head"].Value + SecretPolicy.Mask + "\"");
        text = SnapshotValue().Replace(text, m => m.Groups["head"].Value + SecretPolicy.Mask + "\"");
        text = FillLog().Replace(text, m => m.Groups["head"].Value + SecretPolicy.Mask + m.Groups["tail"].Value);
        return JapaneseLabel().Replace(text, m => m.Groups["head"].Value + SecretPolicy.Mask);
    }

    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    private static string? TryText(byte[] bytes)
    {
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private const string Secret = "(?:password|passwd|secret|seed)";

    [GeneratedRegex(@"(?<head>""__playwright_value_""\s*:\s*"")(?:[^""\\]|\\.)*""", RegexOptions.CultureInvariant)]
    private static partial Regex SnapshotValue();

    [GeneratedRegex(@"(?<head>\bfill\(\\"")(?:[^""\\]|\\[^""])*(?<tail>\\""\))", RegexOptions.CultureInvariant)]
    private static partial Regex FillLog();

    [GeneratedRegex(@"(?<head>(?:パスワード|シード|秘密鍵?)\s*[:：=＝]\s*)[^\s""\\&<、。」』）]+", RegexOptions.CultureInvariant)]
    private static partial Regex JapaneseLabel();

    [GeneratedRegex(@"(?<name>(?<![A-Za-z0-9_])[A-Za-z_]*" + Secret + @"[A-Za-z_]*=)[^&\s""\\]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FormField();

    [GeneratedRegex(@"(?<head>""[A-Za-z_]*" + Secret + @"[A-Za-z_]*""\s*:\s*"")(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonMember();

    /// <summary>A JSON body inside a JSON string (a request's post data): <c>{\"password\":\"…\"}</c>.</summary>
    [GeneratedRegex(@"(?<head>\\""[A-Za-z_]*" + Secret + @"[A-Za-z_]*\\""\s*:\s*\\"")(?:[^""\\]|\\[^""])*\\""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EscapedJsonMember();

    [GeneratedRegex(@"(?<head>""name""\s*:\s*""[A-Za-z_]*" + Secret + @"[A-Za-z_]*""\s*,\s*""value""\s*:\s*"")(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameValue();

    [GeneratedRegex(@"(?<head>""selector""\s*:\s*""(?:[^""\\]|\\.)*(?:パスワード|password|passwd|シード|seed|秘密|secret)(?:[^""\\]|\\.)*""\s*,\s*""value""\s*:\s*"")(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FillValue();
}
