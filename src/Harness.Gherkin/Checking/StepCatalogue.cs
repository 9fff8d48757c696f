using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;
using Harness.Gherkin.Configuration;
using Harness.Gherkin.Parsing;
using Reqnroll.Bindings;
using Reqnroll.Bindings.Reflection;

namespace Harness.Gherkin.Checking;

/// <summary>Where a step of a real feature file uses a definition: its sentence (keyword and text) and <c>file:line</c>.</summary>
public sealed record StepExample(string Sentence, string Location);

/// <summary>One step QA can write: one (method, pattern) pair of Reqnroll's registry, its area (the class's
/// <see cref="CategoryAttribute"/>), its one-line description (the method's <see cref="DescriptionAttribute"/>), the keywords
/// it is bound for, its parameters and the first step of the feature files that uses it (null when none does).</summary>
public sealed record CatalogueEntry(
    string Area, string Keywords, string? Description, string Pattern, bool IsRegex, IReadOnlyList<string> Parameters, string Method, StepExample? Example);

/// <summary>The step catalogue of the CLI's <c>steps</c>: read from the binding registry Reqnroll itself builds for the binding
/// assemblies, with an example sentence from the feature files for every step definition.</summary>
public static class StepCatalogue
{
    public const string Unused = "(どのシナリオも使っていない)";

    private const string NoArea = "(分野なし)";

    /// <summary>The number of catalogue entries: distinct (method, pattern) pairs, a method bound for several keywords
    /// with the same pattern counting once. <c>check</c> prints this number too.</summary>
    public static int EntryCount(IBindingRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.GetStepDefinitions().Select(Key).Distinct().Count();
    }

    /// <summary>The catalogue of the step definitions of <paramref name="bindings"/> (the registry <c>check</c> binds against),
    /// with an example sentence from <paramref name="features"/> for each.</summary>
    public static IReadOnlyList<CatalogueEntry> Build(ReqnrollBindings bindings, IReadOnlyList<FeatureFile> features)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(features);
        var registry = bindings.Registry;
        var examples = new Dictionary<(MethodInfo, string), StepExample>();
        foreach (var feature in features)
        {
            foreach (var planned in feature.Scenarios.SelectMany(s => ReqnrollPickleSteps.Plan(s)))
            {
                // The definition this step really binds to at run time (scope, keyword, ambiguity), as check matches it.
                if (BoundTo(bindings, planned.Instance) is { } definition)
                {
                    examples.TryAdd(Key(definition), new StepExample($"{planned.Instance.Keyword.Trim()} {planned.Instance.Text}", $"{feature.Path}:{planned.Line}"));
                }
            }
        }

