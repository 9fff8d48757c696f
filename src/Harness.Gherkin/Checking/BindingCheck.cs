using System.Text;
using Harness.Gherkin.Lint;
using Harness.Gherkin.Parsing;
using Reqnroll.Bindings;
using Reqnroll.Infrastructure;
using StepKeyword = Reqnroll.Bindings.StepDefinitionKeyword;
using StepType = Reqnroll.Bindings.StepDefinitionType;

namespace Harness.Gherkin.Checking;

public enum CheckSeverity
{
    Error,
    Warning,
}

/// <summary>One thing <c>check</c> reports, at <c>path:line:column</c>.</summary>
public sealed record CheckFinding(string Path, int Line, int Column, CheckSeverity Severity, string Kind, string Message)
{
    public const string Undefined = "未定義";
    public const string Ambiguous = "あいまい";
    public const string WrongKeyword = "キーワード違い";
    public const string Unconvertible = "変換できない値";
    public const string Syntax = "構文";

    public override string ToString() =>
        $"{Path}:{Line}:{Column}: {(Severity == CheckSeverity.Error ? "エラー" : "警告")} [{Kind}] {Message}";
}

public sealed record CheckReport(int Features, int Scenarios, int Steps, int StepDefinitions, IReadOnlyList<CheckFinding> Findings, IReadOnlyList<string> BindingErrors)
{
    public int Undefined => Count(CheckFinding.Undefined);

    public int Ambiguous => Count(CheckFinding.Ambiguous);

    public int WrongKeyword => Count(CheckFinding.WrongKeyword);

    public int Unconvertible => Count(CheckFinding.Unconvertible);

    public int ParseErrors => Count(CheckFinding.Syntax);

    public int LintFindings => Findings.Count(f => f.Severity == CheckSeverity.Warning);

    /// <summary>Binding succeeded: some step definitions, every step bound to exactly one of them under its own keyword with
    /// values that convert, every file read, every binding valid. Lint warnings do not fail the check.</summary>
    public bool Succeeded => StepDefinitions > 0 && BindingErrors.Count == 0 && Findings.All(f => f.Severity == CheckSeverity.Warning);

    /// <summary>The summary line: counts of everything <c>check</c> looked at and found.</summary>
    public string Summary =>
        $"{Features} フィーチャー, {Scenarios} シナリオ, {Steps} ステップ (ステップ定義 {StepDefinitions} 個): " +
        $"未定義 {Undefined}, あいまい {Ambiguous}, キーワード違い {WrongKeyword}, 変換できない値 {Unconvertible}, " +
        $"構文エラー {ParseErrors}, バインディングエラー {BindingErrors.Count}, 書き方の警告 {LintFindings}";

    private int Count(string kind) => Findings.Count(f => f.Kind == kind && f.Severity == CheckSeverity.Error);
}

/// <summary>Binds every step of the given features through Reqnroll's binding registry and step matching, without running
/// anything (the CLI's <c>check</c>): what the run would find undefined, ambiguous, under the wrong keyword or with a value
/// that does not convert, and the Japanese authoring traps (<see cref="JapaneseLint"/>) as warnings.</summary>
public static class BindingCheck
{
    private static readonly StepType[] Types = [StepType.Given, StepType.When, StepType.Then];

