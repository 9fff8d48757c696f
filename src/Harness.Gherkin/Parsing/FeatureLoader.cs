using Gherkin.CucumberMessages;
using Io.Cucumber.Messages.Types;
using GherkinParser = Gherkin.Parser;

namespace Harness.Gherkin.Parsing;

/// <summary>A problem that stops a feature file from being read, with its place.</summary>
public sealed record ParseProblem(string Path, int Line, int Column, string Message)
{
    public override string ToString() => $"{Path}:{Line}:{Column}: {Message}";
}

/// <summary>One runnable scenario (a pickle) with what the runner and the reports need to know about it.</summary>
public sealed record ScenarioCase(
    FeatureFile Feature,
    Pickle Pickle,
    string? RuleTitle,
    string ScenarioTitle,
    string? ScenarioDescription,
    IReadOnlyList<string> OwnTags,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> ExampleValues,
    int Line,
    string? ExamplesName = null)
{
    /// <summary>The scenario (or outline) the pickle comes from.</summary>
    public Scenario? Scenario { get; init; }

    /// <summary>The rule the scenario stands under, if any.</summary>
    public Rule? Rule { get; init; }

    /// <summary>The position of the pickle among its feature's pickles (Reqnroll's pickleIndex).</summary>
    public int Index { get; init; }

    /// <summary>The test's name: <c>&lt;feature&gt; / &lt;scenario&gt; [&lt;example&gt;]</c>, the example being the examples block's
    /// name (when it has one) and the row's values.</summary>
    public string DisplayName { get; init; } =
        $"{Feature.Title} / {Pickle.Name}" + (ExampleValues.Count == 0
            ? string.Empty
            : $" [{(string.IsNullOrWhiteSpace(ExamplesName) ? string.Empty : ExamplesName.Trim() + ": ")}{string.Join(", ", ExampleValues.Values)}]");
}

public sealed class FeatureFile
{
    internal FeatureFile(string path, string fullPath, string source)
    {
        Path = path;
        FullPath = fullPath;
        Source = source;
    }

    /// <summary>The path relative to the folder the run was given, with forward slashes.</summary>
    public string Path { get; }

    public string FullPath { get; }

    public string Source { get; }

    public GherkinDocument? Document { get; internal set; }

    public IReadOnlyList<ScenarioCase> Scenarios { get; internal set; } = [];

    public IReadOnlyList<ParseProblem> Problems { get; internal set; } = [];

    public string Title => Document?.Feature?.Name is { Length: > 0 } name ? name : System.IO.Path.GetFileNameWithoutExtension(Path);

    public string Language => Document?.Feature?.Language ?? "en";

    public string? Description => Document?.Feature?.Description is { Length: > 0 } d ? d.Trim() : null;

    public IReadOnlyList<string> Tags => Document?.Feature?.Tags.Select(t => t.Name.TrimStart('@')).ToList() ?? [];

    /// <summary>Every node of the document by its id (steps, scenarios, rows, examples, rules).</summary>
    internal Dictionary<string, object> Nodes { get; } = new(StringComparer.Ordinal);

    public Step? StepOf(PickleStep step) => step.AstNodeIds.Count > 0 && Nodes.GetValueOrDefault(step.AstNodeIds[0]) is Step s ? s : null;
}

/// <summary>Reads feature files with the official Cucumber parser and compiles their pickles.</summary>
public sealed class FeatureLoader
{
    private readonly string _defaultLanguage;
    private readonly IIdGenerator _ids;

    public FeatureLoader(string defaultLanguage, IIdGenerator? ids = null)
    {
        _defaultLanguage = defaultLanguage;
        _ids = ids ?? new IncrementingIdGenerator();
    }

