using Harness.Cli.Run;
using NUnit.Framework;

namespace Harness.Cli.Tests;

/// <summary>How <c>run</c> judges a suite that did not run every selected scenario (the suite is a stand-in writing the
/// messages Reqnroll would), in temporary feature and reports folders.</summary>
public sealed class RunOutcomeTests
{
    private const string Feature = "# language: ja\n@bank:akita\n機能: 見本の機能\n\n  @api\n  シナリオ: ログインできる\n    前提 お客様がいる\n\n  @api\n  シナリオ: 振込の上限\n    前提 お客様がいる\n";

    private string _dir = null!;
    private RunCommand.Workspace _workspace = null!;

    [SetUp]
    public void CreateFolders()
    {
        var root = RunCommand.FindRoot(TestContext.CurrentContext.TestDirectory)!;
        _dir = Directory.CreateTempSubdirectory("harness-run-outcome-").FullName;
        _workspace = new RunCommand.Workspace(root, Path.Combine(_dir, "features"), Path.Combine(_dir, "reports"));
        Directory.CreateDirectory(_workspace.FeaturesDir);
        File.WriteAllText(Path.Combine(_workspace.FeaturesDir, "見本.feature"), Feature);
        File.Copy(Path.Combine(root, "features", "requirements.yaml"), Path.Combine(_workspace.FeaturesDir, "requirements.yaml"));
    }

    [TearDown]
    public void DeleteFolders() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task A_run_in_which_no_scenario_finished_exits_1_says_why_and_leaves_no_report()
    {
        SuiteRunner nothing = (request, _, _) => Task.FromResult(new SuiteResult(0, ["No test matches the given testcase filter"]));
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };

