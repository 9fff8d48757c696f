using System.Net;
using System.Text;

namespace Harness.Devices.Screens;

/// <summary>
/// A small self-contained Japanese HTML page (inline style, no external resources) so a scenario
/// can screenshot exactly what the customer saw. Every text is HTML-encoded through <see cref="Encode"/>.
/// </summary>
internal static class HtmlPage
{
    private const string Style =
        "body{font-family:'Noto Sans CJK JP','Hiragino Sans',sans-serif;margin:0;background:#eee}" +
        ".device{width:360px;margin:16px auto;background:#fff;border:1px solid #888;border-radius:12px;padding:16px}" +
        "h1{font-size:18px;margin:0 0 12px}.code{font-size:40px;letter-spacing:4px;font-family:monospace;text-align:center;margin:16px 0}" +
        "dl{display:grid;grid-template-columns:auto 1fr;gap:4px 8px;font-size:14px}dt{color:#555}dd{margin:0}" +
        ".note{font-size:12px;color:#a00}.mail{border-top:1px solid #ccc;padding:8px 0}pre{white-space:pre-wrap;font-family:inherit}";

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Render(string title, string cssClass, Action<StringBuilder> body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(Encode(title))
            .Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<div class=\"device ")
            .Append(cssClass).Append("\">\n");
        body(html);
        html.Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static void AppendDefinitions(StringBuilder html, IEnumerable<(string Term, string Value)> rows)
    {
        html.Append("<dl>\n");
        foreach (var (term, value) in rows)
            html.Append("<dt>").Append(Encode(term)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
        html.Append("</dl>\n");
    }
}
