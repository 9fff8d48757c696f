using System.Globalization;
using Harness.Gherkin.Configuration;
using Harness.Gherkin.Execution;
using Harness.Gherkin.Formatters;
using Io.Cucumber.Messages.Types;

namespace Harness.Gherkin.Tests;

/// <summary>Runs feature text through the runner with chosen bindings and keeps the results and messages.</summary>
internal static class RunnerHarness
{
    public static RunnerConfiguration Japanese { get; } = new()
    {
        FeatureLanguage = "ja",
        BindingCulture = CultureInfo.GetCultureInfo("ja-JP"),
        MissingOrPendingStepsOutcome = MissingOrPendingStepsOutcome.Error,
    };

    /// <summary>The text of a feature file under Features/Runner (copied to the test's output folder).</summary>
    public static string Feature(string fileName) =>
        File.ReadAllText(Path.Combine(global::NUnit.Framework.TestContext.CurrentContext.TestDirectory, "Features", "Runner", fileName));

    public static async Task<(IReadOnlyList<ScenarioResult> Results, IReadOnlyList<Envelope> Messages)> RunAsync(
        string featureText, Type[] bindings, TimeProvider? time = null, Action<string>? trace = null, RunnerConfiguration? configuration = null)
    {
        var sink = new InMemoryMessageSink();
        await using var runner = new TestRunner(new TestRunnerOptions
        {
            Configuration = configuration ?? Japanese,
            BindingTypes = bindings,
            Sink = sink,
            Time = time ?? TimeProvider.System,
            Trace = trace,
        });
        var feature = runner.LoadFeatureText(featureText, "test.feature");
        if (feature.Problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join('\n', feature.Problems));
        }

        await runner.StartAsync();
        var run = await runner.StartFeatureAsync(feature);
        var results = new List<ScenarioResult>();
        foreach (var scenario in feature.Scenarios)
        {
            results.Add(await runner.RunScenarioAsync(run, scenario));
        }

        await runner.FinishFeatureAsync(run);
        await runner.FinishAsync();
        return (results, sink.Envelopes);
    }
}