    public static CheckReport Run(ReqnrollBindings bindings, IReadOnlyList<FeatureFile> features)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(features);
        var definitions = bindings.Registry.GetStepDefinitions().Where(d => d.IsValid).ToList();
        var lint = new JapaneseLint(text => DefinitionsMatching(bindings, definitions, text));
        var findings = new List<CheckFinding>();
        var seen = new HashSet<(string, int, string)>();
        var steps = 0;
        foreach (var feature in features)
        {
            findings.AddRange(feature.Problems.Select(p => new CheckFinding(p.Path, p.Line, p.Column, CheckSeverity.Error, CheckFinding.Syntax, p.Message)));
            findings.AddRange(lint.Check(feature).Select(l => new CheckFinding(l.Path, l.Line, l.Column, CheckSeverity.Warning, l.Code, l.Message)));
            var keywords = new StepKeywords(feature.Language);
            foreach (var scenario in feature.Scenarios)
            {
                foreach (var planned in ReqnrollPickleSteps.Plan(scenario))
                {
                    steps++;
                    var problem = Bind(bindings, definitions, keywords, planned.Instance);

                    // An outline's rows share one step line: report the line once, with its first expansion.
                    if (problem is { } p && seen.Add((feature.Path, planned.Line, planned.Instance.Text)))
                    {
                        findings.Add(new CheckFinding(feature.Path, planned.Line, planned.Column, CheckSeverity.Error, p.Kind, p.Message));
                    }
                }
            }
        }

