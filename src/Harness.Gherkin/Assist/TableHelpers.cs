using System.Globalization;
using System.Reflection;
using System.Text;
using Harness.Gherkin.Bindings;

namespace Harness.Gherkin.Assist;

/// <summary>Reqnroll.Assist's table helpers: a vertical table (Field | Value) or a single-row horizontal one makes an instance,
/// each row of a horizontal table one item of a set. Column names match properties ignoring case, spaces and underscores.</summary>
public static class TableHelperExtensionMethods
{
    public static T CreateInstance<T>(this DataTable table) => CreateInstance<T>(table, CultureInfo.CurrentCulture);

    public static T CreateInstance<T>(this DataTable table, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Create<T>(FieldValues(table), culture);
    }

    public static IEnumerable<T> CreateSet<T>(this DataTable table) => CreateSet<T>(table, CultureInfo.CurrentCulture);

    public static IEnumerable<T> CreateSet<T>(this DataTable table, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Rows.Select(row => Create<T>(table.Header.Select(h => (h, row[h])).ToList(), culture)).ToList();
    }

    internal static List<(string Field, string Value)> FieldValues(DataTable table)
    {
        // Reqnroll: vertical when the header is Field/Value, or there is not exactly one row.
        var vertical = table.Header is ["Field", "Value"] or ["項目", "値"] || table.RowCount != 1;
        return vertical
            ? table.Rows.Select(r => (r[0], r[1])).ToList()
            : table.Header.Select(h => (h, table.Rows[0][h])).ToList();
    }

    private static T Create<T>(IReadOnlyList<(string Field, string Value)> values, CultureInfo culture)
    {
        var type = typeof(T);
        var members = Members(type);
        object instance;
        if (type.GetConstructor(Type.EmptyTypes) is { } parameterless)
        {
            instance = parameterless.Invoke([]);
            foreach (var (field, value) in values)
            {
                if (members.FirstOrDefault(m => Matches(m.Name, field)) is { } member)
                {
                    Set(instance, member, Convert(value, TypeOf(member), culture, field));
                }
            }

            return (T)instance;
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault(c => c.GetParameters().All(p => values.Any(v => Matches(p.Name!, v.Field)) || p.HasDefaultValue))
            ?? throw new MissingMethodException($"{type.Name} のインスタンスを作れるコンストラクターがありません (列: {string.Join(", ", values.Select(v => v.Field))})。");
        var arguments = constructor.GetParameters().Select(p =>
        {
            var match = values.FirstOrDefault(v => Matches(p.Name!, v.Field));
            return match.Field is null ? p.DefaultValue : Convert(match.Value, p.ParameterType, culture, match.Field);
        }).ToArray();
        return (T)constructor.Invoke(arguments);
    }

    internal static List<MemberInfo> Members(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance), .. type.GetFields(BindingFlags.Public | BindingFlags.Instance)];

    internal static Type TypeOf(MemberInfo member) => member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;

    internal static object? ValueOf(object instance, MemberInfo member) => member is PropertyInfo p ? p.GetValue(instance) : ((FieldInfo)member).GetValue(instance);

    private static void Set(object instance, MemberInfo member, object? value)
    {
        if (member is PropertyInfo p && p.CanWrite)
        {
            p.SetValue(instance, value);
        }
        else if (member is FieldInfo f)
        {
            f.SetValue(instance, value);
        }
    }

    internal static object? Convert(string value, Type type, CultureInfo culture, string field)
    {
        try
        {
            return ArgumentConverter.ConvertSimple(value, type, culture);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException or InvalidCastException or NotSupportedException)
        {
            throw new FormatException($"列 '{field}' の値 \"{value}\" を {type.Name} に変換できません: {ex.Message}", ex);
        }
    }

    /// <summary>Reqnroll's rule: letters and digits only, ignoring case (so "口座 番号", "口座_番号" and "口座番号" are one name).</summary>
    internal static bool Matches(string memberName, string column) =>
        string.Equals(Normalise(memberName), Normalise(column), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Where(char.IsLetterOrDigit))
        {
            sb.Append(c);
        }

        return sb.ToString();
    }
}

/// <summary>Reqnroll.Assist's set comparison: order-insensitive by default, every expected row must consume a distinct actual item.</summary>
public static class SetComparisonExtensionMethods
{
    public static void CompareToSet<T>(this DataTable table, IEnumerable<T> set, bool sequentialEquality = false) =>
        CompareToSet(table, set, CultureInfo.CurrentCulture, sequentialEquality);

    public static void CompareToSet<T>(this DataTable table, IEnumerable<T> set, CultureInfo culture, bool sequentialEquality = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var members = TableHelperExtensionMethods.Members(typeof(T));
        var missing = table.Header.Where(h => !members.Any(m => TableHelperExtensionMethods.Matches(m.Name, h))).ToList();
        if (missing.Count > 0)
        {
            throw new ComparisonException("次の列に対応するプロパティがありません:\n" + string.Join('\n', missing));
        }

        var columns = table.Header.Select(h => (Header: h, Member: members.First(m => TableHelperExtensionMethods.Matches(m.Name, h)))).ToList();
        var actual = set.ToList();
        var remaining = Enumerable.Range(0, actual.Count).ToList();
        var lines = new List<string> { "  | " + string.Join(" | ", table.Header) + " |" };
        var failed = false;
        for (var r = 0; r < table.RowCount; r++)
        {
            var row = table.Rows[r];
            var candidates = sequentialEquality ? (r < actual.Count && remaining.Contains(r) ? [r] : []) : remaining;
            var found = candidates.FirstOrDefault(i => columns.All(c => Equal(row[c.Header], TableHelperExtensionMethods.ValueOf(actual[i]!, c.Member), culture)), -1);
            if (found >= 0)
            {
                remaining.Remove(found);
                lines.Add("  | " + string.Join(" | ", row.Values) + " |");
            }
            else
            {
                failed = true;
                lines.Add("- | " + string.Join(" | ", row.Values) + " |");
            }
        }

        foreach (var i in remaining)
        {
            failed = true;
            lines.Add("+ | " + string.Join(" | ", columns.Select(c => Format(TableHelperExtensionMethods.ValueOf(actual[i]!, c.Member), culture))) + " |");
        }

        if (failed)
        {
            throw new ComparisonException("表と実際の値が一致しません (- 期待したが無い行 / + 余分な行):\n" + string.Join('\n', lines));
        }
    }

    private static bool Equal(string expected, object? actual, CultureInfo culture)
    {
        if (actual is null)
        {
            return expected.Length == 0;
        }

        try
        {
            var converted = TableHelperExtensionMethods.Convert(expected, actual.GetType(), culture, string.Empty);
            return Equals(converted, actual);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Format(object? value, CultureInfo culture) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, culture),
        _ => value.ToString() ?? string.Empty,
    };
}

public sealed class ComparisonException : Exception
{
    public ComparisonException(string message)
        : base(message)
    {
    }

    public ComparisonException()
    {
    }

    public ComparisonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
