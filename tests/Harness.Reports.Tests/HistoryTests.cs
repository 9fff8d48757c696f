namespace Harness.Reports.Tests;

public sealed class HistoryTests
{
    private Fixture _f = null!;

    [SetUp]
    public void SetUp() => _f = new Fixture();

    [TearDown]
    public void TearDown() => _f.Dispose();

    private static ScenarioSpec Scenario(string name, bool passes) => new("履歴", name, ["@req:AKT-02", "@bank:akita"],
        [passes ? StepSpec.Passed("ならば", "ログインできる") : StepSpec.Failed("ならば", "ログインできる", "ログインできませんでした")]);

    [Test]
    public async Task New_failures_fixed_and_still_failing_are_named_against_the_previous_output_folder()
    {
        var previousDir = Path.Combine(_f.Dir, "previous");
        new RunBuilder()
            .Add(Scenario("前回も今回も合格", true))
            .Add(Scenario("前回合格・今回不合格", true))
            .Add(Scenario("前回不合格・今回合格", false))
            .Add(Scenario("前回も今回も不合格", false))
            .Add(Scenario("前回だけ不合格", false))
            .WriteTo(_f.MessagesPath);
        await ReportGenerator.GenerateAsync(_f.Input() with { OutputDir = previousDir });

        new RunBuilder()
            .Add(Scenario("前回も今回も合格", true))
            .Add(Scenario("前回合格・今回不合格", false))
            .Add(Scenario("前回不合格・今回合格", true))
            .Add(Scenario("前回も今回も不合格", false))
            .Add(Scenario("今回初めての不合格", false))
            .WriteTo(_f.MessagesPath);
        var summary = await ReportGenerator.GenerateAsync(_f.Input(previous: previousDir));

        var h = summary.History!;
        Assert.That(h.NewFailures, Is.EqualTo(new[] { "履歴 / 今回初めての不合格", "履歴 / 前回合格・今回不合格" }));
        Assert.That(h.Fixed, Is.EqualTo(new[] { "履歴 / 前回不合格・今回合格" }));
        Assert.That(h.StillFailing, Is.EqualTo(new[] { "履歴 / 前回も今回も不合格" }));
        Assert.That(h.FailedBeforeNotRunNow, Is.EqualTo(new[] { "履歴 / 前回だけ不合格" }));
        var html = await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile));
        Assert.That(html, Does.Contain("<h3 class=\"passed\">修正された (前回不合格 → 今回合格) (1 件)</h3>\n<ul><li>履歴 / 前回不合格・今回合格</li></ul>"));
        Assert.That(html, Does.Contain("<h3 class=\"failed\">新たな不合格 (2 件)</h3>\n<ul><li>履歴 / 今回初めての不合格</li><li>履歴 / 前回合格・今回不合格</li></ul>"));
    }

    [Test]
    public void A_previous_folder_without_messages_is_refused_naming_it()
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        var empty = Path.Combine(_f.Dir, "empty");
        Directory.CreateDirectory(empty);

        var ex = Assert.ThrowsAsync<ReportException>(() => ReportGenerator.GenerateAsync(_f.Input(previous: empty)));
        Assert.That(ex!.Message, Is.EqualTo($"前回の実行 {empty} に messages.ndjson がありません (前回の報告書の出力フォルダーを指定してください)。"));
    }
}