        var keywords = new StepKeywords(features.Count > 0 ? features[0].Language : "ja");
        return registry.GetStepDefinitions()
            .GroupBy(Key)
            .Select(g =>
            {
                var method = g.Key.Method;
                var first = g.First();
                return (First: g.Min(d => d.StepDefinitionType), Entry: new CatalogueEntry(
                    method.DeclaringType?.GetCustomAttribute<CategoryAttribute>()?.Category is { Length: > 0 } area ? area : NoArea,
                    string.Join(" / ", g.Select(d => d.StepDefinitionType).Distinct().Order().Select(keywords.Of)),
                    method.GetCustomAttribute<DescriptionAttribute>()?.Description is { Length: > 0 } description ? description : null,
                    first.SourceExpression,
                    first.ExpressionType == "RegularExpression",
                    method.GetParameters().Select(p => $"{p.Name}: {TypeName(p.ParameterType)}").ToList(),
                    $"{method.DeclaringType?.Name}.{method.Name}",
                    examples.GetValueOrDefault(g.Key)));
            })
            .OrderBy(e => e.Entry.Area, StringComparer.Ordinal)
            .ThenBy(e => e.First)
            .ThenBy(e => e.Entry.Pattern, StringComparer.Ordinal)
            .Select(e => e.Entry)
            .ToList();
    }

    /// <summary>The CLI's <c>steps</c>: the catalogue of the step definitions of <paramref name="bindings"/> (built by
    /// <see cref="ReqnrollBindings.Build"/> from the same reqnroll.json and binding culture as <c>check</c>), with examples from
    /// the feature files under <c>features/</c> of <paramref name="root"/>, as Markdown on <paramref name="output"/>. False when
    /// a binding is in error or a step definition has no description (named on <paramref name="error"/>).</summary>
    public static bool Print(ReqnrollBindings bindings, RunnerConfiguration configuration, string root, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var registry = bindings.Registry;
        foreach (var bindingError in registry.GetErrorMessages())
        {
            error.WriteLine("バインディングエラー: " + bindingError.Message);
        }

        var folder = Path.Combine(root, "features");
        var loader = new FeatureLoader(configuration.FeatureLanguage);
        var features = Directory.Exists(folder) ? FeatureLoader.Expand([folder]).Select(f => loader.Load(f, root)).ToList() : [];
        var entries = Build(bindings, features);
        output.Write(ToMarkdown(entries));
        foreach (var entry in entries.Where(e => e.Description is null))
        {
            error.WriteLine($"説明 ([Description]) のないステップ定義: {entry.Method} ({entry.Pattern})");
        }

        return registry.IsValid && entries.All(e => e.Description is not null);
    }

    /// <summary>The catalogue as Markdown: a section per area, an entry per (method, pattern).</summary>
    public static string ToMarkdown(IReadOnlyList<CatalogueEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sb = new StringBuilder();
        sb.Append("# ステップ一覧\n\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"ステップ定義 {entries.Count} 個 (うち{Unused} {entries.Count(e => e.Example is null)} 個、説明のないもの {entries.Count(e => e.Description is null)} 個)。\n");
        foreach (var area in entries.GroupBy(e => e.Area))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## {area.Key} ({area.Count()} 個)\n");
            foreach (var e in area)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\n### {e.Keywords} {e.Pattern}\n\n");
                sb.Append(e.Description ?? "(説明がありません)").Append('\n');
                sb.Append(CultureInfo.InvariantCulture, $"- パターン: `{e.Pattern}` ({(e.IsRegex ? "正規表現" : "Cucumber 式")})\n");
                sb.Append(CultureInfo.InvariantCulture, $"- パラメーター: {(e.Parameters.Count == 0 ? "なし" : string.Join(", ", e.Parameters))}\n");
                sb.Append(e.Example is { } example ? $"- 例: `{example.Sentence}` ({example.Location})\n" : $"- 例: {Unused}\n");
                sb.Append(CultureInfo.InvariantCulture, $"- メソッド: {e.Method}\n");
            }
        }

        return sb.ToString();
    }

    private static (MethodInfo Method, string Pattern) Key(IStepDefinitionBinding definition) =>
        (((RuntimeBindingMethod)definition.Method).MethodInfo, definition.SourceExpression);

    /// <summary>The step definition Reqnroll's step matching binds the step to; null when it is undefined, ambiguous or the
    /// definitions of its keyword are invalid.</summary>
    private static IStepDefinitionBinding? BoundTo(ReqnrollBindings bindings, StepInstance step)
    {
        try
        {
            var match = bindings.MatchService.GetBestMatch(step, bindings.BindingCulture, out _, out _);
            return match.Success ? match.StepBinding : null;
        }
        catch (Reqnroll.BindingException)
        {
            return null;
        }
    }

    private static string TypeName(Type type) => type switch
    {
        _ when type == typeof(int) => "int",
        _ when type == typeof(long) => "long",
        _ when type == typeof(string) => "string",
        _ when type == typeof(decimal) => "decimal",
        _ when type == typeof(double) => "double",
        _ when type == typeof(bool) => "bool",
        _ => type.Name,
    };
}
