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

    private Ledger(string bank, IEnumerable<LedgerItem> items)
    {
        Bank = bank;
        _items = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    public string Bank { get; }

    public IReadOnlyCollection<LedgerItem> Items => _items.Values;

    public bool Has(string id) => _items.ContainsKey(id);

    public LedgerItem this[string id] => _items.TryGetValue(id, out var item)
        ? item
        : throw new KeyNotFoundException(
            $"マニュアルの記載「{id}」が features/{Bank}/{FileName} にも features/common/{FileName} にもありません " +
            "(この銀行のマニュアルに該当する記載があれば台帳に加え、なければ (仮定) として理由とともに書いてください。書式は features/_マニュアルの記載.md)。");

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
