using System.Globalization;
using System.Text.Json;
using Harness.Reports.Ledger;

namespace Harness.Conformance.Support;

/// <summary>
/// The scenario's view of its bank's <see cref="Ledger"/>: every lookup is recorded as checked, every mismatch as failed, and
/// at the scenario's end <see cref="LogLine"/> reports both (the report's 「マニュアルの記載と検証」 reads it).
/// </summary>
public sealed class Manual(World world)
{
    public const string LogPrefix = "マニュアルの記載: ";

    private readonly List<string> _checked = [];
    private readonly List<string> _failed = [];

    public Ledger Ledger => Ledger.For(world.ProfileName);

    /// <summary>The text the manual prints for <paramref name="id"/>; recorded as checked.</summary>
    public string this[string id] => Entry(id).Text;

    public LedgerItem Entry(string id)
    {
        var item = Ledger[id];
        if (!_checked.Contains(id, StringComparer.Ordinal))
        {
            _checked.Add(id);
        }

        return item;
    }

    public bool Has(string id) => Ledger.Has(id);

    /// <summary>A number the manual states (数.*).</summary>
    public int Number(string id) => int.TryParse(this[id], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        ? n
        : throw new InvalidDataException($"マニュアルの記載「{id}」の text「{this[id]}」は数ではありません。");

    /// <summary>A procedure flag (手順.*): はい or いいえ; an id the bank's ledger lacks is いいえ only when <paramref name="absentIs"/> says so.</summary>
    public bool Flag(string id, bool? absentIs = null)
    {
        if (absentIs is { } absent && !Has(id))
        {
            return absent;
        }

        return this[id] switch
        {
            "はい" => true,
            "いいえ" => false,
            var other => throw new InvalidDataException($"マニュアルの記載「{id}」は「はい」か「いいえ」です (「{other}」)。"),
        };
    }

    /// <summary>A list item (「、」 separated), e.g. 手順.トークンの種類.</summary>
    public IReadOnlyList<string> List(string id) => this[id].Split('、', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The item <paramref name="id"/> was compared with the bank and did not match (or its control was not found).</summary>
    public void Failed(string id)
    {
        Entry(id);
        if (!_failed.Contains(id, StringComparer.Ordinal))
        {
            _failed.Add(id);
        }
    }

    /// <summary>The manual's line for <paramref name="id"/>, for messages: 「quote」 or (仮定: reason).</summary>
    public string Source(string id)
    {
        var item = Ledger[id];
        return (item.Quote, item.Assumption) switch
        {
            // A quote beside an assumption is the line the assumption reads, not the wording itself: both are shown.
            ({ } quote, { } assumption) => $"(仮定) {assumption} (マニュアル {item.File}:「{quote}」)",
            ({ } quote, null) => $"マニュアル {item.File}:「{quote}」",
            _ => $"(仮定) {item.Assumption}",
        };
    }

    /// <summary>Throws, with the manual's line, when <paramref name="actual"/> is not the text of <paramref name="id"/>.</summary>
    public void Expect(string id, string? actual, string what)
    {
        var expected = this[id];
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            Failed(id);
            throw new Steps.ExpectationException($"期待: {what}「{expected}」({Source(id)})\n実際: 「{actual}」");
        }
    }

    /// <summary>The scenario's own words compared with what the bank shows: the ledger items of exactly that text are recorded
    /// as checked (and as failed on a mismatch), so a quoted wording counts for the ledger as well.</summary>
    public void ExpectWords(string expected, string? actual, string what)
    {
        var ids = Ledger.Items.Where(i => i.Text == expected).Select(i => i.Id).ToList();
        ids.ForEach(id => Entry(id));
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            ids.ForEach(Failed);
            throw new Steps.ExpectationException($"期待: {what}「{expected}」\n実際: 「{actual}」");
        }
    }

    public string? LogLine => _checked.Count == 0
        ? null
        : LogPrefix + JsonSerializer.Serialize(new { bank = world.ProfileName, @checked = _checked, failed = _failed },
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
