using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Cucumber.Messages;
using Gherkin.CucumberMessages;
using Harness.Gherkin.Bindings;
using Harness.Gherkin.Configuration;
using Harness.Gherkin.ErrorHandling;
using Harness.Gherkin.Formatters;
using Harness.Gherkin.Infrastructure;
using Harness.Gherkin.Parsing;
using Messages = Io.Cucumber.Messages.Types;

namespace Harness.Gherkin.Execution;

public sealed record TestRunnerOptions
{
    public RunnerConfiguration Configuration { get; init; } = RunnerConfiguration.Default;

    public IReadOnlyList<Assembly> BindingAssemblies { get; init; } = [];

    /// <summary>Binding classes given one by one (in addition to the assemblies' ones): tests use it to pick their bindings.</summary>
    public IReadOnlyList<Type> BindingTypes { get; init; } = [];

    public IMessageSink Sink { get; init; } = new InMemoryMessageSink();

    /// <summary>The clock of the run's timestamps and step durations (the runner's own, not the bank's virtual clock).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Receives each step's trace line (NUnit's TestContext.Out in tests).</summary>
    public Action<string>? Trace { get; init; }
}

/// <summary>Runs pickles against the bindings with Reqnroll's semantics and publishes Cucumber Messages for everything it does.
/// One instance per test run; scenarios may run in parallel.</summary>
public sealed class TestRunner : IAsyncDisposable
{
    private readonly TestRunnerOptions _options;
    private readonly ObjectContainer _runContainer = new();
    private readonly ThreadSafeIdGenerator _ids = new();
    private readonly List<FeatureFile> _features = [];
    private readonly Lock _gate = new();
    private string _testRunStartedId = string.Empty;
    private bool _started;
    private bool _anyFailed;
    private Exception? _beforeTestRunError;

    public TestRunner(TestRunnerOptions options)
    {
        _options = options;
        Registry = BindingRegistry.Build(options.BindingAssemblies.SelectMany(a => a.GetTypes()).Concat(options.BindingTypes));
        Matcher = new StepMatcher(Registry, options.Configuration.BindingCulture);
        Converter = new ArgumentConverter(Registry);
        Loader = new FeatureLoader(options.Configuration.FeatureLanguage, _ids);
        _runContainer.RegisterInstanceAs(options.Configuration);
    }

    public BindingRegistry Registry { get; }

    public StepMatcher Matcher { get; }

    public FeatureLoader Loader { get; }

    internal ArgumentConverter Converter { get; }

    internal RunnerConfiguration Configuration => _options.Configuration;

    internal IMessageSink Sink => _options.Sink;

    internal TimeProvider Time => _options.Time;

    internal IIdGenerator Ids => _ids;

    internal string TestRunStartedId => _testRunStartedId;

    internal Action<string>? TraceOutput => _options.Trace;

    public IReadOnlyList<FeatureFile> Features => _features;

    /// <summary>Reads feature files (given as files or folders) relative to <paramref name="root"/>.</summary>
    public IReadOnlyList<FeatureFile> LoadFeatures(IEnumerable<string> paths, string root)
    {
        var loaded = FeatureLoader.Expand(paths).Select(p => Loader.Load(p, root)).ToList();
        lock (_gate)
        {
            _features.AddRange(loaded);
        }

        return loaded;
    }

    /// <summary>Adds a feature given as text (tests, tools that generate features).</summary>
    public FeatureFile LoadFeatureText(string source, string relativePath)
    {
        var feature = Loader.LoadText(source, relativePath);
        lock (_gate)
        {
            _features.Add(feature);
        }

        return feature;
    }

