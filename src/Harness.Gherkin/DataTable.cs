using System.Collections;

namespace Harness.Gherkin;

/// <summary>A step's data table: a header row and data rows (Reqnroll's <c>DataTable</c>).</summary>
public class DataTable : IEnumerable<DataTableRow>
{
    private readonly List<DataTableRow> _rows = [];

    public DataTable(params string[] header)
    {
        if (header.Length == 0)
        {
            throw new ArgumentException("表には見出し行が必要です。", nameof(header));
        }

        if (header.Distinct(StringComparer.Ordinal).Count() != header.Length)
        {
            throw new ArgumentException($"表の見出しが重複しています: {string.Join(", ", header)}", nameof(header));
        }

        Header = header;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<DataTableRow> Rows => _rows;

    public int RowCount => _rows.Count;

    public bool ContainsColumn(string column) => Header.Contains(column, StringComparer.Ordinal);

    public void AddRow(params string[] cells)
    {
        if (cells.Length != Header.Count)
        {
            throw new ArgumentException($"行のセル数 {cells.Length} が見出しの列数 {Header.Count} と合いません。", nameof(cells));
        }

        _rows.Add(new DataTableRow(this, cells));
    }

    internal int ColumnIndex(string column)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"表に列 '{column}' がありません (列: {string.Join(", ", Header)})。");
    }

    public IEnumerator<DataTableRow> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        var all = new List<IReadOnlyList<string>> { Header };
        all.AddRange(_rows.Select(r => (IReadOnlyList<string>)r.Values.ToList()));
        var widths = Enumerable.Range(0, Header.Count).Select(i => all.Max(r => DisplayWidth(r[i]))).ToArray();
        return string.Join('\n', all.Select(r => "| " + string.Join(" | ", r.Select((c, i) => c + new string(' ', widths[i] - DisplayWidth(c)))) + " |"));
    }

    /// <summary>Full-width characters take two columns in a terminal.</summary>
    internal static int DisplayWidth(string text) => text.Sum(c => c is >= '\u1100' and (<= '\u115f' or >= '\u2e80') and not (>= '\uff61' and <= '\uffdc') ? 2 : 1);
}

/// <summary>Reqnroll 1's name of <see cref="DataTable"/>, kept so existing step code compiles.</summary>
public class Table : DataTable
{
    public Table(params string[] header)
        : base(header)
    {
    }
}

public sealed class DataTableRow : IReadOnlyDictionary<string, string>
{
    private readonly DataTable _table;
    private readonly string[] _cells;

    internal DataTableRow(DataTable table, string[] cells)
    {
        _table = table;
        _cells = cells;
    }

    public string this[string key] => _cells[_table.ColumnIndex(key)];

    public string this[int index] => _cells[index];

    public IEnumerable<string> Keys => _table.Header;

    public IEnumerable<string> Values => _cells;

    public int Count => _cells.Length;

    public bool ContainsKey(string key) => _table.ContainsColumn(key);

    public bool TryGetValue(string key, out string value)
    {
        if (_table.ContainsColumn(key))
        {
            value = this[key];
            return true;
        }

        value = string.Empty;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        _table.Header.Select((h, i) => new KeyValuePair<string, string>(h, _cells[i])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
