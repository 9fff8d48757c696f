using System.Text;
using System.Text.Json;
using Harness.Gherkin.Formatters;

namespace Harness.Reports.Runs;

/// <summary>
/// Cucumber's HTML report (Reqnroll's html formatter) holds every message of the run, attachments base64 included, as
/// <c>window.CUCUMBER_MESSAGES = [ … ];</c> in its one script element before the page's code. A failed screen scenario's
/// Playwright trace is redacted only by the report, so the file is not copied as it is: its messages go through
/// <see cref="RunReader.Sanitize"/> like messages.ndjson (secret attachments left out, zips redacted, secret values masked in
/// logs and failure messages), the page around them unchanged. Messages it cannot find or read make it not copied at all.
/// </summary>
public static class CucumberHtml
{
    public const string FileName = "cucumber.html";
    private const string Marker = "window.CUCUMBER_MESSAGES = ";
    private const string ScriptEnd = "</script>";

    /// <summary>The HTML with its messages sanitized, or null when its messages are not where Cucumber's template puts them or not readable.</summary>
    public static string? Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var marker = html.IndexOf(Marker, StringComparison.Ordinal);
        if (marker < 0 || html.IndexOf(Marker, marker + 1, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        var start = marker + Marker.Length;
        var end = html.IndexOf(ScriptEnd, start, StringComparison.Ordinal);
        var statement = end < 0 ? string.Empty : html[start..end].TrimEnd();
        if (!statement.EndsWith(';'))
        {
            return null;
        }

        var messages = new StringBuilder("[");
        try
        {
            using var array = JsonDocument.Parse(statement[..^1]);
            if (array.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var element in array.RootElement.EnumerateArray())
            {
                var raw = element.GetRawText();
                var envelope = MessageSerializer.Deserialize(raw);
                var sanitized = RunReader.Sanitize(envelope);
                if (sanitized is null)
                {
                    continue;
                }

                messages.Append(messages.Length > 1 ? "," : string.Empty)
                    .Append(ReferenceEquals(sanitized, envelope) ? raw : MessageSerializer.Serialize(sanitized).Replace("/", "\\/", StringComparison.Ordinal));
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return string.Concat(html.AsSpan(0, start), messages.Append("];\n").ToString(), html.AsSpan(end));
    }
}
