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

    /// <summary>The run id comes from the clock: 2026-11-23 00:00:00 UTC.</summary>
    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    }
}
