using System.Globalization;
using System.Reflection;
using Reqnroll.Analytics;
using Reqnroll.BindingSkeletons;
using Reqnroll.Bindings;
using Reqnroll.Bindings.Discovery;
using Reqnroll.BoDi;
using Reqnroll.Configuration;
using Reqnroll.Formatters.Configuration;
using Reqnroll.Infrastructure;
using Reqnroll.Tracing;
using Reqnroll.UnitTestProvider;

namespace Harness.Gherkin.Checking;

/// <summary>
/// Reqnroll's own binding registry and step matching for some binding assemblies, built the way the runtime builds them
/// (global container, then every assembly through <see cref="IRuntimeBindingRegistryBuilder"/>) without running anything:
/// no test run starts, no hook runs, no formatter writes a file, no telemetry, nothing written to the console.
/// </summary>
public sealed class ReqnrollBindings : IDisposable
{
    private readonly IObjectContainer _global;
    private readonly IObjectContainer _thread;

    private ReqnrollBindings(IObjectContainer global, IObjectContainer thread, CultureInfo bindingCulture)
    {
        _global = global;
        _thread = thread;
        BindingCulture = bindingCulture;
    }

    public CultureInfo BindingCulture { get; }

    public IBindingRegistry Registry => _global.Resolve<IBindingRegistry>();

    public IStepDefinitionMatchService MatchService => _thread.Resolve<IStepDefinitionMatchService>();

    public IStepArgumentTypeConverter Converter => _thread.Resolve<IStepArgumentTypeConverter>();

    public IStepDefinitionSkeletonProvider Skeletons => _global.Resolve<IStepDefinitionSkeletonProvider>();

    public StepDefinitionSkeletonStyle SkeletonStyle => _global.Resolve<ReqnrollConfiguration>().StepDefinitionSkeletonStyle;

    /// <summary>The step definitions QA can use: distinct (method, pattern) pairs, so a method with [Given][When][Then] on one
    /// pattern counts once. The <c>check</c> summary and the <c>steps</c> catalogue both count this way.</summary>
    public int StepDefinitionCount => CountStepDefinitions(Registry);

    /// <summary>Errors the registry collected: invalid step definitions (a broken expression) and bad bindings (a hook's signature, say).</summary>
    public IReadOnlyList<string> Errors => [.. Registry.GetErrorMessages().Select(e => e.Message)];

    /// <summary>The same count as the <c>steps</c> catalogue's (<see cref="StepCatalogue.EntryCount"/>), by construction.</summary>
    public static int CountStepDefinitions(IBindingRegistry registry) => StepCatalogue.EntryCount(registry);

    /// <summary>A method's identity across the registry: <c>Namespace.Type.Method(ParameterTypes)</c>.</summary>
    public static string MethodKey(Reqnroll.Bindings.Reflection.IBindingMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return $"{method.Type.FullName}.{method.Name}({string.Join(", ", method.Parameters.Select(p => p.Type.FullName))})";
    }

    /// <summary>Builds the registry for <paramref name="assemblies"/> (the first one plays the test assembly, whose runtime
    /// plugins load as in a run). <paramref name="reqnrollJson"/> is the text of reqnroll.json, or null for Reqnroll's defaults.</summary>
    public static ReqnrollBindings Build(IReadOnlyList<Assembly> assemblies, string? reqnrollJson, CultureInfo bindingCulture)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var builder = new ContainerBuilder(new QuietDefaults()) { SkipLoadingProvider = true };
        var testAssembly = assemblies.Count > 0 ? assemblies[0] : typeof(ReqnrollBindings).Assembly;
        var global = builder.CreateGlobalContainer(testAssembly, new JsonStringRuntimeConfigurationProvider(reqnrollJson));
        global.RegisterTypeAs<TelemetryOff, IEnvironmentReqnrollTelemetryChecker>();
        global.RegisterTypeAs<NothingRuns, IUnitTestRuntimeProvider>();
        var thread = builder.CreateTestThreadContainer(global);
        var registryBuilder = global.Resolve<IRuntimeBindingRegistryBuilder>();
        foreach (var assembly in assemblies)
        {
            registryBuilder.BuildBindingsFromAssembly(assembly);
        }

        registryBuilder.BuildingCompleted();
        return new ReqnrollBindings(global, thread, bindingCulture);
    }

    public void Dispose()
    {
        _thread.Dispose();
        _global.Dispose();
    }

    /// <summary>Reqnroll's defaults, less what a check must not do: write the configuration source to the console, start the
    /// message formatters (reqnroll.json may name an output file) or send telemetry.</summary>
    private sealed class QuietDefaults : DefaultDependencyProvider
    {
        public override void RegisterGlobalContainerDefaults(ObjectContainer container)
        {
            base.RegisterGlobalContainerDefaults(container);
            container.RegisterTypeAs<Silent, ITraceListener>();
            container.RegisterTypeAs<FormattersOff, IFormattersConfigurationProvider>();
            container.RegisterTypeAs<TelemetryOff, IEnvironmentReqnrollTelemetryChecker>();
        }

        public override void RegisterTestThreadContainerDefaults(ObjectContainer testThreadContainer)
        {
            base.RegisterTestThreadContainerDefaults(testThreadContainer);
            testThreadContainer.RegisterTypeAs<Silent, ITraceListener>();
        }
    }

    private sealed class Silent : ITraceListener
    {
        public void WriteTestOutput(string message)
        {
        }

        public void WriteToolOutput(string message)
        {
        }
    }

    private sealed class FormattersOff : IFormattersConfigurationProvider
    {
        public bool Enabled => false;

        public IDictionary<string, object>? GetFormatterConfigurationByName(string formatterName) => null;

        public string ResolveTemplatePlaceholders(string template) => template;
    }

    /// <summary>The unit-test provider Reqnroll's error provider asks for; nothing runs here, so it is never called.</summary>
    private sealed class NothingRuns : IUnitTestRuntimeProvider
    {
        public void TestPending(string message) => throw new InvalidOperationException(message);

        public void TestInconclusive(string message) => throw new InvalidOperationException(message);

        public void TestIgnore(string message) => throw new InvalidOperationException(message);

        public Reqnroll.ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) => null;
    }

    private sealed class TelemetryOff : IEnvironmentReqnrollTelemetryChecker
    {
        public bool IsReqnrollTelemetryEnabled() => false;
    }
}
