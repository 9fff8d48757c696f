using Harness.Reports.Ledger;
using Harness.Reports.Runs;

namespace Harness.Reports.Tests;

/// <summary>「マニュアルの記載と検証」: the ledgers (Fixtures/ledger: akita's own file and a common one; aomori has none) read from
/// the register's folder, and the scenarios' <c>マニュアルの記載: {…}</c> log lines.</summary>
public sealed class LedgerTests
{
    private Fixture _f = null!;

    [SetUp]
    public void SetUp() => _f = new Fixture();

    [TearDown]
    public void TearDown() => _f.Dispose();

    private static string LedgerFixtures => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "ledger");

    private void CopyLedgers()
    {
        foreach (var file in Directory.EnumerateFiles(LedgerFixtures, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_f.Dir, Path.GetRelativePath(LedgerFixtures, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static AttachmentSpec Log(int step, string json) => new(step, RunReader.LogMediaType, null, "マニュアルの記載: " + json, false);

    private static RunBuilder LedgerRun() => new RunBuilder()
        .Add(new ScenarioSpec("ログイン", "正しいコードでログインできる", ["@req:AKT-02", "@bank:akita"], [StepSpec.Passed("ならば", "メニュー画面が表示される")])
        {
            Attachments = [Log(0, """{"bank":"akita","checked":["ログイン.画面名","ログイン.ボタン"],"failed":[]}""")],
        })
        .Add(new ScenarioSpec("連続誤入力", "10回連続で誤るとログインできない", ["@req:AKT-07", "@bank:akita"],
            [StepSpec.Failed("ならば", "ログインできない", Fixture.FailureMessage)])
        {
            Attachments =
            [
                new AttachmentSpec(0, RunReader.LogMediaType, null, "10 回入力しました", false),
                Log(0, """{"bank":"akita","checked":["ログイン.画面名","メッセージ.ワンタイムパスワード停止"],"failed":["メッセージ.ワンタイムパスワード停止"]}"""),
            ],
        })
        .Add(new ScenarioSpec("連続誤入力", "青森: 桁数", ["@req:AOM-04", "@bank:aomori"], [StepSpec.Undefined("ならば", "桁数が 6 である", Fixture.Snippet)])
        {
            Attachments = [Log(0, """{"bank":"aomori","checked":["数.ワンタイムパスワード桁数"],"failed":[]}""")],
        })
        .Add(new ScenarioSpec("連続誤入力", "確認ボタン", ["@req:AKT-07", "@bank:akita"], [StepSpec.Undefined("ならば", "確認ボタンがある", Fixture.Snippet)])
        {
            Attachments = [Log(0, """{"bank":"akita","checked":["OTP認証.ボタン"]}""")],
        });

    [Test]
    public async Task Each_bank_lists_every_item_that_applies_with_its_quote_scenarios_and_result()
    {
        CopyLedgers();
        LedgerRun().WriteTo(_f.MessagesPath);

        await ReportGenerator.GenerateAsync(_f.Input());
        var html = await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile));

        Assert.That(html, Does.Contain("<h3 id=\"ledger-akita\">マニュアルの記載と検証 (項目 7: 合格 2・不合格 1・未実装 1・手動確認 1・未検証 2)</h3>"));
        Assert.That(html, Does.Contain("<li><a href=\"#ledger-akita\">akita (秋田県信用組合)</a>: 項目 7: 合格 2・不合格 1・未実装 1・手動確認 1・未検証 2</li>"));
        Assert.That(html, Does.Contain(
            "<li><a href=\"#ledger-aomori\">aomori (青森県信用組合)</a>: <span class=\"no-ledger\">台帳 aomori/マニュアルの記載.yaml がまだありません</span>。共通の台帳の項目 2: 合格 0・不合格 0・未実装 1・手動確認 0・未検証 1</li>"));
        Assert.That(html, Does.Contain("<p class=\"no-ledger\">この銀行の台帳 <code>aomori/マニュアルの記載.yaml</code> はまだありません。共通の台帳の項目だけを示します。</p>"));
        Assert.That(html, Does.Contain(
            "<tr class=\"passed\"><td>画面名</td><td><code>ログイン.画面名</code></td><td>ログイン</td><td><blockquote>「ログイン」画面が表示されます。</blockquote><div class=\"manual\"><code>000_c76b88d9278846ad.txt</code></div></td>" +
            "<td><div class=\"scenario\"><span class=\"badge passed\">合格</span> ログイン / 正しいコードでログインできる</div>" +
            "<div class=\"scenario\"><span class=\"badge failed\">不合格</span> <a href=\"#scenario-2\">連続誤入力 / 10回連続で誤るとログインできない</a></div></td>" +
            "<td class=\"result\"><span class=\"badge passed\">合格</span></td></tr>"));
        Assert.That(html, Does.Contain("<td><code>ログイン.ボタン</code></td><td>ログイン</td><td><div class=\"assumption\"><b>(仮定)</b> マニュアルはログイン画面のボタン名を書いていない</div>"));
        Assert.That(html, Does.Contain(
            "<a href=\"#scenario-2\">連続誤入力 / 10回連続で誤るとログインできない</a> <span class=\"why\">(一致しませんでした)</span></div></td><td class=\"result\"><span class=\"badge failed\">不合格</span></td></tr>"));
        Assert.That(html, Does.Contain("<a href=\"#scenario-4\">連続誤入力 / 確認ボタン</a></div></td><td class=\"result\"><span class=\"badge unimplemented\">未実装</span></td></tr>"));
        Assert.That(html, Does.Contain("<td class=\"result\"><span class=\"badge manual\">手動確認</span><div class=\"reason\">手動確認: 郵送はオンラインで確かめられない</div></td></tr>"));
        Assert.That(html, Does.Contain(
            "<tr class=\"uncovered\"><td>数</td><td><code>数.ワンタイムパスワード停止回数</code></td><td>10</td><td><blockquote>10回以上連続してご入力された場合</blockquote><div class=\"manual\"><code>000_c76b88d9278846ad.txt</code></div></td>" +
            "<td><span class=\"none\">(なし)</span></td><td class=\"result\"><span class=\"badge uncovered\">未検証</span></td></tr>"));
        Assert.That(html, Does.Contain("<td><code>数.ワンタイムパスワード桁数</code></td><td>6</td><td><div class=\"assumption\"><b>(仮定)</b> マニュアルは桁数を書いていない</div><div class=\"std\">規格: RFC 6238 §5.3</div></td>"));
        Assert.That(html, Does.Contain("<article class=\"failure\" id=\"scenario-2\">"));
        Assert.That(html, Does.Contain("<li id=\"scenario-4\">連続誤入力 / 確認ボタン"));
        // The records are not evidence: the failure's log shows the step's own line only.
        Assert.That(html, Does.Contain("<pre class=\"log\">10 回入力しました</pre>"));
        Assert.That(html, Does.Not.Contain("マニュアルの記載: {"));
    }

    [Test]
    public async Task The_report_command_reads_the_ledgers_from_features_when_given()
    {
        LedgerRun().WriteTo(_f.MessagesPath);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ReportCommand.InvokeAsync(
            ["report", _f.MessagesPath, "--out", _f.OutputDir, "--requirements", _f.RequirementsPath, "--features", LedgerFixtures, "--no-pdf"], output, error);

        Assert.That((code, error.ToString()), Is.EqualTo((ReportCommand.Failures, string.Empty)));
        var html = await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile));
        Assert.That(html, Does.Contain("<h3 id=\"ledger-akita\">マニュアルの記載と検証 (項目 7: 合格 2・不合格 1・未実装 1・手動確認 1・未検証 2)</h3>"));
    }

    [Test]
    public void The_reader_takes_the_ledger_lines_out_of_the_logs()
    {
        LedgerRun().WriteTo(_f.MessagesPath);

        var run = RunReader.Read(_f.MessagesPath);

        Assert.That(run.Scenarios[1].Logs, Is.EqualTo(new[] { "10 回入力しました" }));
        Assert.That(run.Scenarios[1].LedgerChecks.Single(), Is.EqualTo(new LedgerCheck("akita", ["ログイン.画面名", "メッセージ.ワンタイムパスワード停止"], ["メッセージ.ワンタイムパスワード停止"])).Using<LedgerCheck>(Same));
        Assert.That(run.Scenarios[3].LedgerChecks.Single(), Is.EqualTo(new LedgerCheck("akita", ["OTP認証.ボタン"], [])).Using<LedgerCheck>(Same));
    }

    private static bool Same(LedgerCheck a, LedgerCheck b) => a.Bank == b.Bank && a.Checked.SequenceEqual(b.Checked) && a.Failed.SequenceEqual(b.Failed);

    [Test]
    public async Task Without_any_ledger_the_report_is_made_and_says_each_bank_has_none_yet()
    {
        LedgerRun().WriteTo(_f.MessagesPath);

        await ReportGenerator.GenerateAsync(_f.Input());
        var html = await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile));

        Assert.That(html, Does.Contain("<li><a href=\"#ledger-akita\">akita (秋田県信用組合)</a>: <span class=\"no-ledger\">台帳 akita/マニュアルの記載.yaml がまだありません</span></li>"));
        Assert.That(html, Does.Contain("<h3 id=\"ledger-aomori\">マニュアルの記載と検証 (項目 0: 合格 0・不合格 0・未実装 0・手動確認 0・未検証 0)</h3>"));
        Assert.That(html, Does.Contain("<p class=\"no-ledger\">この銀行の台帳 <code>aomori/マニュアルの記載.yaml</code> はまだありません。</p>\n<p class=\"none\">項目なし</p>"));
    }

    [Test]
    public void A_malformed_log_line_is_refused_naming_the_file_and_line()
    {
        new RunBuilder().Add(new ScenarioSpec("ログイン", "壊れた記録", ["@bank:akita"], [StepSpec.Passed("ならば", "ログインできる")])
        {
            Attachments = [Log(0, """{"bank":"akita","checked":"ログイン.画面名"}""")],
        }).WriteTo(_f.MessagesPath);

        var ex = Assert.Throws<ReportException>(() => RunReader.Read(_f.MessagesPath));
        Assert.That(ex!.Message, Does.StartWith($"実行結果 {_f.MessagesPath} の ").And.Contain(" 行目: ログ「マニュアルの記載:」の JSON の checked が文字列の配列ではありません"));
    }

    private const string Header = "bank: akita\nmanual: 000.txt\nitems:\n";

    [TestCase("  - id: a\n    kind: 色\n    text: 赤\n    quote: q\n",
        "マニュアルの記載 {0}: 項目 a (items の 1 番目) の kind が「色」です。画面名 | 画面ID | ボタン | リンク | 項目 | 表示 | メッセージ | 送信元 | 表示名 | 件名 | 数 | 手順 のどれかを書いてください。")]
    [TestCase("  - id: a\n    kind: ボタン\n    text: 確認\n",
        "マニュアルの記載 {0}: 項目 a (items の 1 番目) に quote (マニュアルの行) も assumption (仮定の理由) もありません。どちらかが必要です。")]
    [TestCase("  - id: a\n    kind: ボタン\n    text: 確認\n    quote: q\n  - id: a\n    kind: ボタン\n    text: 確認\n    quote: q\n",
        "マニュアルの記載 {0}: 項目 a (items の 2 番目) の id が重複しています。")]
    [TestCase("  - kind: ボタン\n    text: 確認\n    quote: q\n", "マニュアルの記載 {0}: items の 1 番目 に id がありません。")]
    [TestCase("  - id: a\n    kind: ボタン\n    quote: q\n", "マニュアルの記載 {0}: 項目 a (items の 1 番目) に text (銀行に期待する文言) がありません。")]
    [TestCase("  - id: a\n    kind: ボタン\n    text: 確認\n    quote: q\n    banks: [akita]\n", "マニュアルの記載 {0}: 項目 a (items の 1 番目): banks は共通ファイル (common/マニュアルの記載.yaml) の項目にだけ書けます。")]
    [TestCase("  - id: a\n    kind: ボタン\n    text: 確認\n    quote: q\n    screen: 画面.画面名\n",
        "マニュアルの記載 {0}: 項目 a の screen「画面.画面名」は同じファイルの項目にありません。その項目が表示される画面の画面名の id を書いてください。")]
    [TestCase("  - id: b\n    kind: ボタン\n    text: 戻る\n    quote: q\n  - id: a\n    kind: ボタン\n    text: 確認\n    quote: q\n    screen: b\n",
        "マニュアルの記載 {0}: 項目 a の screen「b」は ボタン です。画面名の id を書いてください。")]
    [TestCase("  - id: a\n    kind: 項目\n    text: 金融機関名\n    quote: q\n    onlyWhen: \" \"\n",
        "マニュアルの記載 {0}: 項目 a (items の 1 番目) の onlyWhen に条件がありません (どんなときに表示されるかを書いてください)。")]
    public async Task A_malformed_item_is_refused_naming_the_file_and_the_item(string items, string expected)
    {
        CopyLedgers();
        var path = ManualLedger.PathOf(_f.Dir, "akita");
        await File.WriteAllTextAsync(path, Header + items);
        LedgerRun().WriteTo(_f.MessagesPath);

        var ex = Assert.ThrowsAsync<ReportException>(() => ReportGenerator.GenerateAsync(_f.Input()));
        Assert.That(ex!.Message, Is.EqualTo(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, path)));
    }

    [Test]
    public void A_misspelt_key_a_wrong_bank_and_an_id_also_in_the_common_file_are_refused()
    {
        var common = Path.Combine(LedgerFixtures, "common", ManualLedger.FileName);
        var ex = Assert.Throws<ReportException>(() => ManualLedger.Parse(Header + "  - id: a\n    kind: ボタン\n    text: 確認\n    quote: q\n    manualcheck: 理由\n", "x.yaml", "akita", ["akita"]));
        Assert.That(ex!.Message, Does.StartWith("マニュアルの記載 x.yaml の 8 行 5 列が読めません: YAML の構文か、形式にないキーです"));
        ex = Assert.Throws<ReportException>(() => ManualLedger.Parse(Header, "x.yaml", "aomori", ["akita", "aomori"]));
        Assert.That(ex!.Message, Is.EqualTo("マニュアルの記載 x.yaml: bank が「akita」ですが、フォルダーは aomori です (bank: aomori と書いてください)。"));
        ex = Assert.Throws<ReportException>(() => ManualLedger.Parse(File.ReadAllText(common), "c.yaml", "common", ["akita"]));
        Assert.That(ex!.Message, Is.EqualTo("マニュアルの記載 c.yaml: 項目 数.ワンタイムパスワード桁数 (items の 2 番目) の banks にある「aomori」は要件台帳の profiles にありません (akita)。"));

        CopyLedgers();
        File.AppendAllText(ManualLedger.PathOf(_f.Dir, "akita"), "  - id: メッセージ.取扱不可\n    kind: メッセージ\n    text: x\n    quote: q\n");
        ex = Assert.Throws<ReportException>(() => ManualLedger.Load(_f.Dir, ["akita", "aomori"]));
        Assert.That(ex!.Message, Is.EqualTo($"マニュアルの記載 {ManualLedger.PathOf(_f.Dir, "akita")}: 項目 メッセージ.取扱不可 は共通ファイル {ManualLedger.PathOf(_f.Dir, "common")} にもあります (同じ銀行で同じ id を両方に書くのは誤りです)。"));
    }

    private static ScenarioOutcome Scenario(ScenarioStatus status) =>
        new("p", "f.feature", "機能", "シナリオ", 3, [], [], [], null, null, status, [], [], [], TimeSpan.Zero);

    private static readonly LedgerItem Item = new("a", "ボタン", "確認", "q", null, null, null, null, null, "f.yaml");

    [TestCase(new[] { ScenarioStatus.Passed }, false, LedgerStatus.Passed)]
    [TestCase(new[] { ScenarioStatus.Passed, ScenarioStatus.Passed }, true, LedgerStatus.Failed)]
    [TestCase(new[] { ScenarioStatus.Passed, ScenarioStatus.Failed }, false, LedgerStatus.Passed)]
    [TestCase(new[] { ScenarioStatus.Failed }, false, LedgerStatus.Failed)]
    [TestCase(new[] { ScenarioStatus.Failed, ScenarioStatus.Unimplemented }, false, LedgerStatus.Failed)]
    [TestCase(new[] { ScenarioStatus.Unimplemented }, false, LedgerStatus.Unimplemented)]
    [TestCase(new ScenarioStatus[0], false, LedgerStatus.Unverified)]
    public void Item_status_rules(ScenarioStatus[] checkers, bool failedInFirst, LedgerStatus expected)
    {
        var scenarios = checkers.Select(Scenario).ToList();
        Assert.That(LedgerAnalysis.StatusOf(Item, scenarios, failedInFirst ? [scenarios[0]] : []), Is.EqualTo(expected));
    }

    [Test]
    public void An_unchecked_item_with_manual_check_is_manual_and_a_checked_one_is_judged()
    {
        var manual = Item with { ManualCheck = "郵送" };
        Assert.That(LedgerAnalysis.StatusOf(manual, [], []), Is.EqualTo(LedgerStatus.Manual));
        Assert.That(LedgerAnalysis.StatusOf(manual, [Scenario(ScenarioStatus.Passed)], []), Is.EqualTo(LedgerStatus.Passed));
    }
}