    /// <summary>Every *.feature under the given files or folders, in ordinal order of their paths.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.feature", SearchOption.AllDirectories))
                {
                    files.Add(System.IO.Path.GetFullPath(file));
                }
            }
            else if (File.Exists(path))
            {
                files.Add(System.IO.Path.GetFullPath(path));
            }
            else
            {
                throw new FileNotFoundException($"フィーチャーファイルまたはフォルダーがありません: {path}", path);
            }
        }

        return [.. files];
    }

    public FeatureFile Load(string fullPath, string root)
    {
        var relative = System.IO.Path.GetRelativePath(root, fullPath).Replace('\\', '/');
        return LoadText(File.ReadAllText(fullPath), relative, fullPath);
    }

    public FeatureFile LoadText(string source, string relativePath, string? fullPath = null)
    {
        var feature = new FeatureFile(relativePath, fullPath ?? relativePath, source);
        global::Gherkin.Ast.GherkinDocument ast;
        try
        {
            var parser = new GherkinParser { StopAtFirstError = false };
            var matcher = new global::Gherkin.TokenMatcher(_defaultLanguage);
            ast = parser.Parse(new global::Gherkin.TokenScanner(new StringReader(source)), matcher);
        }
        catch (global::Gherkin.CompositeParserException ex)
        {
            feature.Problems = ex.Errors.Select(e => Problem(relativePath, e)).ToList();
            return feature;
        }
        catch (global::Gherkin.ParserException ex)
        {
            feature.Problems = [Problem(relativePath, ex)];
            return feature;
        }

        lock (_ids)
        {
            feature.Document = new AstMessagesConverter(_ids).ConvertGherkinDocumentToEventArgs(ast, relativePath);
            Index(feature);
            var pickles = new global::Gherkin.CucumberMessages.Pickles.PickleCompiler(_ids).Compile(feature.Document);
            feature.Scenarios = pickles.Select((p, i) => Describe(feature, p) with { Index = i }).ToList();
        }

        return feature;
    }

    private static ParseProblem Problem(string path, global::Gherkin.ParserException ex)
    {
        var message = ex.Message;
        // The parser prefixes "(line:column): "; keep the place in the record and the text readable.
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && close > 0)
        {
            message = message[(close + 3)..];
        }

        return new ParseProblem(path, ex.Location?.Line ?? 0, ex.Location?.Column ?? 0, Translate(message));
    }

    /// <summary>Japanese explanations of the parser's common messages, keeping the original after them.</summary>
    private static string Translate(string message)
    {
        if (message.StartsWith("expected:", StringComparison.Ordinal))
        {
            return $"構文エラー: ここに書けない行です (キーワードの後は半角コロン ':'、例 '機能:'。全角 '：' は不可)。原文: {message}";
        }

        if (message.Contains("Language not supported", StringComparison.Ordinal))
        {
            return $"# language: の言語がありません。原文: {message}";
        }

        return message;
    }

    private static void Index(FeatureFile feature)
    {
        var nodes = feature.Nodes;
        var f = feature.Document!.Feature;
        if (f is null)
        {
            return;
        }

        void AddSteps(IEnumerable<Step> steps)
        {
            foreach (var step in steps)
            {
                nodes[step.Id] = step;
            }
        }

        void AddScenario(Scenario scenario, Rule? rule)
        {
            nodes[scenario.Id] = (scenario, rule);
            AddSteps(scenario.Steps);
            foreach (var examples in scenario.Examples)
            {
                nodes[examples.Id] = examples;
                foreach (var row in examples.TableBody)
                {
                    nodes[row.Id] = (row, examples);
                }
            }
        }

        foreach (var child in f.Children)
        {
            if (child.Background is { } background)
            {
                AddSteps(background.Steps);
            }

            if (child.Scenario is { } scenario)
            {
                AddScenario(scenario, null);
            }

            if (child.Rule is { } rule)
            {
                nodes[rule.Id] = rule;
                foreach (var ruleChild in rule.Children)
                {
                    if (ruleChild.Background is { } rb)
                    {
                        AddSteps(rb.Steps);
                    }

                    if (ruleChild.Scenario is { } rs)
                    {
                        AddScenario(rs, rule);
                    }
                }
            }
        }
    }

    private static ScenarioCase Describe(FeatureFile feature, Pickle pickle)
    {
        var (scenario, rule) = ((Scenario, Rule?))feature.Nodes[pickle.AstNodeIds[0]];
        var ownTags = scenario.Tags.Select(t => t.Name.TrimStart('@')).ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var line = (int)scenario.Location.Line;
        string? examplesName = null;
        if (pickle.AstNodeIds.Count > 1 && feature.Nodes.GetValueOrDefault(pickle.AstNodeIds[1]) is (TableRow row, Examples examples))
        {
            ownTags.AddRange(examples.Tags.Select(t => t.Name.TrimStart('@')));
            var header = examples.TableHeader?.Cells.Select(c => c.Value).ToList() ?? [];
            for (var i = 0; i < header.Count && i < row.Cells.Count; i++)
            {
                values[header[i]] = row.Cells[i].Value;
            }

            line = (int)row.Location.Line;
            examplesName = examples.Name;
        }

        return new ScenarioCase(
            feature,
            pickle,
            rule?.Name,
            pickle.Name,
            string.IsNullOrWhiteSpace(scenario.Description) ? null : scenario.Description.Trim(),
            ownTags,
            pickle.Tags.Select(t => t.Name.TrimStart('@')).ToList(),
            values,
            line,
            examplesName)
        {
            Scenario = scenario,
            Rule = rule,
        };
    }
}
