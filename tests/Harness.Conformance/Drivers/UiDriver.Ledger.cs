using System.Text.RegularExpressions;

namespace Harness.Conformance.Drivers;

/// <summary>A whole screen against its ledger entries: every title, 画面ID, button, link, label and printed text the manual shows
/// on the screen now open (ledger ids <c>&lt;画面&gt;.*</c> beside its <c>&lt;画面&gt;.画面名</c>).</summary>
public sealed partial class UiDriver
{
    /// <summary>Kinds a screen always shows; messages, mails, numbers and procedures are checked by the flows that cause them.</summary>
    private static readonly string[] Shown = ["画面ID", "ボタン", "リンク", "項目", "表示"];

    /// <summary>The ledger ids of the screen now open and, of those, the ones whose text the screen does not show.</summary>
    public async Task<(string Screen, IReadOnlyList<string> Checked, IReadOnlyList<string> Missing)> CheckScreenAgainstLedgerAsync()
    {
        var title = await TitleAsync();
        var screen = manual.Ledger.Items.FirstOrDefault(i => i.Kind == "画面名" && i.Text == title && i.Id.EndsWith(".画面名", StringComparison.Ordinal))
            ?? throw new Steps.ExpectationException($"期待: マニュアルの記載にある画面\n実際: 「{title}」画面 (台帳 features/{manual.Ledger.Bank}/マニュアルの記載.yaml にこの画面名がありません)");
        _ = manual[screen.Id];
        var prefix = screen.Id[..^"画面名".Length];
        var text = Normalize(await page.Locator("body").InnerTextAsync());
        var items = manual.Ledger.Items
            .Where(i => i.Id.StartsWith(prefix, StringComparison.Ordinal) && i.ManualCheck is null && Shown.Contains(i.Kind, StringComparer.Ordinal))
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var missing = new List<string>();
        foreach (var item in items)
        {
            _ = manual[item.Id];
            if (!text.Contains(Normalize(item.Text), StringComparison.Ordinal))
            {
                manual.Failed(item.Id);
                missing.Add(item.Id);
            }
        }

        return (title, [.. items.Select(i => i.Id)], missing);
    }

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
    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ", RegexOptions.None, TimeSpan.FromSeconds(1)).Trim();
}
