using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;

namespace Harness.Reports.Tests;

/// <summary>The files of the output folder, from the standard run (no PDF: <see cref="PdfTests"/> prints one).</summary>
public sealed class ReportFilesTests
{
    private Fixture _f = null!;
    private ReportSummary _summary = null!;
    private string _html = null!;

    [SetUp]
    public async Task SetUp()
    {
        _f = new Fixture();
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        _summary = await ReportGenerator.GenerateAsync(_f.Input());
        _html = await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile));
    }

    [TearDown]
    public void TearDown() => _f.Dispose();

    [Test]
    public void The_output_folder_holds_exactly_the_report_files()
    {
        Assert.That(_summary.Files, Is.EqualTo(new[]
        {
            "conformance.html", "evidence/001-ログイン画面.png", "junit.xml", "messages.ndjson", "run.json", "manifest.sha256",
        }));
        var onDisk = Directory.EnumerateFiles(_f.OutputDir, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(_f.OutputDir, p).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.That(onDisk, Is.EqualTo(_summary.Files.Order(StringComparer.Ordinal)));
        Assert.That(
            _summary.Profiles,
            Is.EqualTo(new[] { new ProfileSummary("akita", "秋田県信用組合", 2, 1, 0, 1, 1), new ProfileSummary("aomori", "青森県信用組合", 1, 0, 1, 1, 0) }));
        Assert.That((_summary.ScenariosPassed, _summary.ScenariosFailed, _summary.ScenariosUnimplemented, _summary.ScenariosOther), Is.EqualTo((3, 1, 1, 1)));
    }

    [Test]
    public void The_html_quotes_the_manual_sentence_verbatim_and_names_the_manual()
    {
        Assert.That(_html, Does.Contain("<blockquote>" + Fixture.Akt07Sentence + "</blockquote>"));
        Assert.That(_html, Does.Contain("<blockquote>本サービスの利用を再開する場合は、一旦「利用停止」を依頼してください。</blockquote>"));
        Assert.That(_html, Does.Contain("<code>000_c76b88d9278846ad.txt</code>"));
        Assert.That(_html, Does.Contain("規格: RFC 6238 §5.2"));
    }

    [Test]
    public void The_html_embeds_the_screenshot_once_as_a_data_uri_and_shows_it_linked_to_its_evidence_file()
    {
        Assert.That(_html, Does.Contain($"<image id=\"ev-1\" width=\"1\" height=\"1\" href=\"data:image/png;base64,{RunBuilder.PngBase64}\"/>"));
        Assert.That(_html, Does.Contain(
            "<figure class=\"thumb\"><a href=\"evidence/001-ログイン画面.png\"><svg viewBox=\"0 0 1 1\" role=\"img\" aria-label=\"ログイン画面.png\"><use href=\"#ev-1\"/></svg></a>"));
        Assert.That(_html.Split("data:image/png;base64,").Length - 1, Is.EqualTo(1), "each screenshot is embedded once and used where shown");
        Assert.That(File.ReadAllBytes(Path.Combine(_f.OutputDir, "evidence", "001-ログイン画面.png")), Is.EqualTo(Convert.FromBase64String(RunBuilder.PngBase64)));
    }

    [Test]
    public void The_html_shows_uncovered_requirements_in_their_own_box()
    {
        Assert.That(_html, Does.Contain("<h3>未網羅の要件 (1 件): 検証したシナリオがありません</h3>\n<ul><li><b>AKT-09</b> メール通知パスワードの利用登録</li></ul>"));
        Assert.That(_html, Does.Contain("<h3>未網羅の要件 (1 件): 検証したシナリオがありません</h3>\n<ul><li><b>AOM-05</b> 申請内容選択画面</li></ul>"));
        Assert.That(_html, Does.Contain("<tr class=\"uncovered\"><td><b>AKT-09</b>"));
        Assert.That(_html, Does.Contain("10回連続で誤るとログインできない <small>[ui]</small><div class=\"why\">FAILED: ならば ログインできない</div>"));
    }

    [Test]
    public void The_html_lists_each_profiles_assumptions()
    {
        Assert.That(_html, Does.Contain(
            "<h3>前提条件 (仮定)</h3>\n<ul class=\"assumptions\"><li><b>AKT-02</b> ワンタイムパスワードは8桁とする(仮定)</li><li><b>AKT-07</b> " + Fixture.Akt07Assumption +
            "</li><li><b>X-03</b> 許容ずれは過去1ステップ・未来1ステップとする(仮定)</li></ul>"));
        Assert.That(_html, Does.Contain("<li><b>AOM-04</b> 「一定回数」は10回とする(仮定)</li><li><b>X-03</b> 許容ずれは過去1ステップ・未来1ステップとする(仮定)</li></ul>"));
    }

    [Test]
    public void The_html_shows_the_failure_with_its_step_message_and_screenshot()
    {
        var start = _html.IndexOf("<article class=\"failure\" id=\"scenario-3\"><h3>連続誤入力 / 10回連続で誤るとログインできない</h3>", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0));
        var article = _html[start.._html.IndexOf("</article>", start, StringComparison.Ordinal)];
        Assert.That(article, Does.Contain("失敗したステップ: <b>ならば ログインできない</b> <span class=\"badge failed\">FAILED</span>"));
        Assert.That(article, Does.Contain("<pre class=\"message\">期待: ログイン画面に「ワンタイムパスワードの利用が停止されています」\n実際: メニュー画面</pre>"));
        Assert.That(article, Does.Contain("<figure class=\"shot\"><a href=\"evidence/001-ログイン画面.png\"><svg viewBox=\"0 0 1 1\" role=\"img\" aria-label=\"ログイン画面.png\"><use href=\"#ev-1\"/></svg></a>"));
    }

    [Test]
    public void The_html_lists_undefined_steps_with_their_snippets_encoded()
    {
        Assert.That(_html, Does.Contain("<h2>未定義のステップ (1 件)</h2>"));
        Assert.That(_html, Does.Contain("<b>ならば トークンが停止状態になる</b>"));
        Assert.That(_html, Does.Contain("<pre class=\"snippet\">[Then(&quot;トークンが停止状態になる&quot;)]\npublic void Thenトークンが停止状態になる()\n{\n    throw new PendingStepException();\n}</pre>"));
    }

    [Test]
    public void The_html_shows_manual_scenarios_with_their_reason_and_the_profile_counts()
    {
        Assert.That(_html, Does.Contain("<tr id=\"scenario-5\"><td>窓口 / 紛失時に窓口で利用停止する</td><td>AKT-08</td><td>紙の申込書と本人確認は自動化できないため手動で確認する</td></tr>"));
        Assert.That(_html, Does.Contain("窓口 / 紛失時に窓口で利用停止する<div class=\"reason\">手動確認の理由: 紙の申込書と本人確認は自動化できないため手動で確認する</div>"));
        Assert.That(_html, Does.Contain("合格 <b>2</b>・不合格 <b>1</b>・未実装 <b>0</b>・未網羅 <b>1</b>・手動確認 <b>1</b> (要件 5 件)"));
        Assert.That(_html, Does.Contain("aria-label=\"合格 2、不合格 1、未実装 0、手動確認 1、未網羅 1\""));
        Assert.That(_html, Does.Contain("実行開始: 2026年11月23日 19:00:00 (日本時間)"));
    }

    [Test]
    public void An_undefined_step_makes_the_scenario_and_requirement_unimplemented_not_failed()
    {
        Assert.That(_html, Does.Contain("・不合格 1・未実装 1・手動確認 1・スキップ/未実行 0</p>"));
        Assert.That(_html, Does.Contain("<h2>不合格のシナリオ (1 件)</h2>"));
        Assert.That(_html, Does.Contain(
            "<h2>未実装のシナリオ (1 件)</h2>\n<p class=\"rules\">未定義 (UNDEFINED) か保留 (PENDING) のステップで止まったシナリオです。ハーネスのステップが足りないため銀行を判定していません (不合格とは数えません)。</p>\n" +
            "<ul><li id=\"scenario-4\">連続誤入力 / 青森: 上限を超えるとワンタイムパスワード認証が停止する <code>連続誤入力.feature:14</code>: <span class=\"badge unimplemented\">UNDEFINED</span> ならば トークンが停止状態になる</li></ul>"));
        Assert.That(_html, Does.Contain("<tr class=\"unimplemented\"><td><b>AOM-04</b>"));
        Assert.That(_html, Does.Contain("<td class=\"result\"><span class=\"badge unimplemented\">未実装</span></td>"));
        Assert.That(_html, Does.Contain("<div class=\"missing\">UNDEFINED: ならば トークンが停止状態になる</div>"));
        Assert.That(_html, Does.Contain("<td class=\"n failed\">0</td><td class=\"n unimplemented\">1</td>"));
    }

    [Test]
    public void Junit_has_one_testcase_per_scenario_with_failures_and_skips_counted()
    {
        var xml = XDocument.Load(Path.Combine(_f.OutputDir, ReportGenerator.JUnitFile));
        var root = xml.Root!;
        Assert.That(
            (root.Attribute("tests")!.Value, root.Attribute("failures")!.Value, root.Attribute("errors")!.Value, root.Attribute("skipped")!.Value, root.Attribute("time")!.Value),
            Is.EqualTo(("6", "1", "1", "1", "2.500"))); // 10 executed steps of 250 ms each
        var cases = root.Descendants("testcase").Select(c => (c.Attribute("classname")!.Value, c.Attribute("name")!.Value, (c.Element("failure") ?? c.Element("error"))?.Attribute("message")?.Value)).ToList();
        Assert.That(cases, Is.EqualTo(new (string, string, string?)[]
        {
            ("ログイン", "正しいコードでログインできる", null),
            ("連続誤入力", "9回誤った後の正しいコードではロックされない", null),
            ("連続誤入力", "10回連続で誤るとログインできない", "FAILED: ならば ログインできない"),
            ("連続誤入力", "青森: 上限を超えるとワンタイムパスワード認証が停止する", "未実装: UNDEFINED: ならば トークンが停止状態になる"),
            ("窓口", "紛失時に窓口で利用停止する", null),
            ("時刻ずれ", "1ステップ前のコードは受け付け2ステップ前は拒否する", null),
        }));
        Assert.That(root.Descendants("failure").First().Value, Is.EqualTo(Fixture.FailureMessage));
        Assert.That(root.Descendants("skipped").Single().Attribute("message")!.Value, Is.EqualTo("手動確認: 紙の申込書と本人確認は自動化できないため手動で確認する"));
    }

    [Test]
    public async Task The_manifest_verifies_with_sha256sum_and_catches_a_changed_file()
    {
        var (code, output) = await Sha256SumCheck(_f.OutputDir);
        Assert.That((code, output), Is.EqualTo((0,
            "conformance.html: OK\nevidence/001-ログイン画面.png: OK\njunit.xml: OK\nmessages.ndjson: OK\nrun.json: OK\n")));

        await File.AppendAllTextAsync(Path.Combine(_f.OutputDir, "junit.xml"), "<!-- changed -->");
        var (changedCode, changedOutput) = await Sha256SumCheck(_f.OutputDir);
        Assert.That(changedCode, Is.EqualTo(1));
        Assert.That(changedOutput, Does.Contain("junit.xml: FAILED\n"));
    }

    [Test]
    public void No_seed_reaches_any_file_of_the_report()
    {
        foreach (var file in Directory.EnumerateFiles(_f.OutputDir, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.That(text, Does.Not.Contain(Fixture.Seed), file);
            Assert.That(text, Does.Not.Contain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Fixture.Seed))), file);
        }

        Assert.That(File.ReadAllLines(Path.Combine(_f.OutputDir, ReportGenerator.MessagesFile)).Length, Is.EqualTo(File.ReadAllLines(_f.MessagesPath).Length - 1));
        Assert.That(File.ReadAllText(Path.Combine(_f.OutputDir, ReportGenerator.MessagesFile)), Does.Contain("トークン発行: seed=[伏せ字] で登録"));
        Assert.That(_html, Does.Contain("除外した添付: <b>1</b> 件。"));
    }

    [Test]
    public void Run_json_records_the_reproducibility_facts()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_f.OutputDir, ReportGenerator.RunFile)));
        var r = json.RootElement;
        Assert.That(
            (r.GetProperty("commit").GetString(), r.GetProperty("dotnet").GetString(), r.GetProperty("locale").GetString(), r.GetProperty("timeZone").GetString(),
             r.GetProperty("virtualClockStart").GetString(), r.GetProperty("testRunStarted").GetString(), r.GetProperty("withheldSecretAttachments").GetInt32()),
            Is.EqualTo(("0123456789abcdef0123456789abcdef01234567", "10.0.12", "ja-JP", "Asia/Tokyo", "2026-11-23T09:00:00+09:00", "2026-11-23T10:00:00.5+00:00", 1)));
        var expectedHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RunBuilder.FeatureText("ログイン"))));
        Assert.That(r.GetProperty("features").GetProperty("ログイン.feature").GetString(), Is.EqualTo(expectedHash));
        Assert.That(r.GetProperty("features").EnumerateObject().Count(), Is.EqualTo(4));
    }

    internal static async Task<(int Code, string Output)> Sha256SumCheck(string dir)
    {
        var start = new ProcessStartInfo("sha256sum", ["-c", "manifest.sha256"])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
