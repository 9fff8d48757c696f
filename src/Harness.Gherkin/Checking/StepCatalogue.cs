using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Harness.Gherkin.Bindings;

namespace Harness.Gherkin.Checking;

/// <summary>One step QA can write: the keyword, the pattern, its parameters and an example sentence made from the pattern.</summary>
public sealed record CatalogueEntry(string Keyword, string Pattern, bool IsCucumberExpression, IReadOnlyList<string> Parameters, string Example, string Method, string? Scope);

/// <summary>The step catalogue generated from the bindings (the CLI's <c>steps</c>): what QA reads before writing a scenario.</summary>
public static partial class StepCatalogue
{
    public static IReadOnlyList<CatalogueEntry> Build(BindingRegistry registry) =>
        registry.StepDefinitions
            .GroupBy(d => (d.Method, d.Pattern))
            .Select(g =>
            {
                var d = g.First();
                var keyword = g.Count() == 3 ? "*" : string.Join(" / ", g.Select(x => KeywordOf(x.StepDefinitionType)));
                var parameters = d.Method.GetParameters().Select(p => $"{p.Name}: {MethodBinding.TypeDisplay(p.ParameterType)}").ToList();
                var scope = d.IsScoped ? string.Join(" | ", d.Scopes) : null;
                return new CatalogueEntry(keyword, d.Pattern, d.IsCucumberExpression, parameters, Example(d), $"{d.Method.DeclaringType?.Name}.{d.Method.Name}", scope);
            })
            .OrderBy(e => Order(e.Keyword))
            .ThenBy(e => e.Example, StringComparer.Ordinal)
            .ToList();

    /// <summary>The catalogue as Markdown: a table per keyword.</summary>
    public static string ToMarkdown(IReadOnlyList<CatalogueEntry> entries)
    {
        var sb = new StringBuilder();
        sb.Append("# ステップ一覧\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"ステップ定義 {entries.Count} 個。例文の値は型に合わせた見本です。\n");
        foreach (var group in entries.GroupBy(e => e.Keyword))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## {group.Key}\n\n| 例文 | パターン | パラメーター | メソッド |\n|---|---|---|---|\n");
            foreach (var e in group)
            {
                var pattern = (e.IsCucumberExpression ? e.Pattern : "正規表現: " + e.Pattern) + (e.Scope is null ? string.Empty : $" (スコープ: {e.Scope})");
                sb.Append(CultureInfo.InvariantCulture, $"| {Cell(e.Keyword == "*" ? "前提" : e.Keyword.Split(" / ")[0])} {Cell(e.Example)} | `{Cell(pattern)}` | {Cell(string.Join(", ", e.Parameters))} | {Cell(e.Method)} |\n");
            }
        }

        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string KeywordOf(StepDefinitionType type) => type switch
    {
        StepDefinitionType.Given => "前提",
        StepDefinitionType.When => "もし",
        _ => "ならば",
    };

    private static int Order(string keyword) => keyword switch
    {
        "前提" => 0,
        "もし" => 1,
        "ならば" => 2,
        _ => 3,
    };

    private static string Example(StepDefinitionBinding definition)
    {
        if (!definition.IsCucumberExpression)
        {
            // A regex: each group becomes ‹…›, anchors and escapes are dropped.
            var text = definition.Pattern.TrimStart('^').TrimEnd('$');
            text = RegexGroup().Replace(text, "‹…›");
            text = RegexSeparator().Replace(text, " ");
            try
            {
                return Regex.Unescape(text);
            }
            catch (RegexParseException)
            {
                return text;
            }
        }

        // Optional text is shown and an alternation shows its first choice (before the sample values, which may hold '/').
        var pattern = Alternation().Replace(Optional().Replace(definition.Pattern, "$1"), "$1");
        var types = definition.Expression!.ParameterTypes;
        var index = 0;
        var result = Parameter().Replace(pattern, m =>
        {
            var type = types[index++];
            return type.Name switch
            {
                "int" or "long" or "byte" or "Int16" or "Int32" or "Int64" or "Byte" => "10",
                "float" or "double" or "decimal" or "Single" or "Double" or "Decimal" => "1.5",
                "string" => "\"値\"",
                "word" or "Word" => "単語",
                "DateTime" => "2026/11/23",
                "" => "…",
                _ when type.Type.IsEnum => Enum.GetNames(type.Type).FirstOrDefault() ?? type.Name,
                _ => $"‹{type.Name}›",
            };
        });

        return result.Replace("\\", string.Empty, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<!\\)\{[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"(?<!\\)\(([^)]*)(?<!\\)\)")]
    private static partial Regex Optional();

    [GeneratedRegex(@"([^\s/]+)(?:(?<!\\)/[^\s/]+)+")]
    private static partial Regex Alternation();

    [GeneratedRegex(@"\\[Ws][*+]")]
    private static partial Regex RegexSeparator();

    [GeneratedRegex(@"\((?:[^()\\]|\\.)*\)")]
    private static partial Regex RegexGroup();
}
