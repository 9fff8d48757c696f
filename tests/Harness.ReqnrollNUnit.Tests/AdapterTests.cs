using Harness.Gherkin.Formatters;
using NUnit.Framework;

namespace Harness.ReqnrollNUnit.Tests;

/// <summary>The adapter as QA uses it: <c>dotnet test</c> on the sample project, once per case, all runs at the same time.</summary>
public sealed class AdapterTests
{
    /// <summary>Every run, started together on first use.</summary>
    private static readonly Lazy<Dictionary<string, Task<SampleRun>>> Runs = new(() => new(StringComparer.Ordinal)
    {
        ["qa"] = SampleRuns.RunAsync("qa", null, []),
        ["filtered"] = SampleRuns.RunAsync("filtered", null, ["--filter", "TestCategory=sample&(TestCategory=edge|TestCategory=limit|TestCategory=table)"]),
        ["parallel"] = SampleRuns.RunAsync("parallel", "並行", ["--", "NUnit.NumberOfTestWorkers=4"]),
        ["sequential"] = SampleRuns.RunAsync("sequential", "順序", ["--", "NUnit.NumberOfTestWorkers=0"]),
        ["broken-configuration"] = BrokenConfigurationAsync(),
        ["empty"] = SampleRuns.RunAsync("empty", Directory.CreateTempSubdirectory("adapter-empty-features-").FullName, []),
    });

    private static Task<SampleRun> _qa => Runs.Value["qa"];

    private static Task<SampleRun> _filtered => Runs.Value["filtered"];

    private static Task<SampleRun> _parallel => Runs.Value["parallel"];

    private static Task<SampleRun> _sequential => Runs.Value["sequential"];

    private static Task<SampleRun> _brokenConfiguration => Runs.Value["broken-configuration"];

    private static async Task<SampleRun> BrokenConfigurationAsync()
    {
        var bin = await SampleRuns.CopyAsync("broken-configuration");
        await File.WriteAllTextAsync(Path.Combine(bin, "reqnroll.json"), """{"langage":{"feature":"ja"}}""");
        return await SampleRuns.RunAsync("broken-configuration", null, [], bin);
    }