        return new CheckReport(
            features.Count,
            features.Sum(f => f.Scenarios.Count),
            steps,
            bindings.StepDefinitionCount,
            [.. findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Kind, StringComparer.Ordinal)],
            bindings.Errors);
    }

    /// <summary>What is wrong with one step, as Reqnroll's matching sees it at run time; null when it binds.</summary>
    private static (string Kind, string Message)? Bind(ReqnrollBindings bindings, IReadOnlyList<IStepDefinitionBinding> definitions, StepKeywords keywords, StepInstance step)
    {
        var culture = bindings.BindingCulture;
        var quoted = $"「{step.Keyword.Trim()} {step.Text}」";
        BindingMatch match;
        StepDefinitionAmbiguityReason reason;
        List<BindingMatch> candidates;
        try
        {
            match = bindings.MatchService.GetBestMatch(step, culture, out reason, out candidates);
        }
        catch (Reqnroll.BindingException)
        {
            // An invalid step definition of this keyword stops every match; the binding errors say which one.
            return null;
        }

        // A lone candidate whose values do not convert still comes back as the match ("execute will find it out", says
        // Reqnroll): the run then fails on the conversion, so the check reports it now.
        if (match.Success)
        {
            return ConversionProblem(bindings, match) is { } problem
                ? (CheckFinding.Unconvertible, $"{quoted} の値が引数の型に変換できないため、実行すると失敗します:\n  - {Describe(keywords, match.StepBinding)}: {problem}")
                : null;
        }

        if (reason == StepDefinitionAmbiguityReason.AmbiguousSteps)
        {
            return (CheckFinding.Ambiguous, $"あいまいなステップです: {quoted} に合うステップ定義が {candidates.Count} 個あります。どれか 1 つに絞ってください:" +
                string.Concat(candidates.Select(c => "\n  - " + Describe(keywords, c.StepBinding))));
        }

        if (reason == StepDefinitionAmbiguityReason.ParameterErrors)
        {
            return (CheckFinding.Unconvertible, $"{quoted} の値が引数の型に変換できないため、実行すると失敗します:" +
                string.Concat(candidates.Select(c => "\n  - " + Describe(keywords, c.StepBinding) + ": " + (ConversionProblem(bindings, c) ?? "引数を変換できません"))));
        }

        var elsewhere = Types.Where(t => t != step.StepDefinitionType)
            .SelectMany(t => definitions.Where(d => d.StepDefinitionType == t))
            .Where(d => bindings.MatchService.Match(d, As(step, d.StepDefinitionType), culture, useScopeMatching: false).Success)
            .ToList();
        if (elsewhere.Count > 0)
        {
            var defined = string.Join(" / ", elsewhere.Select(d => keywords.Of(d.StepDefinitionType)).Distinct());
            return (CheckFinding.WrongKeyword, $"{quoted} は {keywords.Of(step.StepDefinitionType)} のステップとして読まれますが、" +
                $"ステップ定義は {defined} の下にしかありません。キーワードを {defined} にしてください:" +
                string.Concat(elsewhere.Select(d => "\n  - " + Describe(keywords, d))));
        }

        var message = new StringBuilder($"未定義のステップです: {quoted}");
        if (reason == StepDefinitionAmbiguityReason.AmbiguousScopes)
        {
            message.Append("\nスコープ ([Scope]) が合わないため使えないステップ定義があります:")
                .Append(string.Concat(candidates.Select(c => "\n  - " + Describe(keywords, c.StepBinding))));
        }

        var nearest = Nearest(definitions, keywords, step.Text);
        if (nearest.Count > 0)
        {
            message.Append("\nもしかして:").Append(string.Concat(nearest.Select(n => "\n  - " + n)));
        }

        var snippet = bindings.Skeletons.GetStepDefinitionSkeleton(Reqnroll.ProgrammingLanguage.CSharp, step, bindings.SkeletonStyle, culture);
        message.Append("\n次のコードをステップ定義クラスに貼り付けて実装してください:\n\n").Append(snippet.ReplaceLineEndings("\n").TrimEnd());
        return (CheckFinding.Undefined, message.ToString());
    }

    /// <summary>Which argument does not convert, with its parameter's name, the value and the type; null when all convert.</summary>
    private static string? ConversionProblem(ReqnrollBindings bindings, BindingMatch candidate)
    {
        var parameters = candidate.StepBinding.Method.Parameters.ToList();
        var arguments = candidate.Arguments ?? [];
        if (arguments.Length != parameters.Count)
        {
            return $"引数の数が合いません (ステップから {arguments.Length} 個、メソッドは {parameters.Count} 個)";
        }

        var problems = arguments.Zip(parameters)
            .Where(p => !bindings.Converter.CanConvert(p.First.Value, p.Second.Type, bindings.BindingCulture))
            .Select(p => $"引数 {p.Second.ParameterName} ({p.Second.Type.Name}) に値 '{p.First.Value}' は変換できません" +
                (p.First.Value is string s && s.Any(c => c is >= '０' and <= '９') ? " (全角数字は数値になりません。半角で書いてください)" : string.Empty))
            .ToList();
        return problems.Count > 0 ? string.Join("; ", problems) : null;
    }

    /// <summary>The three step definitions nearest to the text by edit distance to their pattern (ties in pattern order).</summary>
    private static List<string> Nearest(IReadOnlyList<IStepDefinitionBinding> definitions, StepKeywords keywords, string text) =>
        definitions
            .Select(d => (Sentence: $"{keywords.Of(d.StepDefinitionType)} {Pattern(d)}", Distance: EditDistance(text, Pattern(d))))
            .Distinct()
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Sentence, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.Sentence)
            .ToList();

    /// <summary>The ids of the step definitions (of any keyword, any scope) that take the text with values that convert.</summary>
    private static IReadOnlySet<string> DefinitionsMatching(ReqnrollBindings bindings, IReadOnlyList<IStepDefinitionBinding> definitions, string text) =>
        definitions
            .Where(d => bindings.MatchService.Match(d, new StepInstance(d.StepDefinitionType, (StepKeyword)(int)d.StepDefinitionType, string.Empty, text, null),
                bindings.BindingCulture, useScopeMatching: false).Success)
            .Select(d => $"{d.StepDefinitionType} {ReqnrollBindings.MethodKey(d.Method)} {d.SourceExpression}")
            .ToHashSet(StringComparer.Ordinal);

    private static StepInstance As(StepInstance step, StepType type) =>
        new(type, (StepKeyword)(int)type, step.Keyword, step.Text, step.MultilineTextArgument, step.TableArgument, step.StepContext);

    private static string Describe(StepKeywords keywords, IStepDefinitionBinding definition) =>
        $"{definition.Method.Type.Name}.{definition.Method.Name}: [{definition.StepDefinitionType}] {keywords.Of(definition.StepDefinitionType)} {Pattern(definition)}" +
        (definition.ExpressionType == "RegularExpression" ? " (正規表現)" : string.Empty);

    private static string Pattern(IStepDefinitionBinding definition) => definition.SourceExpression.TrimStart('^').TrimEnd('$');

    /// <summary>Levenshtein distance over UTF-16 code units.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
