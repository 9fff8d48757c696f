using System.ComponentModel;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace Harness.Reports.Tests;

/// <summary>
/// Looks for secret values in every file of a folder as a reader would see them, not only as bytes: mails are decoded
/// (base64 and quoted-printable bodies), the base64 attachments of the NDJSON and of Cucumber's HTML report are decoded
/// (by their file name's extension when Reqnroll wrote application/octet-stream), zip entries (traces) are read and the
/// PDF's text is extracted with <c>pdftotext</c>. Images are not read (a screenshot shows what was typed; password fields
/// show dots). A value matches only as a whole word, so an 8-digit mail password is not found inside a longer number.
/// </summary>
internal static class SecretScanner
{
    public static IReadOnlyList<string> Find(string folder, IEnumerable<string> secrets)
    {
        var patterns = secrets.Distinct(StringComparer.Ordinal)
            .Select(s => (Secret: s, Pattern: new Regex("(?<![0-9A-Za-z])" + Regex.Escape(s) + "(?![0-9A-Za-z])", RegexOptions.CultureInvariant)))
            .ToList();
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            foreach (var text in TextsOf(file))
            {
                found.AddRange(patterns.Where(p => p.Pattern.IsMatch(text)).Select(p => $"{relative}: {p.Secret}"));
            }
        }

        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> TextsOf(string file) => Path.GetExtension(file).ToUpperInvariant() switch
    {
        ".PNG" or ".JPG" or ".JPEG" => [],
        ".PDF" => [PdfText(file)],
        ".NDJSON" => File.ReadLines(file).SelectMany(NdjsonLine),
        ".HTML" => HtmlTexts(File.ReadAllText(file)),
        _ => Decoded(MediaTypeOf(file), File.ReadAllBytes(file)),
    };

    private static string MediaTypeOf(string file) => Path.GetExtension(file).ToUpperInvariant() switch
    {
        ".EML" => "message/rfc822",
        ".ZIP" => "application/zip",
        _ => "text/plain",
    };

    private static IEnumerable<string> Decoded(string mediaType, byte[] content)
    {
        if (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        if (mediaType.Equals("message/rfc822", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = new MemoryStream(content);
            var message = MimeMessage.Load(stream);
            return [Encoding.UTF8.GetString(content), message.Headers.ToString() ?? string.Empty, .. message.BodyParts.OfType<TextPart>().Select(p => p.Text)];
        }

        if (mediaType.Equals("application/zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            return [.. zip.Entries.Select(e =>
            {
                using var entry = e.Open();
                using var reader = new StreamReader(entry, Encoding.UTF8);
                return reader.ReadToEnd();
            })];
        }

        return [Encoding.UTF8.GetString(content)];
    }

    private static IEnumerable<string> NdjsonLine(string line)
    {
        yield return line;
        using var json = JsonDocument.Parse(line);
        if (!json.RootElement.TryGetProperty("attachment", out var attachment))
        {
            yield break;
        }

        var body = attachment.GetProperty("body").GetString() ?? string.Empty;
        var mediaType = attachment.GetProperty("mediaType").GetString() ?? "text/plain";
        if (mediaType == "application/octet-stream" && attachment.TryGetProperty("fileName", out var fileName))
        {
            mediaType = MediaTypeOf(fileName.GetString() ?? string.Empty);
        }

        var base64 = attachment.TryGetProperty("contentEncoding", out var encoding) && encoding.GetString() == "BASE64";
        foreach (var text in Decoded(mediaType, base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body)))
        {
            yield return text;
        }
    }

    /// <summary>A page's text and, for Cucumber's HTML report, each of its messages as an NDJSON line (its <c>\x3C</c> read as <c>\u003C</c>).</summary>
    private static IEnumerable<string> HtmlTexts(string html)
    {
        const string Marker = "window.CUCUMBER_MESSAGES = ";
        var start = html.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return [html];
        }

        start += Marker.Length;
        var json = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)].TrimEnd().TrimEnd(';').Replace("\\x3C", "\\u003C", StringComparison.Ordinal);
        using var array = JsonDocument.Parse(json);
        return [html, .. array.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList().SelectMany(NdjsonLine)];
    }

    private static string PdfText(string file)
    {
        var start = new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : throw new InvalidOperationException($"pdftotext が {file} を読めません (終了コード {process.ExitCode})。");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("pdftotext がありません (Debian: apt-get install -y poppler-utils)。", ex);
        }
    }
}
