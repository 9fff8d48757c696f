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
/// The formatter writes the messages as JavaScript, not JSON: a <c>&lt;</c> is <c>\x3C</c>; they are read as <c>\u003C</c>
/// and written so, which is the same string to the page's script.
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
            using var array = JsonDocument.Parse(ToJson(statement[..^1]));
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
                    .Append(ReferenceEquals(sanitized, envelope) ? raw : MessageSerializer.Serialize(sanitized).Replace("<", "\\u003C", StringComparison.Ordinal));
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return string.Concat(html.AsSpan(0, start), messages.Append("];\n").ToString(), html.AsSpan(end));
    }

    /// <summary>JavaScript's <c>\xHH</c> escapes as JSON's <c>\u00HH</c>; every other escape (<c>\\</c> included) as it is.</summary>
    private static string ToJson(string script)
    {
        var sb = new StringBuilder(script.Length);
        for (var i = 0; i < script.Length; i++)
        {
            if (script[i] == '\\' && i + 1 < script.Length)
            {
                i++;
                sb.Append('\\');
                if (script[i] == 'x')
                {
                    sb.Append("u00");
                }
                else
                {
                    sb.Append(script[i]);
                }

                continue;
            }

            sb.Append(script[i]);
        }

        return sb.ToString();
    }
}
