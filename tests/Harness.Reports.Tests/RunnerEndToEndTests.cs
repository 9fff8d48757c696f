using System.Globalization;
using Harness.Gherkin;
using Harness.Gherkin.Configuration;
using Harness.Gherkin.Execution;
using Harness.Gherkin.Formatters;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Reports.Tests;

[Binding]
public sealed class EndToEndSteps(IReqnrollOutputHelper output)
{
    [Given("利用者がトークンを利用中である")]
    public void 利用中() => output.WriteLine("ログインパスワード=Hunter2Hunter2 でログインしました");

    [When("誤ったコードを {int} 回入力する")]
    public void 誤入力(int count) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"誤ったコードを {count} 回入力しました"));

    [Then("ログインできない")]
    public void ログインできない()
    {
        output.AddAttachment(Convert.FromBase64String(RunBuilder.PngBase64), "image/png", "ロック後のログイン画面.png");
        throw new InvalidOperationException("ログインできてしまいました (期待: 「ご利用できません」)");
    }

    [Then("メニュー画面が表示される")]
    public void メニュー()
    {
    }
}

/// <summary>The real runner writes the NDJSON (as under dotnet test or the run command) and the generator renders it.</summary>
public sealed class RunnerEndToEndTests
{
    private const string FeatureText = """
        # language: ja
        @bank:akita
        機能: 連続誤入力によるサービス停止

          @req:AKT-07 @ui
          シナリオ: 10回連続で誤るとログインできない
            前提 利用者がトークンを利用中である
            もし 誤ったコードを 10 回入力する
            ならば ログインできない

          @req:AKT-02 @api
          シナリオ: 正しいコードでログインできる
            前提 利用者がトークンを利用中である
            ならば メニュー画面が表示される

          @req:AKT-09 @api
          シナリオ: メール通知パスワードを登録する
            前提 利用者がトークンを利用中である
            ならば メール通知パスワードがメールで届く

          @req:AKT-08 @手動確認
          シナリオ: 紛失時に窓口で利用停止する
            紙の申込書と本人確認は自動化できないため手動で確認する

            前提 利用者が窓口に来店する
        """;

    private Fixture _f = null!;

    [SetUp]
    public void SetUp() => _f = new Fixture();

    [TearDown]
    public void TearDown() => _f.Dispose();

    [Test]
    public async Task A_run_of_the_gherkin_runner_renders_with_statuses_evidence_and_snippets()
    {
        await RunFeature(_f.MessagesPath);

        var summary = await ReportGenerator.GenerateAsync(_f.Input());

        Assert.That(summary.Profiles[0], Is.EqualTo(new ProfileSummary("akita", "秋田県信用組合", 1, 2, 1, 1)));
        Assert.That((summary.ScenariosPassed, summary.ScenariosFailed, summary.ScenariosOther), Is.EqualTo((1, 2, 1)));
        var html = await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile));
        Assert.That(html, Does.Contain("<pre class=\"message\">ログインできてしまいました (期待: 「ご利用できません」)</pre>"));
        Assert.That(html, Does.Contain($"href=\"data:image/png;base64,{RunBuilder.PngBase64}\""));
        Assert.That(html, Does.Contain("<b>ならば メール通知パスワードがメールで届く</b>"));
        Assert.That(html, Does.Contain("[Then(&quot;メール通知パスワードがメールで届く&quot;)]"));
        Assert.That(html, Does.Contain("<h2>未定義のステップ (1 件)</h2>"));
        Assert.That(html, Does.Contain("<td>紙の申込書と本人確認は自動化できないため手動で確認する</td>"));
        Assert.That(html, Does.Contain("実行開始: 2026年11月23日 19:00:00 (日本時間)"));
        Assert.That(html, Does.Contain("ログインパスワード=[伏せ字] でログインしました"));
        Assert.That(File.ReadAllBytes(Path.Combine(_f.OutputDir, "evidence", "001-ロック後のログイン画面.png")), Is.EqualTo(Convert.FromBase64String(RunBuilder.PngBase64)));
        foreach (var file in summary.Files)
        {
            Assert.That(File.ReadAllText(Path.Combine(_f.OutputDir, file)), Does.Not.Contain("Hunter2Hunter2"), file);
        }

        var (code, _) = await ReportFilesTests.Sha256SumCheck(_f.OutputDir);
        Assert.That(code, Is.EqualTo(0));
    }

    private static async Task RunFeature(string ndjsonPath)
    {
        using var sink = new NdjsonMessageSink(ndjsonPath);
        await using var runner = new TestRunner(new TestRunnerOptions
        {
            Configuration = new RunnerConfiguration
            {
                FeatureLanguage = "ja",
                BindingCulture = CultureInfo.GetCultureInfo("ja-JP"),
                MissingOrPendingStepsOutcome = MissingOrPendingStepsOutcome.Error,
            },
            BindingTypes = [typeof(EndToEndSteps)],
            Sink = sink,
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)),
        });
        var feature = runner.LoadFeatureText(FeatureText, "連続誤入力.feature");
        Assert.That(feature.Problems, Is.Empty);
        await runner.StartAsync();
        var run = await runner.StartFeatureAsync(feature);
        foreach (var scenario in feature.Scenarios)
        {
            await runner.RunScenarioAsync(run, scenario);
        }

        await runner.FinishFeatureAsync(run);
        await runner.FinishAsync();
    }
}