        var code = await RunCommand.RunAsync(new RunCommand.Options(["akita"], null, "api", Pdf: false), _workspace, nothing, new FixedTime(), output, error, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output.ToString(), Is.EqualTo(
            "実行 20261123-000000: 2 シナリオ (条件: (TestCategory=bank:akita)&TestCategory!=ui)\n" +
            "dotnet test の出力 (最後の 40 行):\nNo test matches the given testcase filter\n"));
        Assert.That(error.ToString(), Is.EqualTo(
            "不合格: シナリオが 1 つも実行されませんでした (選んだ 2 シナリオのうち終わったのは 0、dotnet test の終了コード 0)。" +
            "スイートのビルドかテストの検出でつまずいています: 上の dotnet test の出力を見てください。報告書は作っていません。\n"));
        Assert.That(Directory.Exists(_workspace.ReportsDir), Is.False, "no report, so never the next run's previous run");
    }

    [Test]
    public async Task Fewer_finished_scenarios_than_selected_is_a_failure_naming_how_many_never_ran()
    {
        SuiteRunner one = async (request, _, cancellationToken) =>
        {
            await File.WriteAllLinesAsync(request.MessagesPath, RunNdjson.Run(("p1", "ログインできる", null)), cancellationToken);
            return new SuiteResult(0, ["テストホストが落ちました"]);
        };
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };

        var code = await RunCommand.RunAsync(new RunCommand.Options(["akita"], null, "api", Pdf: false), _workspace, one, new FixedTime(), output, error, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.StartWith(
            "実行 20261123-000000: 2 シナリオ (条件: (TestCategory=bank:akita)&TestCategory!=ui)\n" +
            "[1/2] 合格   見本の機能 / ログインできる\n" +
            "dotnet test の出力 (最後の 40 行):\nテストホストが落ちました\n"));
        Assert.That(output.ToString(), Does.EndWith("結果: 不合格 (実行されなかったシナリオがあります)\n"));
        Assert.That(error.ToString(), Is.EqualTo("不合格: 選んだ 2 シナリオのうち 1 シナリオが実行されませんでした (終わったのは 1)。上の dotnet test の出力を見てください。\n"));
    }

    [Test]
    public async Task Every_scenario_passed_and_the_run_ended_well_is_a_pass()
    {
        var (code, output, error) = await RunAsync(0, RunNdjson.Run(("p1", "ログインできる", null), ("p2", "振込の上限", null)), ["ok"]);

        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.StartWith(
            "実行 20261123-000000: 2 シナリオ (条件: (TestCategory=bank:akita)&TestCategory!=ui)\n" +
            "[1/2] 合格   見本の機能 / ログインできる\n" +
            "[2/2] 合格   見本の機能 / 振込の上限\n" +
            "akita"));
        Assert.That(output, Does.EndWith("結果: 全シナリオ合格\n"));
        Assert.That(error, Is.Empty);
    }

    [Test]
    public async Task A_failed_exit_code_with_every_scenario_passed_is_a_failure_outside_the_scenarios_with_the_output_shown()
    {
        var (code, output, error) = await RunAsync(
            1, RunNdjson.Run(("p1", "ログインできる", null), ("p2", "振込の上限", null)), ["ビルドしました", "OneTimeTearDown: AfterTestRun のフックが失敗しました"]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.StartWith(
            "実行 20261123-000000: 2 シナリオ (条件: (TestCategory=bank:akita)&TestCategory!=ui)\n" +
            "[1/2] 合格   見本の機能 / ログインできる\n" +
            "[2/2] 合格   見本の機能 / 振込の上限\n" +
            "dotnet test の出力 (最後の 40 行):\nビルドしました\nOneTimeTearDown: AfterTestRun のフックが失敗しました\n"));
        Assert.That(output, Does.EndWith("結果: 不合格 (シナリオの外で失敗しました)\n"));
        Assert.That(error, Is.EqualTo("不合格: dotnet test が終了コード 1 で終わりました (シナリオの外の失敗: フックやテストホスト)。上の出力を見てください。\n"));
    }

    [Test]
    public async Task A_run_recorded_as_not_successful_with_every_scenario_passed_is_a_failure()
    {
        var messages = RunNdjson.Run(("p1", "ログインできる", null), ("p2", "振込の上限", null));
        messages[^1] = messages[^1].Replace("\"success\":true", "\"success\":false", StringComparison.Ordinal);

        var (code, output, error) = await RunAsync(0, messages, ["AfterFeature のフックが失敗しました"]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("[2/2] 合格   見本の機能 / 振込の上限\ndotnet test の出力 (最後の 40 行):\nAfterFeature のフックが失敗しました\n"));
        Assert.That(output, Does.EndWith("結果: 不合格 (シナリオの外で失敗しました)\n"));
        Assert.That(error, Is.EqualTo("不合格: Reqnroll は実行を不成功と記録しました (testRunFinished の success が false) が、不合格のシナリオはありません (シナリオの外の失敗: フック)。上の出力を見てください。\n"));
    }

    [Test]
    public async Task A_run_whose_end_was_never_recorded_is_a_failure()
    {
        var messages = RunNdjson.Run(("p1", "ログインできる", null), ("p2", "振込の上限", null));
        messages.RemoveAt(messages.Count - 1);

        var (code, output, error) = await RunAsync(0, messages, ["The active test run was aborted."]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("[2/2] 合格   見本の機能 / 振込の上限\ndotnet test の出力 (最後の 40 行):\nThe active test run was aborted.\n"));
        Assert.That(output, Does.EndWith("結果: 不合格 (シナリオの外で失敗しました)\n"));
        Assert.That(error, Is.EqualTo("不合格: 実行の終わり (testRunFinished) が Cucumber Messages に記録されていません (テストホストが途中で止まったかもしれません)。上の出力を見てください。\n"));
    }

    [Test]
    public async Task A_skipped_scenario_is_not_a_pass()
    {
        var messages = RunNdjson.Steps(("p1", "ログインできる", ["PASSED"]), ("p2", "振込の上限", ["SKIPPED"]));
        messages[^1] = messages[^1].Replace("\"success\":false", "\"success\":true", StringComparison.Ordinal);

        var (code, output, error) = await RunAsync(0, messages, ["ok"]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.StartWith(
            "実行 20261123-000000: 2 シナリオ (条件: (TestCategory=bank:akita)&TestCategory!=ui)\n" +
            "[1/2] 合格   見本の機能 / ログインできる\n" +
            "[2/2] スキップ 見本の機能 / 振込の上限\n" +
            "akita"));
        Assert.That(output, Does.Contain("\nシナリオ: 合格 1・不合格 0・未実装 0・スキップ 1\n"));
        Assert.That(output, Does.EndWith("結果: 不合格 (スキップか未実装のシナリオがあります)\n"));
        Assert.That(error, Is.EqualTo("不合格: 選んだ 2 シナリオのうち 1 シナリオがスキップされました (ステップがすべては実行されていないので、合格とは数えません)。\n"));
    }

    [Test]
    public async Task The_features_are_read_in_the_language_reqnroll_json_names()
    {
        var root = Path.Combine(_dir, "root");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "reqnroll.json"), """{"language":{"feature":"en"}}""");
        File.WriteAllText(Path.Combine(_workspace.FeaturesDir, "見本.feature"), "@bank:akita\nFeature: Sample\n\n  @api\n  Scenario: Log in\n    Given a customer\n");
        SuiteRunner nothing = (request, _, _) => Task.FromResult(new SuiteResult(0, ["nothing"]));
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };

        var code = await RunCommand.RunAsync(new RunCommand.Options(["akita"], null, "api", Pdf: false), _workspace with { Root = root }, nothing, new FixedTime(), output, error, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.StartWith("実行 20261123-000000: 1 シナリオ (条件: (TestCategory=bank:akita)&TestCategory!=ui)\n"));
    }

    [Test]
    public async Task A_broken_reqnroll_json_exits_2_before_the_suite_runs()
    {
        var root = Path.Combine(_dir, "root");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "reqnroll.json"), """{"language":{"feature":"xx"}}""");
        SuiteRunner never = (_, _, _) => throw new AssertionException("the suite must not run");
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };

        var code = await RunCommand.RunAsync(new RunCommand.Options(["akita"], null, "api", Pdf: false), _workspace with { Root = root }, never, new FixedTime(), output, error, CancellationToken.None);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output.ToString(), Is.Empty);
        Assert.That(error.ToString(), Is.EqualTo("設定エラー: " + Path.Combine(root, "reqnroll.json") + ": キー 'language.feature': 値は Gherkin の言語 (例: \"ja\"。値: \"xx\") でなければなりません\n"));
    }

    /// <summary>Runs akita's API scenarios with a suite that writes <paramref name="messages"/> and ends with
    /// <paramref name="exitCode"/> and <paramref name="log"/>.</summary>
    private async Task<(int Code, string Output, string Error)> RunAsync(int exitCode, List<string> messages, string[] log)
    {
        SuiteRunner suite = async (request, _, cancellationToken) =>
        {
            await File.WriteAllLinesAsync(request.MessagesPath, messages, cancellationToken);
            return new SuiteResult(exitCode, log);
        };
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = await RunCommand.RunAsync(new RunCommand.Options(["akita"], null, "api", Pdf: false), _workspace, suite, new FixedTime(), output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The run id comes from the clock: 2026-11-23 00:00:00 UTC.</summary>
    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    }
}
