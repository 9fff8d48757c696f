using System.Text.Json;
using System.Text.RegularExpressions;
using Harness.Conformance.Support;

namespace Harness.Conformance.Drivers;

/// <summary>
/// Every screen the customer reaches, whole, against the ledger: the screen the ledger describes under the page's title (of
/// several steps that keep one title, the one the page is) must show every 画面ID, button, link, label and printed text the
/// ledger lists for it (<see cref="Ledger.Screens"/>). Buttons and links are looked for as buttons and links by
/// their exact names; the rest in the page's text, white space folded. It runs once for each page the driver lands on, so
/// every @ui scenario holds each screen it passes to its manual, and a wording changed in the bank alone turns it red.
/// </summary>
public sealed partial class UiDriver
{
    /// <summary>Checks the page now open against the ledger (once per page: a marker on the page's window skips a page
    /// already checked). A screen of the ledger that misses items fails the step, naming each item and its manual line.</summary>
    private async Task CheckArrivedScreenAsync()
    {
        _unmatchedTitle = null;
        _lookalikes = [];
        var (screens, @checked, missing) = await CheckScreenAgainstLedgerAsync(once: true);
        if (_unmatchedTitle is { } shown && _expectedTitle is { } expected)
        {
            manual.Failed(expected);
            throw new Steps.ExpectationException(
                $"期待: 「{manual[expected]}」画面 ({manual.Source(expected)})\n実際: 台帳にない見出し「{shown}」の画面 ({page.Url})");
        }

        if (_unmatchedTitle is { } changed && _lookalikes.Count > 0)
        {
            // The page shows every item of a screen the ledger knows, under another title: that screen's title changed.
            _lookalikes.ForEach(id => manual.Failed(id));
            throw new Steps.ExpectationException(
                $"期待: {string.Join("、", _lookalikes.Select(id => $"「{manual[id]}」画面 ({manual.Source(id)})"))}\n実際: その画面の項目がすべて表示されているが、見出しが台帳にない「{changed}」 ({page.Url})");
        }

        if (_unmatchedTitle is { } title)
        {
            throw new Steps.ExpectationException(
                $"期待: 台帳 (features/{manual.Ledger.Bank}/マニュアルの記載.yaml) の画面名のどれかの画面\n実際: 台帳にない見出し「{title}」の画面 ({page.Url})。マニュアルがこの画面を載せていれば台帳に画面名と項目を書き、載せていなければ銀行がこの画面を出すことが誤りです。");
        }

        if (missing.Count > 0)
        {
            throw new Steps.ExpectationException(MissingMessage(screens, @checked.Count, missing));
        }
    }

    /// <summary>The ledger's screens matched by the page now open, the items checked and those the page does not show.</summary>
    public async Task<(IReadOnlyList<string> Screens, IReadOnlyList<string> Checked, IReadOnlyList<string> Missing)> CheckScreenAgainstLedgerAsync(bool once = false)
    {
        var result = await page.EvaluateAsync<JsonElement>("""
            async once => {
              if (document.readyState === 'loading') {
                await new Promise(parsed => document.addEventListener('DOMContentLoaded', parsed, { once: true }));
              }
              if (once && window.__ledgerChecked) return null;
              window.__ledgerChecked = true;
              const fold = s => (s || '').replace(/\s+/g, ' ').trim();
              const main = document.querySelector('main') || document.body;
              const title = main.querySelector('h1');
              const name = e => fold(e.getAttribute('aria-label') || e.innerText || e.value);
              const h1 = document.querySelector('main h1');
              const text = s => { const e = document.querySelector(s); return e ? e.innerText.trim() : null; };
              return {
                h1: h1 ? h1.innerText : '',
                outcome: [text('main h1') ?? '', text('.error'), text('[role=status]')],
                title: title ? fold(title.innerText) : '',
                text: fold(document.body.innerText),
                buttons: [...document.querySelectorAll('button, input[type=submit], input[type=button], [role=button]')].map(name),
                links: [...document.querySelectorAll('a[href], [role=link]')].map(name),
              };
            }
            """, once);
        if (result.ValueKind != JsonValueKind.Object)
        {
            return ([], [], []);
        }

        // What the driver reads of this page next (its title, its error or status) is read here, in the same round trip.
        _shown = new ParsedPage(
            (result.GetProperty("h1").GetString() ?? string.Empty).Trim(),
            [.. result.GetProperty("outcome").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString())]);
        var shown = new ShownPage(
            result.GetProperty("title").GetString() ?? string.Empty,
            result.GetProperty("text").GetString() ?? string.Empty,
            [.. result.GetProperty("buttons").EnumerateArray().Select(e => e.GetString() ?? string.Empty)],
            [.. result.GetProperty("links").EnumerateArray().Select(e => e.GetString() ?? string.Empty)]);

