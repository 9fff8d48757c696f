using NUnit.Framework;
using Reqnroll;
using Reqnroll.Analytics;
using Reqnroll.BoDi;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.Tracing;
using Reqnroll.UnitTestProvider;

namespace Harness.ReqnrollNUnit;

/// <summary>
/// The runtime plugin a test assembly names with <c>[assembly: Reqnroll.Plugins.RuntimePlugin(typeof(NUnitRuntimePlugin))]</c>,
/// as the Reqnroll.NUnit package's plugin would be found: NUnit as the unit-test provider (pending, inconclusive and ignored
/// scenarios become NUnit's results), each test's step output and attachments on that NUnit test (not interleaved between
/// parallel tests), and Reqnroll's usage telemetry off (the harness reaches no address outside this machine).
/// </summary>
public sealed class NUnitRuntimePlugin : IRuntimePlugin
{
    public const string ProviderName = "nunit";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        ArgumentNullException.ThrowIfNull(runtimePluginEvents);
        ArgumentNullException.ThrowIfNull(unitTestProviderConfiguration);
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) => e.ObjectContainer.RegisterTypeAs<NUnitRuntimeProvider, IUnitTestRuntimeProvider>(ProviderName);
        runtimePluginEvents.CustomizeGlobalDependencies += (_, e) => e.ObjectContainer.RegisterTypeAs<TelemetryOff, IEnvironmentReqnrollTelemetryChecker>();
        runtimePluginEvents.CustomizeTestThreadDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<NUnitTestOutput, ITraceListener>();
            e.ObjectContainer.RegisterTypeAs<NUnitAttachments, IReqnrollAttachmentHandler>();
        };
        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
    }

    /// <summary>Reqnroll sends usage telemetry unless REQNROLL_TELEMETRY_ENABLED says otherwise; here it never does.</summary>
    public sealed class TelemetryOff : IEnvironmentReqnrollTelemetryChecker
    {
        public bool IsReqnrollTelemetryEnabled() => false;
    }
}

/// <summary>NUnit's results for what Reqnroll cannot decide alone: a pending step and an inconclusive scenario are
/// NUnit's Inconclusive, an ignored one NUnit's Ignored.</summary>
public sealed class NUnitRuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => TestInconclusive(message);

    public void TestInconclusive(string message) => Assert.Inconclusive(message);

    public void TestIgnore(string message) => Assert.Ignore(message);

    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) => exception switch
    {
        InconclusiveException or IgnoreException => ScenarioExecutionStatus.Skipped,
        _ => null,
    };
}

/// <summary>Step output on the current NUnit test's own output. Outside a scenario (test-run and feature hooks) it also goes
/// through Reqnroll's queue, which hands it to whichever test is running.</summary>
public sealed class NUnitTestOutput(ITraceListenerQueue queue, IObjectContainer container) : AsyncTraceListener(queue, container)
{
    private readonly Lazy<IContextManager> _contexts = new(container.Resolve<IContextManager>);

    public override void WriteTestOutput(string message)
    {
        TestContext.Out.WriteLine(message);
        if (_contexts.Value.ScenarioContext is null)
        {
            base.WriteTestOutput(message);
        }
    }

    public override void WriteToolOutput(string message)
    {
        TestContext.Out.WriteLine("-> " + message);
        if (_contexts.Value.ScenarioContext is null)
        {
            base.WriteToolOutput(message);
        }
    }
}

/// <summary>An attachment (<see cref="IReqnrollOutputHelper.AddAttachment"/>) also becomes the NUnit test's attachment, so
/// it reaches the TRX as well as Reqnroll's formatters.</summary>
public sealed class NUnitAttachments(ITraceListener traceListener) : ReqnrollAttachmentHandler(traceListener)
{
    public override void AddAttachment(string filePath)
    {
        try
        {
            TestContext.AddTestAttachment(filePath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or ArgumentException or InvalidOperationException or NullReferenceException)
        {
            // Outside a test (a test-run or feature hook) NUnit has nowhere to put it; Reqnroll's formatters still have it.
            base.AddAttachment(filePath);
        }
    }
}
