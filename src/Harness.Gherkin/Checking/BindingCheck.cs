using Harness.Gherkin.Bindings;
using Harness.Gherkin.Configuration;
using Harness.Gherkin.ErrorHandling;
using Harness.Gherkin.Lint;
using Harness.Gherkin.Parsing;

namespace Harness.Gherkin.Checking;

public enum CheckSeverity
{
    Error,
    Warning,
}

/// <summary>One thing <c>check</c> reports, at <c>path:line:column</c>.</summary>
public sealed record CheckFinding(string Path, int Line, int Column, CheckSeverity Severity, string Kind, string Message)
{
    public override string ToString() =>
        $"{Path}:{Line}:{Column}: {(Severity == CheckSeverity.Error ? "エラー" : "警告")} [{Kind}] {Message}";
}

public sealed record CheckReport(int Features, int Scenarios, int Steps, IReadOnlyList<CheckFinding> Findings, IReadOnlyList<BindingError> BindingErrors)
{
    public int Undefined => Findings.Count(f => f.Kind == "未定義");

    public int Ambiguous => Findings.Count(f => f.Kind == "あいまい");

    public int ParseErrors => Findings.Count(f => f.Kind == "構文");

    public int LintFindings => Findings.Count(f => f.Severity == CheckSeverity.Warning);

    /// <summary>Binding succeeded: nothing undefined or ambiguous, every file read, every binding valid.</summary>
    public bool Succeeded => Undefined == 0 && Ambiguous == 0 && ParseErrors == 0 && BindingErrors.Count == 0;
}

/// <summary>Binds every step of the given features without running anything (the CLI's <c>check</c>).</summary>
public static class BindingCheck
{
    public static CheckReport Run(RunnerConfiguration configuration, BindingRegistry registry, IReadOnlyList<FeatureFile> features)
    {
        var matcher = new StepMatcher(registry, configuration.BindingCulture);
        var lint = new JapaneseLint(text => registry.StepDefinitions.Any(d => d.Match(text) is not null));
        var findings = new List<CheckFinding>();
        var seen = new HashSet<(string, int)>();
        var steps = 0;
        foreach (var feature in features)
        {
            findings.AddRange(feature.Problems.Select(p => new CheckFinding(p.Path, p.Line, p.Column, CheckSeverity.Error, "構文", p.Message)));
            findings.AddRange(lint.Check(feature).Select(l => new CheckFinding(l.Path, l.Line, l.Column, CheckSeverity.Warning, l.Code, l.Message)));
            foreach (var scenario in feature.Scenarios)
            {
                foreach (var planned in PickleSteps.Plan(scenario))
                {
                    steps++;
                    var (step, line, column, type, arguments) = (planned.Step, planned.Line, planned.Column, planned.Step.Type, planned.Step.Arguments);
                    var match = matcher.Match(step);
                    var finding = match switch
                    {
                        StepUndefined u => new CheckFinding(feature.Path, line, column, CheckSeverity.Error, "未定義",
                            ErrorProvider.Undefined(step, u, SnippetGenerator.Generate(type, step.Text, arguments, configuration.BindingCulture))),
                        StepAmbiguous a => new CheckFinding(feature.Path, line, column, CheckSeverity.Error, "あいまい", ErrorProvider.Ambiguous(step, a)),
                        _ => null,
                    };

                    // An outline's rows share one step line: report the line once, with its first expansion.
                    if (finding is not null && seen.Add((feature.Path + "|" + step.Text, line)))
                    {
                        findings.Add(finding);
                    }
                }
            }
        }

        return new CheckReport(
            features.Count,
            features.Sum(f => f.Scenarios.Count),
            steps,
            [.. findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column)],
            registry.Errors);
    }
}
