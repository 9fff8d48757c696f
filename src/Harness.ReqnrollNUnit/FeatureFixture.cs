using System.Runtime.ExceptionServices;
using Harness.Gherkin.Parsing;
using NUnit.Framework;
using Reqnroll;
using Reqnroll.Bindings;

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
            // The generated tear-down: [AfterScenario] hooks. A failure there fails the test; when the scenario had already
            // failed, both are reported (as NUnit reports a failing TearDown after a failing test), the scenario's first.
            await runner.OnScenarioEndAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = failure is null
                ? ExceptionDispatchInfo.Capture(ex)
                : ExceptionDispatchInfo.Capture(new ReqnrollException(
                    $"{failure.SourceException.Message}\n\n[AfterScenario] フックも失敗しました: {ex.Message}",
                    new AggregateException(failure.SourceException, ex)));
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
    /// with the keyword of the feature file and the call the generated code would make: And/But as And.</summary>
    private static async Task RunStepsAsync(ITestRunner runner, ScenarioCase scenario)
    {
        foreach (var planned in ReqnrollPickleSteps.Plan(scenario))
        {
            var step = planned.Instance;
            var (text, docString, table, keyword) = (step.Text, step.MultilineTextArgument, step.TableArgument, step.Keyword);
            await (step.StepDefinitionKeyword switch
            {
                StepDefinitionKeyword.Given => runner.GivenAsync(text, docString, table, keyword),
                StepDefinitionKeyword.When => runner.WhenAsync(text, docString, table, keyword),
                StepDefinitionKeyword.Then => runner.ThenAsync(text, docString, table, keyword),
                _ => runner.AndAsync(text, docString, table, keyword),
            }).ConfigureAwait(false);
        }
    }
}
