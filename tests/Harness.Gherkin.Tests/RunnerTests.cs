using Harness.Gherkin.Execution;
using Harness.Gherkin.Formatters;
using Harness.Gherkin.Tests.Steps;
using Io.Cucumber.Messages.Types;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Harness.Gherkin.Tests;

[NonParallelizable]
public sealed class RunnerTests
{
    private static readonly Type[] Recording = [typeof(RecordingSteps)];

    [SetUp]
    public void Clear() => Journal.TakeAll();

    [Test]
    public async Task Hooks_run_in_order_around_steps_and_the_container_is_fresh_per_scenario()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("フック.feature"), Recording);

        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { StepStatus.Passed, StepStatus.Passed }));
        var journal = Journal.TakeAll();
        Assert.That(journal, Is.EqualTo(new[]
        {
            "before run", "before feature フック",
            "before scenario order 1", "before scenario order 2",
            "before step カウンターを 2 増やす", $"counter {CounterId(journal, 5)} = 2", "before step カウンターは 2 である",
            "after scenario 一つ目: OK", $"dispose counter {CounterId(journal, 5)}",
            "before scenario order 1", "before scenario order 2", "tagged hook for 二つ目",
            "before step カウンターを 3 増やす", $"counter {CounterId(journal, 5) + 1} = 3", "before step カウンターは 3 である",
            "after scenario 二つ目: OK", $"dispose counter {CounterId(journal, 5) + 1}",
            "after feature", "after run",
        }));
    }

    private static int CounterId(IReadOnlyList<string> journal, int index) => int.Parse(journal[index].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task After_a_failing_step_the_rest_are_skipped_and_AfterScenario_still_runs()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("失敗.feature"), Recording);

        var result = results.Single();
        Assert.That(result.Status, Is.EqualTo(StepStatus.Failed));
        Assert.That(result.Message, Is.EqualTo("わざと失敗"));
        Assert.That(result.Steps.Select(s => s.Status), Is.EqualTo(new[] { StepStatus.Failed, StepStatus.Skipped, StepStatus.Undefined }));
        Assert.That(Journal.TakeAll(), Does.Contain("after scenario 途中で失敗: TestError"));
    }

    [Test]
    public async Task With_stopAtFirstError_the_steps_after_a_failure_are_not_even_matched()
    {
        var sink = new InMemoryMessageSink();
        await using var runner = new TestRunner(new TestRunnerOptions
        {
            Configuration = RunnerHarness.Japanese with { StopAtFirstError = true },
            BindingTypes = Recording,
            Sink = sink,
        });
        var feature = runner.LoadFeatureText("# language: ja\n機能: 停止\n  シナリオ: 最初の失敗で止まる\n    前提 失敗する\n    ならば 未定義の確認をする\n", "stop.feature");
        await runner.StartAsync();
        var run = await runner.StartFeatureAsync(feature);
        var result = await runner.RunScenarioAsync(run, feature.Scenarios.Single());
        Assert.That(result.Steps.Select(s => s.Status), Is.EqualTo(new[] { StepStatus.Failed, StepStatus.Skipped }));
        Assert.That(result.Message, Is.EqualTo("わざと失敗"));
    }

    [Test]
    public async Task A_failing_BeforeScenario_hook_skips_every_step()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("前準備.feature"), Recording);

        var result = results.Single();
        Assert.That(result.Status, Is.EqualTo(StepStatus.Failed));
        Assert.That(result.Message, Does.StartWith("[BeforeScenario] フック Harness.Gherkin.Tests:Harness.Gherkin.Tests.Steps.RecordingSteps.Broken() が失敗しました: 前準備が壊れている"));
        Assert.That(result.Steps.Single().Status, Is.EqualTo(StepStatus.Skipped));
        Assert.That(Journal.TakeAll(), Does.Contain("after scenario 壊れる: TestError"));
    }

    [Test]
    public async Task Pending_steps_report_the_method()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("保留.feature"), Recording);

        Assert.That(results.Single().Status, Is.EqualTo(StepStatus.Pending));
        Assert.That(results.Single().Message, Is.EqualTo("実装されていないステップ定義があります (Pending):\n  Harness.Gherkin.Tests:Harness.Gherkin.Tests.Steps.RecordingSteps.PendingStep()"));
    }

    [Test]
    public async Task And_and_But_take_the_previous_steps_type()
    {
        await RunnerHarness.RunAsync(RunnerHarness.Feature("キーワード.feature"), Recording);

        Assert.That(Journal.TakeAll().Where(e => e.StartsWith("any", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "any 1 as When", "any 2 as When", "any 3 as Then", "any 4 as Then" }));
    }

    [Test]
    public async Task Undefined_step_fails_with_a_ready_to_paste_snippet()
    {
        var (results, messages) = await RunnerHarness.RunAsync(RunnerHarness.Feature("未定義.feature"), Recording);

        var result = results.Single();
        Assert.That(result.Status, Is.EqualTo(StepStatus.Undefined));
        Assert.That(result.Message, Is.EqualTo("""
            未定義のステップです: 「前提 口座 "普通 1234567" の残高が 200000 円である」
            次のコードをステップ定義クラスに貼り付けて実装してください:

            [Given("口座 {string} の残高が {int} 円である")]
            public void Given口座の残高が円である(string p0, int p1)
            {
                throw new PendingStepException();
            }
            """.ReplaceLineEndings("\n")));
        var suggestion = messages.Single(m => m.Suggestion is not null).Suggestion;
        Assert.That(suggestion.Snippets.Single().Language, Is.EqualTo("csharp"));
        Assert.That(suggestion.Snippets.Single().Code, Does.StartWith("[Given(\"口座 {string} の残高が {int} 円である\")]"));
    }

    [Test]
    public async Task Ambiguous_step_lists_every_candidate_with_its_signature()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("あいまい.feature"), [typeof(AmbiguousSteps)]);

        Assert.That(results.Single().Status, Is.EqualTo(StepStatus.Ambiguous));
        Assert.That(results.Single().Message, Is.EqualTo("""
            あいまいなステップです。複数のステップ定義が同じ優先度で一致します: 「前提 同じ文」
              Harness.Gherkin.Tests:Harness.Gherkin.Tests.Steps.AmbiguousSteps.One()  パターン: "同じ文"
              Harness.Gherkin.Tests:Harness.Gherkin.Tests.Steps.AmbiguousSteps.Two(string rest)  パターン: "同じ{}"
            パターンを区別するか [Scope] で使い分けてください。
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public async Task A_scoped_binding_wins_over_an_unscoped_one_and_out_of_scope_is_explained()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("スコープ.feature"), [typeof(ScopedSteps)]);

        Assert.That(Journal.TakeAll(), Is.EqualTo(new[] { "akita scoped", "unscoped" }));
        Assert.That(results[1].Status, Is.EqualTo(StepStatus.Undefined));
        Assert.That(results[1].Message, Does.Contain("文は一致するステップ定義がありますが、どれも [Scope] がこのシナリオに合いません:\n  Harness.Gherkin.Tests:Harness.Gherkin.Tests.Steps.ScopedSteps.OnlyAkita()  [Scope(Tag=\"秋田\")]"));
    }

    [Test]
    public async Task Arguments_convert_to_enums_custom_types_and_decimals_under_the_binding_culture()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("変換.feature"), Recording);

        Assert.That(results.Single().Status, Is.EqualTo(StepStatus.Passed), results.Single().Message);
        Assert.That(Journal.TakeAll().Where(e => e.StartsWith("token", StringComparison.Ordinal) || e.StartsWith("account", StringComparison.Ordinal) || e.StartsWith("rate", StringComparison.Ordinal) || e.StartsWith("count", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "token ハードウェア", "account 普通/1234567", "rate 0.25", "count 10" }));
    }

    [Test]
    public async Task A_conversion_failure_names_the_parameter_the_value_and_the_type()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("変換エラー.feature"), Recording);

        Assert.That(results.Single().Status, Is.EqualTo(StepStatus.Failed));
        Assert.That(results.Single().Message, Does.StartWith("引数を変換できません: パラメーター 'by' (int) に値 \"１０\" を変換できませんでした (全角数字です。半角で書いてください)。"));
    }

    [Test]
    public async Task Outline_background_rule_and_tags_make_pickles_with_inherited_tags_and_names()
    {
        var (results, _) = await RunnerHarness.RunAsync(RunnerHarness.Feature("構造.feature"), Recording);

        Assert.That(results.Select(r => (r.Name, r.Status)), Is.EqualTo(new[]
        {
            ("構造 / 足し算 1 [1, 12, 機能タグ,ルールタグ,シナリオタグ,例タグ]", StepStatus.Passed),
            ("構造 / 足し算 5 [5, 16, 機能タグ,ルールタグ,シナリオタグ,例タグ]", StepStatus.Passed),
        }), string.Join("\n", results.Select(r => r.Message)));
    }

    [TestCase(true, false, "0:0:0.1", new[] { "前提 時計が 1250 ミリ秒進む", "-> 完了: RecordingSteps.Advance(int milliseconds)" })]
    [TestCase(true, true, "0:0:0.1", new[] { "前提 時計が 1250 ミリ秒進む", "-> 完了: RecordingSteps.Advance(int milliseconds) (1.250s)" })]
    [TestCase(true, true, "0:0:2", new[] { "前提 時計が 1250 ミリ秒進む", "-> 完了: RecordingSteps.Advance(int milliseconds)" })]
    [TestCase(false, true, "0:0:0.1", new[] { "前提 時計が 1250 ミリ秒進む" })]
    public async Task The_trace_follows_the_trace_settings_of_reqnroll_json(bool successfulSteps, bool timings, string minDuration, string[] expected)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9)));
        RecordingSteps.Clock = time;
        var lines = new List<string>();
        var configuration = RunnerHarness.Japanese with
        {
            TraceSuccessfulSteps = successfulSteps,
            TraceTimings = timings,
            MinTracedDuration = TimeSpan.Parse(minDuration, System.Globalization.CultureInfo.InvariantCulture),
        };
        await RunnerHarness.RunAsync(RunnerHarness.Feature("メッセージ.feature"), Recording, time, lines.Add, configuration);
        Assert.That(lines, Is.EqualTo(expected));
    }

    [Test]
    public async Task Log_lines_and_screenshots_are_attachments_of_the_step()
    {
        var (results, messages) = await RunnerHarness.RunAsync(RunnerHarness.Feature("証跡.feature"), [typeof(EvidenceSteps)]);

        Assert.That(results.Single().Status, Is.EqualTo(StepStatus.Passed), results.Single().Message);
        var stepId = messages.Single(m => m.TestCase is not null).TestCase.TestSteps.Single(s => s.PickleStepId is not null).Id;
        var attachments = messages.Where(m => m.Attachment is not null).Select(m => m.Attachment).ToList();
        Assert.That(attachments.Select(a => (a.MediaType, a.ContentEncoding, a.Body, a.FileName, a.TestStepId)), Is.EqualTo(new[]
        {
            ("text/x.cucumber.log+plain", AttachmentContentEncoding.IDENTITY, "ログイン画面を表示した", (string?)null, stepId),
            ("image/png", AttachmentContentEncoding.BASE64, "iVBORw==", "ログイン画面.png", stepId),
        }));
    }

    [Test]
    public async Task Messages_are_envelopes_in_protocol_order_with_measured_durations()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9)));
        RecordingSteps.Clock = time;
        var (_, messages) = await RunnerHarness.RunAsync(RunnerHarness.Feature("メッセージ.feature"), Recording, time);

        var lines = messages.Select(MessageSerializer.Serialize).ToList();
        var kinds = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.EnumerateObject().Single().Name).ToList();
        Assert.That(kinds.Take(3), Is.EqualTo(new[] { "meta", "source", "gherkinDocument" }));
        Assert.That(kinds[^1], Is.EqualTo("testRunFinished"));
        Assert.That(kinds, Does.Contain("pickle").And.Contain("stepDefinition").And.Contain("hook").And.Contain("testRunStarted")
            .And.Contain("testCase").And.Contain("testCaseStarted").And.Contain("testStepStarted").And.Contain("testStepFinished").And.Contain("testCaseFinished"));
        Assert.That(lines[1], Does.Contain("\"mediaType\":\"text/x.cucumber.gherkin+plain\""));

        // Every line reads back as an envelope equal to what was written.
        Assert.That(lines.Select(MessageSerializer.Deserialize).Select(MessageSerializer.Serialize), Is.EqualTo(lines));

        // The step's duration is what the run's clock measured between the step's start and end.
        var stepId = messages.Single(m => m.TestCase is not null).TestCase.TestSteps.Single(s => s.PickleStepId is not null).Id;
        var step = messages.Select(m => m.TestStepFinished).Single(f => f is not null && f.TestStepId == stepId);
        Assert.That(step.TestStepResult.Status, Is.EqualTo(TestStepResultStatus.PASSED));
        Assert.That(Cucumber.Messages.Converters.ToTimeSpan(step.TestStepResult.Duration), Is.EqualTo(TimeSpan.FromMilliseconds(1250)));
    }
}
