namespace Harness.Reports.Tests;

/// <summary><c>report &lt;ndjson&gt; --out &lt;dir&gt;</c> as the harness CLI will call it: exit 0 all passed, 1 failures, 2 input errors.</summary>
public sealed class ReportCommandTests
{
    private Fixture _f = null!;

    [SetUp]
    public void SetUp() => _f = new Fixture();

    [TearDown]
    public void TearDown() => _f.Dispose();

    [Test]
    public async Task A_run_with_failures_exits_1_and_prints_the_counts_per_profile()
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ReportCommand.InvokeAsync(["report", _f.MessagesPath, "--out", _f.OutputDir, "--requirements", _f.RequirementsPath, "--no-pdf"], output, error);

        Assert.That(code, Is.EqualTo(ReportCommand.Failures));
        Assert.That(output.ToString(), Is.EqualTo(
            "akita (秋田県信用組合): 合格 2・不合格 1・未実装 0・未網羅 1・手動確認 1\n" +
            "aomori (青森県信用組合): 合格 1・不合格 0・未実装 1・未網羅 1・手動確認 0\n" +
            "シナリオ: 合格 3・不合格 1・未実装 1・その他 1\n" +
            $"報告書: {Path.Combine(_f.OutputDir, "conformance.html")}\n"));
        Assert.That(error.ToString(), Is.Empty);
    }

    [Test]
    public async Task An_all_passed_run_exits_0()
    {
        new RunBuilder().Add(new ScenarioSpec("ログイン", "正しいコードでログインできる", ["@req:AKT-02", "@bank:akita"], [StepSpec.Passed("ならば", "ログインできる")])).WriteTo(_f.MessagesPath);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ReportCommand.InvokeAsync(["report", _f.MessagesPath, "--out", _f.OutputDir, "--requirements", _f.RequirementsPath, "--no-pdf"], output, error);

        Assert.That(code, Is.EqualTo(ReportCommand.Success));
    }

    [Test]
    public async Task A_malformed_register_exits_2_with_the_message()
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        await File.WriteAllTextAsync(_f.RequirementsPath, "profiles: [akita]\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ReportCommand.InvokeAsync(["report", _f.MessagesPath, "--out", _f.OutputDir, "--requirements", _f.RequirementsPath, "--no-pdf"], output, error);

        Assert.That(code, Is.EqualTo(ReportCommand.UsageError));
        Assert.That(error.ToString(), Does.StartWith($"エラー: 要件台帳 {_f.RequirementsPath} の 1 行 11 列が読めません: "));
        Assert.That(output.ToString(), Is.Empty);
    }

    [Test]
    public async Task A_missing_out_option_is_a_usage_error()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ReportCommand.InvokeAsync(["report", _f.MessagesPath], output, error);

        Assert.That(code, Is.EqualTo(ReportCommand.UsageError));
        Assert.That(error.ToString(), Does.StartWith("使い方の誤り: "));
    }
}