    /// <summary>Publishes what the run knows (sources, documents, pickles, bindings) and runs [BeforeTestRun] hooks.</summary>
    public async Task StartAsync()
    {
        lock (_gate)
        {
            if (_started)
            {
                return;
            }

            _started = true;
        }

        var version = typeof(TestRunner).Assembly.GetName().Version?.ToString() ?? "0";
        Sink.Publish(Messages.Envelope.Create(new Messages.Meta(
            ProtocolVersion.Version,
            new Messages.Product("Harness.Gherkin", version),
            new Messages.Product(".NET", Environment.Version.ToString()),
            new Messages.Product(Environment.OSVersion.Platform.ToString(), Environment.OSVersion.VersionString),
            new Messages.Product(RuntimeInformationArchitecture(), null),
            null)));
        foreach (var feature in _features)
        {
            Sink.Publish(Messages.Envelope.Create(new Messages.Source(feature.Path, feature.Source, Messages.SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN)));
            if (feature.Document is not null)
            {
                Sink.Publish(Messages.Envelope.Create(feature.Document));
                foreach (var scenario in feature.Scenarios)
                {
                    Sink.Publish(Messages.Envelope.Create(scenario.Pickle));
                }
            }

            foreach (var problem in feature.Problems)
            {
                Sink.Publish(Messages.Envelope.Create(new Messages.ParseError(
                    new Messages.SourceReference(feature.Path, null, null, new Messages.Location(problem.Line, problem.Column)), problem.Message)));
            }
        }

        foreach (var definition in Registry.StepDefinitions)
        {
            Sink.Publish(Messages.Envelope.Create(new Messages.StepDefinition(
                definition.Id,
                new Messages.StepDefinitionPattern(definition.Pattern, definition.IsCucumberExpression ? Messages.StepDefinitionPatternType.CUCUMBER_EXPRESSION : Messages.StepDefinitionPatternType.REGULAR_EXPRESSION),
                SourceOf(definition.Method))));
        }

        foreach (var hook in Registry.Hooks)
        {
            var type = hook.HookType switch
            {
                HookType.BeforeTestRun => Messages.HookType.BEFORE_TEST_RUN,
                HookType.AfterTestRun => Messages.HookType.AFTER_TEST_RUN,
                HookType.BeforeScenario => Messages.HookType.BEFORE_TEST_CASE,
                HookType.AfterScenario => Messages.HookType.AFTER_TEST_CASE,
                HookType.BeforeStep => Messages.HookType.BEFORE_TEST_STEP,
                HookType.AfterStep => Messages.HookType.AFTER_TEST_STEP,
                _ => (Messages.HookType?)null,
            };
            Sink.Publish(Messages.Envelope.Create(new Messages.Hook(hook.Id, hook.Method.Name, SourceOf(hook.Method), hook.Tags.Count == 0 ? null : string.Join(" or ", hook.Tags.Select(t => "@" + t.TrimStart('@'))), type ?? Messages.HookType.BEFORE_TEST_CASE)));
        }

        _testRunStartedId = _ids.GetNewId();
        Sink.Publish(Messages.Envelope.Create(new Messages.TestRunStarted(Now(), _testRunStartedId)));

        foreach (var hook in Registry.HooksOf(HookType.BeforeTestRun))
        {
            try
            {
                await InvokeAsync(hook.Method, _runContainer, []).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _beforeTestRunError = new InvalidOperationException(ErrorProvider.HookFailed(hook, ex), ex);
                break;
            }
        }
    }

    /// <summary>Runs [AfterTestRun] hooks and closes the run.</summary>
    public async Task FinishAsync()
    {
        Exception? error = null;
        foreach (var hook in Registry.HooksOf(HookType.AfterTestRun))
        {
            try
            {
                await InvokeAsync(hook.Method, _runContainer, []).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                error ??= ex;
            }
        }

        Sink.Publish(Messages.Envelope.Create(new Messages.TestRunFinished(
            error?.Message, !_anyFailed && error is null, Now(), error is null ? null : new Messages.Exception(error.GetType().FullName!, error.Message, error.StackTrace), _testRunStartedId)));
        await _runContainer.DisposeAsync().ConfigureAwait(false);
        if (error is not null)
        {
            throw new InvalidOperationException($"[AfterTestRun] フックが失敗しました: {error.Message}", error);
        }
    }

