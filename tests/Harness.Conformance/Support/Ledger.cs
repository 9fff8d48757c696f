using System.Collections.Concurrent;
using Harness.Reports.Ledger;

namespace Harness.Conformance.Support;

/// <summary>
/// The wordings and numbers one bank's manual prints, read from <c>features/</c> by the report's own reader
/// (<see cref="ManualLedger"/>: the bank's file and the common file's items that apply to it, checked strictly). This is where
/// every expected text and every control the drivers look for comes from; the bank's own profiles and code never serve as an
/// expectation (ExpectationSourceTests holds this).
/// </summary>
public sealed class Ledger
{
    public const string FileName = ManualLedger.FileName;

    /// <summary>The banks a scenario may name; a ledger is read for each (the report reads the same list from the register).</summary>
    public static readonly IReadOnlyList<string> Banks = ["akita", "kyoei", "komatsugawa", "aomori", "shinkin"];

    private static readonly ConcurrentDictionary<string, Lazy<Ledger>> Loaded = new(StringComparer.Ordinal);

    private readonly Dictionary<string, LedgerItem> _items;

    /// <summary>Kinds a screen always shows while it is open; messages, mails, numbers and procedures are checked by the flows
    /// that cause them.</summary>
    private static readonly string[] ShownKinds = ["画面ID", "ボタン", "リンク", "項目", "表示"];

    private readonly Lazy<IReadOnlyList<LedgerScreen>> _screens;

    private Ledger(string bank, IEnumerable<LedgerItem> items)
    {
        Bank = bank;
        _items = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        _screens = new Lazy<IReadOnlyList<LedgerScreen>>(GroupByScreen);
    }

    public string Bank { get; }

    public IReadOnlyCollection<LedgerItem> Items => _items.Values;

    public bool Has(string id) => _items.ContainsKey(id);

    public LedgerItem this[string id] => _items.TryGetValue(id, out var item)
        ? item
        : throw new KeyNotFoundException(
            $"マニュアルの記載「{id}」が features/{Bank}/{FileName} にも features/common/{FileName} にもありません " +
            "(この銀行のマニュアルに該当する記載があれば台帳に加え、なければ (仮定) として理由とともに書いてください。書式は features/_マニュアルの記載.md)。");

    /// <summary>
    /// The screens the ledger describes, each with the items shown on it: an item belongs to the screen whose 画面名 its
    /// <c>screen</c> names (whatever its kind), else (if a screen shows its kind) to the longest prefix of its id that has a <c>.画面名</c> (<c>申請内容選択.説明</c> to
    /// <c>申請内容選択.画面名</c>), except that prefix's own <c>.リンク</c>, the way in from another screen. Items left for manual
    /// checking (manualCheck) and items shown only at times (onlyWhen) are not members.
    /// </summary>
    public IReadOnlyList<LedgerScreen> Screens => _screens.Value;

    private List<LedgerScreen> GroupByScreen()
    {
        var members = new Dictionary<string, List<LedgerItem>>(StringComparer.Ordinal);
        foreach (var item in _items.Values.Where(i => i.ManualCheck is null && i.OnlyWhen is null && i.Kind != "画面名"))
        {
            // A screen named outright takes an item of any kind (a completion's message); by prefix, only what screens show.
            if ((item.Screen ?? (ShownKinds.Contains(item.Kind, StringComparer.Ordinal) ? ScreenByPrefix(item.Id) : null)) is { } screen)
            {
                (members.TryGetValue(screen, out var list) ? list : members[screen] = []).Add(item);
            }
        }

        // Every screen the ledger names is a screen, with or without items of its own: a page whose title is none of them is
        // a screen the manual does not know (UiDriver fails it).
        var titles = _items.Values.Where(i => i.Kind == "画面名" && i.ManualCheck is null && i.OnlyWhen is null);
        return [.. titles.Select(t => new LedgerScreen(t, members.TryGetValue(t.Id, out var list) ? [.. list.OrderBy(i => i.Id, StringComparer.Ordinal)] : []))
            .OrderBy(s => s.Title.Id, StringComparer.Ordinal)];
    }

    private string? ScreenByPrefix(string id)
    {
        for (var dot = id.LastIndexOf('.'); dot > 0; dot = id.LastIndexOf('.', dot - 1))
        {
            var prefix = id[..(dot + 1)];
            if (_items.TryGetValue(prefix + "画面名", out var title) && title.Kind == "画面名" && id != prefix + "リンク")
            {
                return title.Id;
            }
        }

        return null;
    }

    /// <summary>The ledger of <paramref name="bank"/> from the features folder the suite runs (read once per run).</summary>
    public static Ledger For(string bank) =>
        Loaded.GetOrAdd(bank, b => new Lazy<Ledger>(() => Load(FeaturesDirectory(), b))).Value;

    /// <summary>The features folder of this run: the one the adapter reads (HARNESS_FEATURES_DIR), else the build's copy.</summary>
    public static string FeaturesDirectory() =>
        Environment.GetEnvironmentVariable("HARNESS_FEATURES_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "features");

    /// <summary>The ledger of one bank; a bank without its own file is refused (every bank of the suite has one).</summary>
    public static Ledger Load(string featuresDirectory, string bank)
    {
        var ledger = ManualLedger.Load(featuresDirectory, Banks).Single(l => l.Bank == bank);
        if (!ledger.HasOwnFile)
        {
            throw new FileNotFoundException($"銀行 {bank} のマニュアルの記載 {ledger.OwnFile} がありません (書式は features/_マニュアルの記載.md)。", ledger.OwnFile);
        }

        return new Ledger(bank, ledger.Items);
    }
}

/// <summary>A screen of the ledger, known by its 画面名 (the page's title), and the items shown on it. Steps of one screen that
/// keep its title are screens of their own, with 画面名 items of the same text.</summary>
public sealed record LedgerScreen(LedgerItem Title, IReadOnlyList<LedgerItem> Items);
