using System.Runtime.ExceptionServices;
using Harness.Gherkin.Parsing;
using PickleTable = Io.Cucumber.Messages.Types.PickleTable;
using StepKeywordType = Io.Cucumber.Messages.Types.StepKeywordType;
using NUnit.Framework;
using Reqnroll;

namespace Harness.ReqnrollNUnit;

/// <summary>One feature file as an NUnit fixture; its tests are its pickles. Built by <see cref="ReqnrollFeaturesAttribute"/>.
/// Each test does what Reqnroll's generated test method and its set-up and tear-down do, in the same order.</summary>
public sealed class FeatureFixture(string suiteKey, int featureIndex)
{
    private LoadedFeature Feature => FeatureSuite.Get(suiteKey).Features[featureIndex];

    /// <summary>Ends the feature on every test runner that ran one of its scenarios ([AfterFeature] hooks).</summary>
    [OneTimeTearDown]
    public async Task AfterFeatureAsync()
    {
        if (Feature.Info is { } info)
        {
            await TestRunnerManager.ReleaseFeatureAsync(info, FeatureSuite.Get(suiteKey).Assembly).ConfigureAwait(false);
        }
    }

    public async Task RunScenarioAsync(int pickleIndex)
    {
        var suite = FeatureSuite.Get(suiteKey);
        var info = Feature.Info!;
        var scenario = Feature.File.Scenarios[pickleIndex];
        var runner = TestRunnerManager.GetTestRunnerForAssembly(suite.Assembly, featureHint: info);
        ExceptionDispatchInfo? failure = null;
        try
        {
            await StartFeatureAsync(runner, info).ConfigureAwait(false);
            runner.OnScenarioInitialize(scenario.ToScenarioInfo(), scenario.ToRuleInfo());
            runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs(TestContext.CurrentContext);
            await runner.OnScenarioStartAsync().ConfigureAwait(false);
            await RunStepsAsync(runner, scenario).ConfigureAwait(false);
            await runner.CollectScenarioErrorsAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        try
        {
            // The generated tear-down: [AfterScenario] hooks; a failure there fails the test unless the scenario already failed.
            await runner.OnScenarioEndAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (failure is null)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            TestRunnerManager.ReleaseTestRunner(runner);
        }

        failure?.Throw();
    }

    /// <summary>The generated test initialisation: end the runner's previous feature if it was another, start this one
    /// ([BeforeFeature] hooks), and skip the scenario when this feature's start failed on this runner.</summary>
    private static async Task StartFeatureAsync(ITestRunner runner, FeatureInfo info)
    {
        try
        {
            if (runner.FeatureContext is not null && !runner.FeatureContext.FeatureInfo.Equals(info))
            {
                await runner.OnFeatureEndAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            if (runner.FeatureContext?.BeforeFeatureHookFailed == true)
            {
                throw new ReqnrollException("[BeforeFeature] フックが失敗したため、この機能のシナリオは実行しません。");
            }

            if (runner.FeatureContext is null)
            {
                await runner.OnFeatureStartAsync(info).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every step of the pickle, exactly in pickle order (the runtime counts steps to find each one's pickle step),
    /// with the keyword of the feature file and the type the generated code would call: And/But as And, * by position.</summary>
    private static async Task RunStepsAsync(ITestRunner runner, ScenarioCase scenario)
    {
        var first = true;
        foreach (var pickleStep in scenario.Pickle.Steps)
        {
            var ast = scenario.Feature.StepOf(pickleStep);
            var keyword = ast?.Keyword ?? "* ";
            var table = TableOf(pickleStep.Argument?.DataTable);
            var docString = pickleStep.Argument?.DocString?.Content;
            var type = ast?.KeywordType ?? StepKeywordType.UNKNOWN;
            var step = type switch
            {
                StepKeywordType.CONTEXT => runner.GivenAsync(pickleStep.Text, docString, table, keyword),
                StepKeywordType.ACTION => runner.WhenAsync(pickleStep.Text, docString, table, keyword),
                StepKeywordType.OUTCOME => runner.ThenAsync(pickleStep.Text, docString, table, keyword),
                _ when first => runner.GivenAsync(pickleStep.Text, docString, table, keyword),
                _ => runner.AndAsync(pickleStep.Text, docString, table, keyword),
            };
            await step.ConfigureAwait(false);
            first = false;
        }
    }

    private static Reqnroll.DataTable? TableOf(PickleTable? table)
    {
        if (table is null || table.Rows.Count == 0)
        {
            return null;
        }

        var result = new Reqnroll.DataTable([.. table.Rows[0].Cells.Select(c => c.Value)]);
        foreach (var row in table.Rows.Skip(1))
        {
            result.AddRow([.. row.Cells.Select(c => c.Value)]);
        }

        return result;
    }
}