    /// <summary>Runs [BeforeFeature] hooks of a feature; the result carries the feature's container and context.</summary>
    public async Task<FeatureRun> StartFeatureAsync(FeatureFile feature)
    {
        var container = new ObjectContainer(_runContainer);
        var info = new FeatureInfo(feature.Title, feature.Description, feature.Language, feature.Path, feature.Tags);
        var context = new FeatureContext(info, Configuration.BindingCulture);
        container.RegisterInstanceAs(context);
        container.RegisterInstanceAs(info);
        var run = new FeatureRun(feature, container, context);
        var target = new ScopeTarget(feature.Tags, feature.Title, null);
        foreach (var hook in Registry.HooksOf(HookType.BeforeFeature).Where(h => h.AppliesTo(target)))
        {
            try
            {
                await InvokeAsync(hook.Method, container, []).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                run.BeforeFeatureError = new InvalidOperationException(ErrorProvider.HookFailed(hook, ex), ex);
                context.TestError = ex;
                break;
            }
        }

        return run;
    }

    public async Task FinishFeatureAsync(FeatureRun run)
    {
        var target = new ScopeTarget(run.Feature.Tags, run.Feature.Title, null);
        Exception? error = null;
        foreach (var hook in Registry.HooksOf(HookType.AfterFeature).Where(h => h.AppliesTo(target)))
        {
            try
            {
                await InvokeAsync(hook.Method, run.Container, []).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                error ??= new InvalidOperationException(ErrorProvider.HookFailed(hook, ex), ex);
            }
        }

        await run.Container.DisposeAsync().ConfigureAwait(false);
        if (error is not null)
        {
            throw error;
        }
    }

    /// <summary>Runs one scenario: hooks, steps (skipping after a failure), messages. Never throws for a scenario's own failure.</summary>
    public async Task<ScenarioResult> RunScenarioAsync(FeatureRun feature, ScenarioCase scenario)
    {
        var result = await new ScenarioRunner(this, feature, scenario, _beforeTestRunError ?? feature.BeforeFeatureError).RunAsync().ConfigureAwait(false);
        if (!result.Passed)
        {
            lock (_gate)
            {
                _anyFailed = true;
            }
        }

        return result;
    }

    internal Messages.Timestamp Now() => Converters.ToTimestamp(Time.GetUtcNow().UtcDateTime);

    internal async Task InvokeAsync(MethodInfo method, IObjectContainer container, object?[] arguments)
    {
        var parameters = method.GetParameters();
        if (arguments.Length == 0 && parameters.Length > 0)
        {
            // Hooks receive what they ask for from the container (ScenarioContext, FeatureContext, drivers…).
            arguments = parameters.Select(p => container.Resolve(p.ParameterType)).ToArray();
        }

        var target = method.IsStatic ? null : container.Resolve(method.DeclaringType!);
        object? returned;
        try
        {
            returned = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(false);
                break;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                break;
        }
    }

    private static Messages.SourceReference SourceOf(MethodInfo method) =>
        new(null, new Messages.JavaMethod(method.DeclaringType?.FullName ?? string.Empty, method.Name, method.GetParameters().Select(p => p.ParameterType.FullName ?? p.ParameterType.Name).ToList()), null, null);

    private static string RuntimeInformationArchitecture() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString();

    public ValueTask DisposeAsync() => _runContainer.DisposeAsync();

    private sealed class ThreadSafeIdGenerator : IIdGenerator
    {
        private long _next = -1;

        public string GetNewId() => Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>A feature under way: its container (parent of its scenarios' containers) and context.</summary>
public sealed class FeatureRun
{
    internal FeatureRun(FeatureFile feature, ObjectContainer container, FeatureContext context)
    {
        Feature = feature;
        Container = container;
        Context = context;
    }

    public FeatureFile Feature { get; }

    public FeatureContext Context { get; }

    internal ObjectContainer Container { get; }

    internal Exception? BeforeFeatureError { get; set; }
}
