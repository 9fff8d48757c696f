using System.Collections.Concurrent;
using YamlDotNet.RepresentationModel;

namespace Harness.Conformance.Support;

/// <summary>One entry of a bank's ledger of manual wordings (features/&lt;bank&gt;/マニュアルの記載.yaml, features/_マニュアルの記載.md).</summary>
public sealed record LedgerItem(string Id, string Kind, string Text, string? Quote, string? Assumption, string? ManualCheck, string File);

/// <summary>
/// The wordings and numbers one bank's manual prints, read from <c>features/</c>: the bank's own file and the common file's
/// items that apply to it. This is where every expected text and every control the drivers look for comes from; the bank's
/// own profiles and code never serve as an expectation (ExpectationSourceTests holds this).
/// </summary>
public sealed class Ledger
{
    public const string FileName = "マニュアルの記載.yaml";

    private static readonly ConcurrentDictionary<string, Lazy<Ledger>> Loaded = new(StringComparer.Ordinal);

    private readonly Dictionary<string, LedgerItem> _items;

    private Ledger(string bank, Dictionary<string, LedgerItem> items)
    {
        Bank = bank;
        _items = items;
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

    public static Ledger Load(string featuresDirectory, string bank)
    {
        var items = new Dictionary<string, LedgerItem>(StringComparer.Ordinal);
        var own = Path.Combine(featuresDirectory, bank, FileName);
        if (!File.Exists(own))
        {
            throw new FileNotFoundException($"銀行 {bank} のマニュアルの記載 {own} がありません (書式は features/_マニュアルの記載.md)。", own);
        }

        foreach (var item in Read(own, bank, forBank: null))
        {
            if (!items.TryAdd(item.Id, item))
            {
                throw new InvalidDataException($"{own}: id「{item.Id}」が二度あります。");
            }
        }

        var common = Path.Combine(featuresDirectory, "common", FileName);
        if (File.Exists(common))
        {
            foreach (var item in Read(common, "common", forBank: bank))
            {
                if (!items.TryAdd(item.Id, item))
                {
                    throw new InvalidDataException($"{common}: id「{item.Id}」は {own} にもあります。同じ銀行に同じ id は一つだけにしてください。");
                }
            }
        }

        return new Ledger(bank, items);
    }

    /// <summary>The items of one file; for the common file (<paramref name="forBank"/> set) only those whose banks include it.</summary>
    private static IEnumerable<LedgerItem> Read(string path, string expectedBank, string? forBank)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{path}: YAML として読めません ({e.Start.Line} 行 {e.Start.Column} 列): {e.Message}", e);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException($"{path}: bank, manual, items を持つ一つの YAML の表にしてください。");
        }

        var bank = Scalar(root, "bank", path);
        if (bank != expectedBank)
        {
            throw new InvalidDataException($"{path}: bank が「{bank}」です。このフォルダーでは「{expectedBank}」と書いてください。");
        }

        var manual = Optional(root, "manual");
        if (!root.Children.TryGetValue(new YamlScalarNode("items"), out var list) || list is not YamlSequenceNode sequence)
        {
            throw new InvalidDataException($"{path}: items (項目の並び) がありません。");
        }

        var result = new List<LedgerItem>();
        foreach (var node in sequence.Children)
        {
            var where = $"{path} {node.Start.Line} 行";
            if (node is not YamlMappingNode entry)
            {
                throw new InvalidDataException($"{where}: 項目は id, kind, text, quote を持つ表にしてください。");
            }

            var id = Scalar(entry, "id", where);
            var item = new LedgerItem(
                id,
                Scalar(entry, "kind", $"{where} ({id})"),
                Scalar(entry, "text", $"{where} ({id})"),
                Optional(entry, "quote"),
                Optional(entry, "assumption"),
                Optional(entry, "manualCheck"),
                Optional(entry, "manual") ?? manual ?? string.Empty);
            if (item.Quote is null && item.Assumption is null)
            {
                throw new InvalidDataException($"{where} ({id}): quote (マニュアルの行) か assumption ((仮定) の理由) のどちらかが要ります。");
            }

            if (forBank is not null && entry.Children.TryGetValue(new YamlScalarNode("banks"), out var banks)
                && !(banks is YamlSequenceNode names && names.Children.OfType<YamlScalarNode>().Any(n => n.Value == forBank)))
            {
                continue;
            }

            result.Add(item);
        }

        return result;
    }

    private static string Scalar(YamlMappingNode node, string key, string where) =>
        Optional(node, key) is { Length: > 0 } value ? value : throw new InvalidDataException($"{where}: {key} がないか空です。");

    private static string? Optional(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { } text } && text != "~" && text != "null"
            ? text.Trim()
            : null;
}
