using Harness.Gherkin.Bindings;
using Harness.Gherkin.Execution;
using Harness.Gherkin.NUnit;
using Harness.Gherkin.Tests.Steps;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Harness.Gherkin.Tests;

[NonParallelizable]
public sealed class BindingsAndNUnitTests
{
    [SetUp]
    public void Clear() => Journal.TakeAll();

    [Test]
    public void The_registry_collects_every_binding_error_instead_of_stopping_at_the_first()
    {
        var errors = BindingRegistry.Build([BrokenBindings.Create()]).Errors.Select(e => e.ToString()).ToList();
        Assert.That(errors, Has.Count.EqualTo(5));
        Assert.That(errors[0], Does.StartWith("Broken.BrokenSteps.BadRegex: 正規表現 \"壊れた (正規表現$\" が正しくありません: "));
        Assert.That(errors[1], Is.EqualTo("Broken.BrokenSteps.TooFewParameters: パラメーター数が合いません: パターン \"{int} と {int}\" の引数は 2 個、メソッドのパラメーターは 1 個です (表・DocString の分は +1 まで)。"));
        Assert.That(errors[2], Does.StartWith("Broken.BrokenSteps.UnknownParameterType: 式 \"{金額} 円\" の {金額} (位置 0) は定義されていないパラメーター型です。"));
        Assert.That(errors[3], Is.EqualTo("Broken.BrokenSteps.NotStatic: [BeforeFeature] フックは static メソッドでなければなりません。"));
        Assert.That(errors[4], Is.EqualTo("Broken.BrokenSteps.ReturnsValue: ステップ定義の戻り値は void か Task でなければなりません (今は Int32)。"));
    }

    [Test]
    public async Task Dates_convert_under_the_binding_culture_and_feature_scopes_apply()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("スコープ付き機能.feature"), [typeof(CultureSteps)]);
        Assert.That(results.Single().Status, Is.EqualTo(StepStatus.Passed), results.Single().Message);
        Assert.That(Journal.TakeAll(), Is.EqualTo(new[] { "date 2026-11-23", "feature scoped" }));
    }

    [Test]
    public async Task A_step_definition_without_a_pattern_matches_by_its_method_name()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("メソッド名.feature"), [typeof(MethodNameSteps)]);
        Assert.That(results.Single().Status, Is.EqualTo(StepStatus.Passed), results.Single().Message);
        Assert.That(Journal.TakeAll(), Is.EqualTo(new[] { "balance 100" }));
        var patterns = BindingRegistry.Build([typeof(MethodNameSteps)]).StepDefinitions.Select(d => d.Pattern);
        Assert.That(patterns, Is.EqualTo(new[] { @"^残高が\W*(.*)\W*円である$", @"^The\W*Customer\W*Logs\W*In\W*As$" }));
    }

    [Test]
    public async Task Scenarios_run_in_parallel_keep_their_own_objects()
    {
        var scenarios = string.Join("\n", Enumerable.Range(1, 40).Select(i => $"""
              シナリオ: 並列 {i}
                前提 カウンターを {i} 増やす
                ならば カウンターは {i} である
            """));
        var sink = new Formatters.InMemoryMessageSink();
        await using var runner = new TestRunner(new TestRunnerOptions { Configuration = RunnerHarness.Japanese, BindingTypes = [typeof(RecordingSteps)], Sink = sink });
        var feature = runner.LoadFeatureText("# language: ja\n機能: 並列\n" + scenarios, "parallel.feature");
        await runner.StartAsync();
        var run = await runner.StartFeatureAsync(feature);
        var results = await Task.WhenAll(feature.Scenarios.Select(s => Task.Run(() => runner.RunScenarioAsync(run, s))));
        await runner.FinishFeatureAsync(run);
        await runner.FinishAsync();
        Assert.That(results.Count(r => r.Status == StepStatus.Passed), Is.EqualTo(40), string.Join("\n", results.Where(r => !r.Passed).Select(r => r.Message)));
    }

    [Test]
    public void Each_pickle_is_one_NUnit_test_named_after_feature_scenario_and_example_with_its_tags_as_categories()
    {
        var suites = new GherkinFeaturesAttribute("Features/Nunit").BuildFrom(new TypeWrapper(typeof(NunitFeatures))).ToList();
        var fixture = suites.Single();
        Assert.That(fixture.Name, Is.EqualTo("振込限度額"));
        var tests = fixture.Tests.Select(t => (t.Name, Categories: string.Join(",", t.Properties[PropertyNames.Category].Cast<string>()))).ToList();
        Assert.That(tests, Is.EqualTo(new[]
        {
            ("振込限度額 / 限度額以内の振込", "sample,limit"),
            ("振込限度額 / 限度額の境界 [200000, 成功]", "sample,edge"),
            ("振込限度額 / 限度額の境界 [200001, 拒否]", "sample,edge"),
            ("振込限度額 / 複数の振込", "sample,rule,table"),
            ("振込限度額 / お知らせメール", "sample,rule"),
        }));
        Assert.That(fixture.Tests.All(t => t.RunState == RunState.Runnable), Is.EqualTo(true));
        Assert.That(fixture.Properties.Get(PropertyNames.ParallelScope), Is.EqualTo(ParallelScope.Children));
    }

    [Test]
    public void A_feature_with_a_non_parallelizable_tag_of_reqnroll_json_runs_alone()
    {
        var fixture = new GherkinFeaturesAttribute("Features/NunitAlone").BuildFrom(new TypeWrapper(typeof(NunitFeatures))).Single();

        Assert.That(fixture.Name, Is.EqualTo("共有のサーバーを止める"));
        Assert.That(fixture.Properties.Get(PropertyNames.ParallelScope), Is.EqualTo(ParallelScope.None));
    }
}