        // The ledger's screens of the page's title. Of several (the steps of a screen that keep its title, or two screens titled
        // alike), the page is every one whose items it all shows, or, when none fits, the one it shows best.
        // A screen with no items of its own always fits: it counts only where no screen of the same title has items (kyoei's
        // one トークン発行 screen, named twice in the ledger, is held to the items of the name that has them).
        var titled = manual.Ledger.Screens.Where(s => Fold(s.Title.Text) == shown.Title).ToList();
        var fits = titled
            .Where(s => s.Items.Count > 0 || titled.All(t => t.Items.Count == 0))
            .Select(s => (Screen: s, Missing: s.Items.Where(i => !Shows(shown, i)).ToList()))
            .ToList();
        if (titled.Count == 0)
        {
            _unmatchedTitle = shown.Title;
            _lookalikes = [.. manual.Ledger.Screens.Where(s => s.Items.Count > 0 && s.Items.All(i => Shows(shown, i))).Select(s => s.Title.Id)];
        }

        var matched = fits.Any(f => f.Missing.Count == 0) ? [.. fits.Where(f => f.Missing.Count == 0)] : fits.Count == 0 ? fits : [fits.MinBy(f => f.Missing.Count)];
        var @checked = new List<string>();
        var missing = new List<string>();
        foreach (var (screen, absent) in matched)
        {
            _ = manual[screen.Title.Id];
            foreach (var item in screen.Items)
            {
                _ = manual[item.Id];
                @checked.Add(item.Id);
            }

            foreach (var item in absent)
            {
                manual.Failed(item.Id);
                missing.Add(item.Id);
            }
        }

        return ([.. matched.Select(m => m.Screen.Title.Text)], @checked, missing);
    }

    /// <summary>What the failure says: the screen, how many items were looked for, each missing item and its manual line.</summary>
    public string MissingMessage(IReadOnlyList<string> screens, int checkedCount, IReadOnlyList<string> missing) =>
        $"期待: 「{string.Join("」「", screens)}」画面に台帳の {checkedCount} 項目がすべて表示される\n実際: 表示されていない項目:\n" +
        string.Join('\n', missing.Select(id => $"  {manual.Ledger[id].Kind} {id}「{manual.Ledger[id].Text}」({manual.Source(id)})"));

    private static bool Shows(ShownPage shown, Harness.Reports.Ledger.LedgerItem item) => item.Kind switch
    {
        "ボタン" => shown.Buttons.Contains(Fold(item.Text), StringComparer.Ordinal),
        "リンク" => shown.Links.Contains(Fold(item.Text), StringComparer.Ordinal),
        _ => shown.Text.Contains(Fold(item.Text), StringComparison.Ordinal),
    };

    /// <summary>The screen the ledger names <paramref name="screen"/> (its <c>.画面名</c>), opened from the menu by its link
    /// (<c>.リンク</c>), as a customer who is logged in reaches it.</summary>
    public async Task OpenScreenAsync(string screen)
    {
        if (!manual.Has(screen + ".画面名") || !manual.Has(screen + ".リンク"))
        {
            throw new InvalidOperationException($"台帳 features/{manual.Ledger.Bank}/マニュアルの記載.yaml に「{screen}.画面名」と「{screen}.リンク」がありません。メニューから開ける画面の名前を書いてください。");
        }

        await OpenFromMenuAsync(screen + ".リンク");
        await ExpectTitleAsync(screen + ".画面名");
    }

    /// <summary>Runs of white space as one space: a screen wraps lines where a manual does not.</summary>
    private static string Fold(string text) => Regex.Replace(text, @"\s+", " ", RegexOptions.None, TimeSpan.FromSeconds(1)).Trim();

    /// <summary>The title of the page last checked when no screen of the ledger bears it.</summary>
    private string? _unmatchedTitle;

    /// <summary>The 画面名 of the ledger's screens whose items all show on the page of an unknown title.</summary>
    private List<string> _lookalikes = [];

    /// <summary>The ledger's 画面名 the driver is waiting for, while it reads the title of the page it arrived at.</summary>
    private string? _expectedTitle;

    private sealed record ShownPage(string Title, string Text, string[] Buttons, string[] Links);
}
