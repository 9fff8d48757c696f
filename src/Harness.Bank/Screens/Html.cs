using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Harness.Bank.Profiles;
using Microsoft.AspNetCore.Antiforgery;

namespace Harness.Bank.Screens;

/// <summary>
/// Server-rendered Japanese screens: every dynamic value is HTML-encoded, every input has a label,
/// every form carries the antiforgery token.
/// </summary>
public sealed class Html(HttpContext http, IAntiforgery antiforgery, BankProfile profile)
{
    // Japanese stays readable in the page source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => Encoder.Encode(text ?? "");

    public BankProfile Profile => profile;

    /// <summary>The link the bank's manual prints beside a password input, if any (aomori's software keyboard).</summary>
    public string KeyboardLink() => profile.Texts.SoftwareKeyboardLink.Length == 0
        ? ""
        : $"<p><a href=\"#software-keyboard\" class=\"software-keyboard\">{E(profile.Texts.SoftwareKeyboardLink)}</a></p>";

    /// <summary>The bank's words for the reference wording (see <see cref="ScreenTexts.Words"/>).</summary>
    public string W(string text, string? screen = null) => profile.Texts.W(text, screen);

    /// <summary>A way to another screen: a button where the bank's manual draws one (<see cref="ScreenTexts.NavButtons"/>), else a link.</summary>
    public string Nav(string href, string text) =>
        profile.Texts.NavButtons.Contains(text) ? NavButton(href, text) : Link(href, text);

    /// <summary>A button that only leads elsewhere (申込を中止する, 戻る where the manual draws a button): a form of its own, so it submits nothing.</summary>
    public static string NavButton(string href, string text) =>
        $"""<form method="get" action="{E(href)}" class="nav-button"><button type="submit">{E(text)}</button></form>""";

    /// <summary>The steps of <paramref name="flow"/> as the bank's manual prints them, <paramref name="current"/> marked; empty when it prints none.</summary>
    public string Crumbs(string flow, string current)
    {
        if (!profile.Texts.Breadcrumbs.TryGetValue(flow, out var steps) || steps.Length == 0)
        {
            return "";
        }
        var encoded = E(steps);
        var step = E(current);
        var at = encoded.IndexOf(step, StringComparison.Ordinal);
        var marked = at < 0 ? encoded : encoded[..at] + $"<strong aria-current=\"step\">{step}</strong>" + encoded[(at + step.Length)..];
        return $"<nav class=\"breadcrumbs\" aria-label=\"手順\">{marked}</nav>\n";
    }

    public IResult Page(string title, string body, string? screenId = null, string? error = null, int status = 200, string crumbs = "")
    {
        var page = new StringBuilder();
        page.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="ja">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}} | {{E(profile.InstitutionName)}}</title>
            <style>
            body{font-family:sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem}
            label{display:block;margin-top:.6rem} .error{color:#b00;font-weight:bold} .screen-id{color:#666;font-size:.8rem}
            table{border-collapse:collapse} th,td{border:1px solid #999;padding:.3rem .6rem;text-align:left}
            button{margin:.8rem .4rem 0 0} nav a{margin-right:1rem} .nav-button{display:inline} .breadcrumbs{color:#444;font-size:.9rem}
            </style></head>
            <body>
            <header><p>{{E(profile.InstitutionName)}} インターネットバンキング</p></header>
            <main>
            """);
        if (screenId is not null && profile.Texts.ShowScreenIds)
        {
            page.Append(CultureInfo.InvariantCulture, $"<p class=\"screen-id\">画面ID : {E(screenId)}</p>\n");
        }
        page.Append(crumbs);
        page.Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>\n");
        if (error is not null)
        {
            page.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" role=\"alert\">{E(error)}</p>\n");
        }
        page.Append(body);
        page.Append("\n</main>\n</body>\n</html>\n");
        return Results.Content(page.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public string Form(string action, string fields, params string[] buttons)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var buttonHtml = string.Concat(buttons.Select(b => $"<button type=\"submit\">{E(b)}</button>"));
        return $"""
            <form method="post" action="{E(action)}">
            <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
            {fields}
            <div>{buttonHtml}</div>
            </form>
            """;
    }

    /// <summary>A form whose buttons each post their own value in <paramref name="name"/>.</summary>
    public string ChoiceForm(string action, string name, params (string Value, string Label)[] choices)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var buttons = string.Concat(choices.Select(c => $"<button type=\"submit\" name=\"{E(name)}\" value=\"{E(c.Value)}\">{E(c.Label)}</button>"));
        return $"""
            <form method="post" action="{E(action)}">
            <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
            {buttons}
            </form>
            """;
    }

    public static string Field(string name, string label, string type = "text", string? value = null, string? hint = null, string extra = "") =>
        $"""<label for="{E(name)}">{E(label)}{(hint is null ? "" : $" <small>{E(hint)}</small>")}</label><input id="{E(name)}" name="{E(name)}" type="{type}"{(value is null ? "" : $" value=\"{E(value)}\"")} {extra}>""" + "\n";

    public static string Password(string name, string label, string? hint = null) =>
        Field(name, label, "password", hint: hint, extra: "autocomplete=\"off\"");

    /// <summary>An OTP input: a phone fills it from the SMS/app, a keyboard shows digits.</summary>
    public static string Otp(string name, string label, int digits) =>
        Field(name, label, "text", hint: $"（半角数字{digits}桁）",
            extra: $"autocomplete=\"one-time-code\" inputmode=\"numeric\" pattern=\"[0-9]{{{digits}}}\" maxlength=\"{digits}\"");

    public static string Hidden(string name, string? value) => $"""<input type="hidden" name="{E(name)}" value="{E(value)}">""" + "\n";

    public static string Link(string href, string text) => $"""<a href="{E(href)}">{E(text)}</a>""";

    public static string Table(params (string Label, string? Value)[] rows) =>
        "<table>\n" + string.Concat(rows.Select(r => $"<tr><th>{E(r.Label)}</th><td>{E(r.Value)}</td></tr>\n")) + "</table>\n";
}