    [Test]
    public async Task The_QA_sample_has_one_test_per_pickle_and_only_the_undefined_step_fails()
    {
        var run = await _qa;
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Results.Select(r => (r.Name, r.Outcome)), Is.EqualTo(new[]
        {
            ("振込限度額 / お知らせメール", "Failed"),
            ("振込限度額 / 複数の振込", "Passed"),
            ("振込限度額 / 限度額の境界 [200000, 成功]", "Passed"),
            ("振込限度額 / 限度額の境界 [200001, 拒否]", "Passed"),
            ("振込限度額 / 限度額以内の振込", "Passed"),
        }));
    }

    [Test]
    public async Task The_NDJSON_has_a_test_case_per_pickle_a_result_per_step_and_the_snippet_of_the_undefined_step()
    {
        var run = await _qa;
        var envelopes = MessageSerializer.ReadAll(run.Messages).ToList();
        var pickles = envelopes.Where(e => e.Pickle is not null).Select(e => e.Pickle.Id).ToList();
        var testCases = envelopes.Where(e => e.TestCase is not null).Select(e => e.TestCase).ToList();
        var steps = testCases.SelectMany(c => c.TestSteps).Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        var finished = envelopes.Where(e => e.TestStepFinished is not null).Select(e => e.TestStepFinished).ToList();
        var undefined = finished.Where(f => f.TestStepResult.Status == Io.Cucumber.Messages.Types.TestStepResultStatus.UNDEFINED).ToList();
        var suggestions = envelopes.Where(e => e.Suggestion is not null).Select(e => e.Suggestion).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(pickles, Has.Count.EqualTo(5));
            Assert.That(testCases.Select(c => c.PickleId).Order(StringComparer.Ordinal), Is.EqualTo(pickles.Order(StringComparer.Ordinal)), "one test case per pickle");
            Assert.That(steps, Has.Count.EqualTo(36), "the 21 steps of the five pickles and three [BeforeScenario]/[AfterScenario] hooks each");
            Assert.That(finished.Select(f => f.TestStepId).Order(StringComparer.Ordinal), Is.EqualTo(steps), "one result per step");
            Assert.That(undefined, Has.Count.EqualTo(1));
            Assert.That(suggestions, Has.Count.EqualTo(1));
            Assert.That(suggestions[0].Snippets.Single().Code, Does.Contain("[Then(\"残高照会の画面に {int} 件の明細が {string} で並ぶ\")]"));
            Assert.That(envelopes.Count(e => e.TestRunFinished is not null), Is.EqualTo(1));
            Assert.That(envelopes[^1].TestRunFinished?.Success, Is.EqualTo(false));
        });
    }

    [Test]
    public async Task A_tag_filter_selects_by_feature_scenario_and_examples_tags()
    {
        var run = await _filtered;
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Results.Select(r => r.Name), Is.EqualTo(new[]
        {
            "振込限度額 / 複数の振込",
            "振込限度額 / 限度額の境界 [200000, 成功]",
            "振込限度額 / 限度額の境界 [200001, 拒否]",
            "振込限度額 / 限度額以内の振込",
        }));
    }

    [Test]
    public async Task Japanese_features_run_with_names_ignores_and_a_broken_file_as_a_failure()
    {
        var run = await _parallel;
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Results.Select(r => (r.Name, r.Outcome)), Is.EqualTo(new[]
        {
            ("並列の東 / 同時に走る東", "Passed"),
            ("並列の西 / 同時に走る西", "Passed"),
            ("単独で走る障害 / 一つ目", "Passed"),
            ("単独で走る障害 / 二つ目", "Passed"),
            ("壊れた機能.feature", "Failed"),
            ("日本語の機能 / スコープの外", "Passed"),
            ("日本語の機能 / タグのスコープ", "Passed"),
            ("日本語の機能 / 両方の背景", "Passed"),
            ("日本語の機能 / 例の行ごとのテスト [3]", "Passed"),
            ("日本語の機能 / 例の行ごとのテスト [4]", "Passed"),
            ("日本語の機能 / 同じ名前", "Passed"),
            ("日本語の機能 / 同じ名前 #2", "Passed"),
            ("日本語の機能 / 変換とカルチャー", "Passed"),
            ("日本語の機能 / 無視するシナリオ", "NotExecuted"),
            ("日本語の機能 / 背景が先に走る", "Passed"),
            ("無視する機能 / 走らない", "NotExecuted"),
        }), string.Join("\n", run.Results));
        Assert.That(run.Results.Single(r => r.Name == "壊れた機能.feature").Message, Does.StartWith("OneTimeSetUp: 壊れた機能.feature を読めません:\n壊れた機能.feature:2:1: 構文エラー: ここに書けない行です (キーワードの後は半角コロン ':'、例 '機能:'。全角 '：' は不可)。"));
    }

    [Test]
    public async Task A_feature_tagged_non_parallelizable_runs_while_no_other_scenario_runs()
    {
        var journal = (await _parallel).Journal;
        var first = journal.ToList().FindIndex(e => e.StartsWith("before scenario 単独で走る障害", StringComparison.Ordinal));
        var last = journal.ToList().FindLastIndex(e => e.StartsWith("after scenario 単独で走る障害", StringComparison.Ordinal));
        Assert.That(journal.Skip(first).Take(last - first + 1).Where(e => e.Contains(" / ", StringComparison.Ordinal) && !e.Contains("単独で走る障害", StringComparison.Ordinal)), Is.Empty, string.Join("\n", journal));
        Assert.That(last - first, Is.EqualTo(5), "two scenarios, three hook entries each");
    }

    [Test]
    public async Task Hooks_run_in_order_across_features_in_a_sequential_run()
    {
        var run = await _sequential;
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Journal, Is.EqualTo(new[]
        {
            "before run",
            "before feature 一番目",
            "before scenario 一番目 / 一 (order 1)",
            "before scenario 一番目 / 一 (order 2)",
            "after scenario 一番目 / 一: OK",
            "before scenario 一番目 / 二 (order 1)",
            "before scenario 一番目 / 二 (order 2)",
            "after scenario 一番目 / 二: OK",
            "after feature 一番目",
            "before feature 二番目",
            "before scenario 二番目 / 三 (order 1)",
            "before scenario 二番目 / 三 (order 2)",
            "after scenario 二番目 / 三: OK",
            "after feature 二番目",
            "after run",
        }));
    }

    [Test]
    public async Task A_broken_reqnroll_json_fails_with_a_Japanese_message_naming_the_file_and_key()
    {
        var run = await _brokenConfiguration;
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Results.Select(r => (r.Name, r.Outcome)), Is.EqualTo(new[] { ("Features", "Failed") }));
        Assert.That(run.Results[0].Message, Does.StartWith("OneTimeSetUp: ").And.Contain("broken-configuration-bin/reqnroll.json: キー 'langage': 不明なキーです。"));
    }

    [Test]
    public async Task A_features_folder_without_feature_files_is_a_failure_not_an_empty_pass()
    {
        var run = await Runs.Value["empty"];
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Results.Select(r => (r.Name, r.Outcome)), Is.EqualTo(new[] { ("Features", "Failed") }));
        Assert.That(run.Results[0].Message, Does.Contain("フィーチャーファイル (*.feature) が 1 つもありません: ").And.Contain("何も実行しないテストは合格にしません。"));
    }
}
