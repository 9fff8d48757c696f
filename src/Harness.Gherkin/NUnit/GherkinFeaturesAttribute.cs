using System.Reflection;
using Harness.Gherkin.Configuration;
using Harness.Gherkin.ErrorHandling;
using Harness.Gherkin.Execution;
using Harness.Gherkin.Formatters;
using Harness.Gherkin.Parsing;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;

namespace Harness.Gherkin.NUnit;

/// <summary>Turns the feature files under <paramref name="featuresPath"/> (relative to the test assembly's folder) into NUnit tests:
/// the class is the test run (its base <see cref="GherkinTestRun"/> runs the test-run hooks), each feature a fixture
/// (feature hooks), each pickle one test named <c>&lt;feature&gt; / &lt;scenario&gt; [&lt;example&gt;]</c> with its tags as categories.</summary>
/// <example><code>[GherkinFeatures("features")] public sealed class Features : GherkinTestRun;</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GherkinFeaturesAttribute(string featuresPath = "features") : NUnitAttribute, IFixtureBuilder2
{
    public string FeaturesPath { get; } = featuresPath;

    public IEnumerable<TestSuite> BuildFrom(ITypeInfo typeInfo) => BuildFrom(typeInfo, new PreFilterAll());

    public IEnumerable<TestSuite> BuildFrom(ITypeInfo typeInfo, IPreFilter filter)
    {
        if (typeInfo.Assembly.GetCustomAttribute<GherkinTestRunAttribute>() is null)
        {
            var invalid = new NUnitTestFixtureBuilder().BuildFrom(typeInfo, filter);
            invalid.MakeInvalid("テストアセンブリに [assembly: Harness.Gherkin.NUnit.GherkinTestRun] がありません。[BeforeTestRun]/[AfterTestRun] フックとメッセージ出力の終了に必要です。");
            return [invalid];
        }

        GherkinSession session;
        try
        {
            session = GherkinSession.For(typeInfo.Type.Assembly, FeaturesPath);
        }
        catch (Exception ex) when (ex is ConfigurationException or FileNotFoundException or DirectoryNotFoundException or FileLoadException)
        {
            var invalid = new NUnitTestFixtureBuilder().BuildFrom(typeInfo, filter);
            invalid.MakeInvalid(ex.Message);
            return [invalid];
        }

        var featureType = new TypeWrapper(typeof(FeatureFixture));
        var scenarioMethod = new MethodWrapper(typeof(FeatureFixture), typeof(FeatureFixture).GetMethod(nameof(FeatureFixture.RunScenario))!);
        var builder = new NUnitTestCaseBuilder();
        var suites = new List<TestSuite>();
        foreach (var feature in session.Runner.Features)
        {
            var fixture = new NUnitTestFixtureBuilder().BuildFrom(featureType, filter, new TestFixtureData(session.Key, feature.Path) { TestName = feature.Title });
            // A feature tagged with one of generator.addNonParallelizableMarkerForTags runs alone ([NonParallelizable]).
            var alone = feature.Tags.Any(t => session.Runner.Configuration.NonParallelizableTags.Contains(t.TrimStart('@'), StringComparer.Ordinal));
            fixture.Properties.Set(PropertyNames.ParallelScope, alone ? ParallelScope.None : ParallelScope.Children);
            fixture.Properties.Set(PropertyNames.Description, feature.Path);
            foreach (var tag in feature.Tags)
            {
                fixture.Properties.Add(PropertyNames.Category, tag);
            }

            if (feature.Problems.Count > 0)
            {
                fixture.MakeInvalid($"{feature.Path} を読めません:\n" + string.Join('\n', feature.Problems));
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var scenario in feature.Scenarios)
            {
                var name = scenario.DisplayName;
                for (var n = 2; !names.Add(name); n++)
                {
                    name = $"{scenario.DisplayName} #{n}";
                }

                var parameters = new TestCaseParameters([scenario.Pickle.Id]) { TestName = name };
                foreach (var tag in scenario.Tags)
                {
                    parameters.Properties.Add(PropertyNames.Category, tag);
                }

                fixture.Add(builder.BuildTestMethod(scenarioMethod, fixture, parameters));
            }

            suites.Add(fixture);
        }

        return suites;
    }

    private sealed class PreFilterAll : IPreFilter
    {
        public bool IsMatch(Type type) => true;

        public bool IsMatch(Type type, MethodInfo method) => true;
    }
}

