using System.Collections.Specialized;
using System.Globalization;
using System.Reflection;
using Harness.Gherkin.Configuration;
using Harness.Gherkin.Parsing;
using Io.Cucumber.Messages.Types;
using Reqnroll;
using Reqnroll.Formatters.RuntimeSupport;

namespace Harness.ReqnrollNUnit;

/// <summary>
/// The feature files of one test assembly, read once per process: each parsed with the Gherkin parser Reqnroll uses, its
/// pickles compiled with GUID ids (incrementing ids would clash between features in the run's messages), and the
/// <see cref="FeatureInfo"/> that hands the runtime the feature's source, document and pickles, as the generated code's
/// FeatureInfo would. Also where the features come from: <see cref="FeaturesDirectoryVariable"/>, when set, instead of the
/// folder beside the test assembly, so a run reads the feature files as they are now rather than as the last build copied them.
/// </summary>
internal sealed class FeatureSuite
{
    /// <summary>The environment variable naming the folder of feature files to run (the CLI's <c>run</c> sets it to <c>features/</c>).</summary>
    public const string FeaturesDirectoryVariable = "HARNESS_FEATURES_DIR";

    private static readonly Dictionary<string, FeatureSuite> Suites = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    private FeatureSuite(Assembly assembly, string key, string root, RunnerConfiguration configuration, IReadOnlyList<LoadedFeature> features)
    {
        Assembly = assembly;
        Root = root;
        Key = key;
        Configuration = configuration;
        Features = features;
    }

    public Assembly Assembly { get; }

    public string Key { get; }

    /// <summary>The folder the feature files were read from.</summary>
    public string Root { get; }

    public RunnerConfiguration Configuration { get; }

    public IReadOnlyList<LoadedFeature> Features { get; }

    public static FeatureSuite Get(string key)
    {
        lock (Gate)
        {
            return Suites[key];
        }
    }

    /// <summary>Reads reqnroll.json beside the assembly and the feature files. A broken reqnroll.json throws
    /// <see cref="ConfigurationException"/>; a missing features folder <see cref="DirectoryNotFoundException"/>.</summary>
    public static FeatureSuite For(Assembly testAssembly, string featuresPath)
    {
        var directory = Path.GetDirectoryName(testAssembly.Location)!;
        var root = Environment.GetEnvironmentVariable(FeaturesDirectoryVariable) is { Length: > 0 } fromEnvironment
            ? Path.GetFullPath(fromEnvironment)
            : Path.Combine(directory, featuresPath);
        var key = testAssembly.GetName().Name + "|" + root;
        lock (Gate)
        {
            if (Suites.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var configuration = RunnerConfiguration.Load(Path.Combine(directory, RunnerConfiguration.FileName));
            if (!Directory.Exists(root))
            {
                throw new DirectoryNotFoundException($"フィーチャーファイルのフォルダーがありません: {root}");
            }

            var loader = new FeatureLoader(configuration.FeatureLanguage, new global::Gherkin.CucumberMessages.GuidIdGenerator());
            var features = FeatureLoader.Expand([root]).Select(file => new LoadedFeature(loader.Load(file, root))).ToList();
            var suite = new FeatureSuite(testAssembly, key, root, configuration, features);
            Suites[key] = suite;
            return suite;
        }
    }
}

/// <summary>One feature file and the <see cref="FeatureInfo"/> every test runner of the run shares for it.</summary>
internal sealed class LoadedFeature
{
    public LoadedFeature(FeatureFile file)
    {
        File = file;
        if (file.Document is { } document)
        {
            var folder = Path.GetDirectoryName(file.Path)?.Replace('\\', '/') ?? string.Empty;
            Info = new FeatureInfo(
                new CultureInfo(file.Language),
                folder,
                file.Title,
                file.Description,
                ProgrammingLanguage.CSharp,
                [.. file.Tags],
                new Messages(file, document));
        }
    }

    public FeatureFile File { get; }

    /// <summary>Null when the file could not be parsed (<see cref="FeatureFile.Problems"/> says why).</summary>
    public FeatureInfo? Info { get; }

    /// <summary>What the generator embeds in the test assembly (source, document, pickles), handed over from the parse.</summary>
    private sealed class Messages(FeatureFile file, GherkinDocument document) : IFeatureLevelCucumberMessages
    {
        public bool HasMessages => true;

        public GherkinDocument GherkinDocument => document;

        public IEnumerable<Pickle> Pickles => file.Scenarios.Select(s => s.Pickle);

        public Source Source => new(file.Path, file.Source, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
    }
}

/// <summary>What the generated test method passes to the runtime for one pickle.</summary>
internal static class ScenarioCaseExtensions
{
    public static ScenarioInfo ToScenarioInfo(this ScenarioCase scenario)
    {
        var arguments = new OrderedDictionary();
        foreach (var (name, value) in scenario.ExampleValues)
        {
            arguments.Add(name, value);
        }

        var inherited = scenario.Feature.Tags.Concat(scenario.Rule?.Tags.Select(t => t.Name.TrimStart('@')) ?? []).ToArray();
        return new ScenarioInfo(
            scenario.Scenario?.Name ?? scenario.ScenarioTitle,
            scenario.ScenarioDescription,
            [.. scenario.OwnTags],
            arguments,
            inherited,
            scenario.Index.ToString(CultureInfo.InvariantCulture));
    }

    public static RuleInfo? ToRuleInfo(this ScenarioCase scenario) => scenario.Rule is { } rule
        ? new RuleInfo(rule.Name, string.IsNullOrWhiteSpace(rule.Description) ? null : rule.Description.Trim(), [.. rule.Tags.Select(t => t.Name.TrimStart('@'))])
        : null;
}