/// <summary>Put on the test assembly (<c>[assembly: GherkinTestRun]</c>): starts the runs of its [GherkinFeatures] classes
/// before any test ([BeforeTestRun] hooks) and finishes them after the last ([AfterTestRun] hooks, the messages file closed).</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class GherkinTestRunAttribute : Attribute, ITestAction
{
    public ActionTargets Targets => ActionTargets.Suite;

    public void BeforeTest(ITest test)
    {
        // Starting here makes [BeforeTestRun] run before the first feature. A failure (binding errors, a failing hook) is
        // reported by each feature fixture, which awaits the same start: the assembly's other tests are not touched.
        foreach (var session in GherkinSession.OfAssembly(test.TypeInfo?.Assembly))
        {
            _ = session.StartAsync().ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }

    public void AfterTest(ITest test)
    {
        foreach (var session in GherkinSession.OfAssembly(test.TypeInfo?.Assembly))
        {
            session.FinishAsync().GetAwaiter().GetResult();
        }
    }
}

/// <summary>One feature file as an NUnit fixture; its tests are its pickles. Built by <see cref="GherkinFeaturesAttribute"/>.</summary>
public sealed class FeatureFixture(string sessionKey, string featurePath)
{
    private FeatureRun? _featureRun;

    private GherkinSession Session => GherkinSession.Get(sessionKey);

    [OneTimeSetUp]
    public async Task BeforeFeatureAsync()
    {
        await Session.StartAsync().ConfigureAwait(false);
        _featureRun = await Session.Runner.StartFeatureAsync(Session.Runner.Features.Single(f => f.Path == featurePath)).ConfigureAwait(false);
    }

    [OneTimeTearDown]
    public async Task AfterFeatureAsync()
    {
        if (_featureRun is not null)
        {
            await Session.Runner.FinishFeatureAsync(_featureRun).ConfigureAwait(false);
        }
    }

    public async Task RunScenario(string pickleId)
    {
        var scenario = _featureRun!.Feature.Scenarios.Single(s => s.Pickle.Id == pickleId);
        var result = await Session.Runner.RunScenarioAsync(_featureRun, scenario).ConfigureAwait(false);
        switch (result.Status)
        {
            case StepStatus.Passed:
                return;
            case StepStatus.Undefined or StepStatus.Pending:
                var outcome = Session.Runner.Configuration.MissingOrPendingStepsOutcome;
                switch (outcome)
                {
                    case MissingOrPendingStepsOutcome.Ignore:
                        Assert.Ignore(result.Message ?? string.Empty);
                        break;
                    case MissingOrPendingStepsOutcome.Error:
                        Assert.Fail(result.Message ?? string.Empty);
                        break;
                    default:
                        Assert.Inconclusive(result.Message ?? string.Empty);
                        break;
                }

                return;
            default:
                Assert.Fail(result.Message ?? string.Empty);
                return;
        }
    }
}

/// <summary>The runner of one test assembly's run, shared by its fixtures (NUnit explores and executes in one process).</summary>
internal sealed class GherkinSession
{
    private static readonly Dictionary<string, GherkinSession> Sessions = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private readonly Lock _startGate = new();
    private Task? _start;
    private NdjsonMessageSink? _sink;

    private readonly Assembly _assembly;
    private readonly Lock _finishGate = new();
    private bool _finished;

    private GherkinSession(Assembly assembly, string key, TestRunner runner, NdjsonMessageSink sink)
    {
        _assembly = assembly;
        Key = key;
        Runner = runner;
        _sink = sink;
    }

    public string Key { get; }

    public TestRunner Runner { get; }

    public static GherkinSession Get(string key)
    {
        lock (Gate)
        {
            return Sessions[key];
        }
    }

    /// <summary>The sessions of an assembly (all of them when the assembly is not known).</summary>
    public static IReadOnlyList<GherkinSession> OfAssembly(Assembly? assembly)
    {
        lock (Gate)
        {
            return Sessions.Values.Where(s => assembly is null || s._assembly == assembly).ToList();
        }
    }

    public static GherkinSession For(Assembly testAssembly, string featuresPath)
    {
        var key = testAssembly.GetName().Name + "|" + featuresPath;
        lock (Gate)
        {
            if (Sessions.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var directory = Path.GetDirectoryName(testAssembly.Location)!;
            var configPath = Path.Combine(directory, RunnerConfiguration.FileName);
            var configuration = RunnerConfiguration.Load(configPath);
            var assemblies = new List<Assembly> { testAssembly };
            foreach (var name in configuration.BindingAssemblies)
            {
                try
                {
                    assemblies.Add(Assembly.Load(name));
                }
                catch (FileNotFoundException ex)
                {
                    throw new ConfigurationException(configPath, "bindingAssemblies", $"アセンブリ '{name}' が見つかりません: {ex.Message}");
                }
            }

            var messagesPath = Environment.GetEnvironmentVariable("HARNESS_MESSAGES_PATH") is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : Path.Combine(directory, configuration.MessagesOutputFilePath ?? "cucumber-messages.ndjson");
            var sink = new NdjsonMessageSink(messagesPath);
            var runner = new TestRunner(new TestRunnerOptions
            {
                Configuration = configuration,
                BindingAssemblies = assemblies,
                Sink = sink,
                Trace = line => TestContext.Out.WriteLine(line),
            });
            var root = Path.Combine(directory, featuresPath);
            runner.LoadFeatures([root], root);
            var session = new GherkinSession(testAssembly, key, runner, sink);
            Sessions[key] = session;
            return session;
        }
    }

    public Task StartAsync()
    {
        lock (_startGate)
        {
            _start ??= StartCoreAsync();
            return _start;
        }
    }

    private async Task StartCoreAsync()
    {
        if (Runner.Registry.Errors.Count > 0)
        {
            throw new InvalidOperationException(ErrorProvider.BindingErrors(Runner.Registry.Errors));
        }

        await Runner.StartAsync().ConfigureAwait(false);
    }

    public async Task FinishAsync()
    {
        lock (_finishGate)
        {
            if (_finished || _start is null)
            {
                return;
            }

            _finished = true;
        }

        try
        {
            await Runner.FinishAsync().ConfigureAwait(false);
        }
        finally
        {
            _sink?.Dispose();
            _sink = null;
        }
    }
}
