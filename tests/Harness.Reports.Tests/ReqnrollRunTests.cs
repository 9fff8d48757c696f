using System.IO.Compression;
using System.Text;
using Harness.Reports.Integrity;
using Harness.Reports.Runs;
using M = Io.Cucumber.Messages.Types;

namespace Harness.Reports.Tests;

/// <summary>
/// A real Reqnroll 3.3.4 NDJSON (Fixtures/reqnroll-run.ndjson) rendered by the <c>report</c> command. It is the messages of
/// <c>dotnet test tests/Harness.Conformance --filter "(TestCategory=req:AKT-11|TestCategory=req:SKN-04)&amp;TestCategory!=ui"</c>
/// over a copy of features/ (HARNESS_FEATURES_DIR) where one step of AKT-11's first outline reads 「ログインしたままであるはずだ」
/// (no binding: UNDEFINED, with Reqnroll's suggestion) and the second expects 「…再度ログインしてください!」 (FAILED), with two
/// changes to keep it small: the stepDefinition messages are left out (the report does not read them) and one attachment was
/// added, a 1×1 PNG 「端末-トークン.png」 on the SKN-04 scenario's after-step hook, in the shape Reqnroll writes screenshots.
/// The mails arrive as application/octet-stream (Reqnroll knows no .eml). Cucumber's HTML report is made here in the .NET
/// formatter's shape from the same messages plus a trace with a password in it and a seed file.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ReqnrollRunTests : IDisposable
{
    private const string Password = "Pa55-word-7Q";
    private const string Mobile = "携帯電話のモバイルIB / モバイルIB はワンタイムパスワードを登録していても ID とパスワードだけでログインする";
    private const string StaysLoggedIn = "メール通知パスワードの誤入力 / 4 回間違えてもログインしたままである";
    private const string LoggedOut = "メール通知パスワードの誤入力 / 5 回目の誤りで強制ログアウトされる";

    private readonly Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static string FixturePath => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "reqnroll-run.ndjson");

    [Test]
    public async Task The_report_command_renders_reqnrolls_ndjson_with_its_statuses_evidence_and_undefined_step()
    {
        var (exit, output, _) = await Render(cucumberHtml: null);

        Assert.That(exit, Is.EqualTo(ReportCommand.Failures));
        Assert.That(output, Does.Contain("シナリオ: 合格 1・不合格 1・未実装 1・その他 3\n"));
        var run = RunReader.Read(Path.Combine(_fixture.OutputDir, ReportGenerator.MessagesFile));
        Assert.That(run.Scenarios.Select(s => $"{s.Status} {s.Key} [{s.Channel}]"), Is.EqualTo(new[]
        {
            $"Unimplemented {StaysLoggedIn} (行 16) [api]", $"NotRun {StaysLoggedIn} (行 21) [ui]",
            $"Failed {LoggedOut} (行 31) [api]", $"NotRun {LoggedOut} (行 36) [ui]",
            $"Passed {Mobile} (行 16) [api]", $"NotRun {Mobile} (行 21) [ui]",
        }));
        Assert.That(run.Scenarios.Where(s => s.Status is ScenarioStatus.Failed or ScenarioStatus.Unimplemented).Select(s => $"{s.FailedStep!.Status} {s.FailedStep.Keyword} {s.FailedStep.Text}"), Is.EqualTo(new[]
        {
            "UNDEFINED ならば ログインしたままであるはずだ",
            "FAILED かつ \"メール通知パスワードを規定回数誤って入力されたため、強制ログアウトしました。再度ログインしてください!\" と表示される",
        }));
        Assert.That(run.Scenarios[0].Steps.Where(s => s.IsHook).Select(s => s.Text).Distinct(), Is.EqualTo(new[] { "StartAsync", "ScreenshotAsync", "AttachMailsAndVendorJournal", "WriteSecretsForScan", "StopAsync" }));
        Assert.That(run.Undefined.Select(u => $"{u.ScenarioName}: {u.Keyword} {u.Text}\n{string.Join("", u.Snippets)}"), Is.EqualTo(new[]
        {
            "4 回間違えてもログインしたままである: ならば ログインしたままであるはずだ\n" +
            "[Then(\"ログインしたままであるはずだ\")]\npublic void ならばログインしたままであるはずだ()\n{\n    throw new PendingStepException();\n}\n",
        }));
        Assert.That(run.Implementation, Is.EqualTo("Reqnroll 3.3.4"));
        Assert.That(run.Scenarios.SelectMany(s => s.Evidence).Select(e => $"{e.RelativePath} {e.MediaType}"), Is.EqualTo(new[]
        {
            "evidence/003-mail-01-pc1_akita.example.jp.eml message/rfc822", "evidence/004-mail-02-pc1_akita.example.jp.eml message/rfc822",
            "evidence/005-mail-01-pc3_akita.example.jp.eml message/rfc822", "evidence/006-mail-02-pc3_akita.example.jp.eml message/rfc822",
            "evidence/001-端末-トークン.png image/png", "evidence/002-vendor-journal.json application/json",
        }));
        Assert.That(Directory.GetFiles(Path.Combine(_fixture.OutputDir, ReportGenerator.EvidenceFolder)).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "001-端末-トークン.png", "002-vendor-journal.json", "003-mail-01-pc1_akita.example.jp.eml", "004-mail-02-pc1_akita.example.jp.eml",
            "005-mail-01-pc3_akita.example.jp.eml", "006-mail-02-pc3_akita.example.jp.eml",
        }));
        var html = await File.ReadAllTextAsync(Path.Combine(_fixture.OutputDir, ReportGenerator.HtmlFile));
        Assert.That(html, Does.Contain("<li><a href=\"evidence/003-mail-01-pc1_akita.example.jp.eml\">メール: mail-01-pc1@akita.example.jp.eml</a></li>"));
        Assert.That(html, Does.Contain("<h2>不合格のシナリオ (1 件)</h2>").And.Contain("<h2>未実装のシナリオ (1 件)</h2>").And.Contain("<h2>未定義のステップ (1 件)</h2>"));
        Assert.That(html, Does.Not.Contain("cucumber.html").And.Not.Contain("Cucumber の HTML レポート"));
        Assert.That(File.Exists(Path.Combine(_fixture.OutputDir, CucumberHtml.FileName)), Is.False);
    }

    [Test]
    public async Task Cucumbers_html_report_is_copied_with_its_trace_redacted_and_its_secret_attachment_left_out_and_linked()
    {
        var source = Path.Combine(_fixture.Dir, "cucumber-source.html");
        await File.WriteAllTextAsync(source, CucumberHtmlOf(FixturePath, Trace(), "seed.txt"));

        var (exit, _, error) = await Render(source);

        Assert.That((exit, error), Is.EqualTo((ReportCommand.Failures, string.Empty)));
        var copy = await File.ReadAllTextAsync(Path.Combine(_fixture.OutputDir, CucumberHtml.FileName));
        Assert.That(copy, Does.StartWith(Head).And.EndWith(Tail));
        var attachments = MessagesOf(copy).Where(e => e.Attachment is not null).Select(e => e.Attachment!).ToList();
        Assert.That(attachments.Select(a => a.FileName), Is.EqualTo(new[]
        {
            "端末-トークン.png", "vendor-journal.json", "mail-01-pc1@akita.example.jp.eml", "mail-02-pc1@akita.example.jp.eml",
            "mail-01-pc3@akita.example.jp.eml", "mail-02-pc3@akita.example.jp.eml", "trace.zip",
        }), "seed.txt is left out");
        using var zip = new ZipArchive(new MemoryStream(Convert.FromBase64String(attachments[^1].Body)));
        using var entry = new StreamReader(zip.GetEntry("trace.network")!.Open());
        Assert.That(await entry.ReadToEndAsync(), Is.EqualTo("POST /login loginId=pc1&password=%5B%E4%BC%8F%E3%81%9B%E5%AD%97%5D&next=%3Cmenu%3E"));
        Assert.That(copy, Does.Not.Contain(Password).And.Not.Contain("seed.txt"));

        var html = await File.ReadAllTextAsync(Path.Combine(_fixture.OutputDir, ReportGenerator.HtmlFile));
        Assert.That(html, Does.Contain("<p class=\"cucumber\"><a href=\"cucumber.html\">Cucumber の HTML レポート (機能・タグ・結果で絞り込み)</a></p>\n</header>"));
        Assert.That(File.ReadAllLines(Path.Combine(_fixture.OutputDir, Manifest.FileName)).Select(l => l.Split("  ")[1]), Does.Contain(CucumberHtml.FileName));
    }

    [Test]
    public async Task A_cucumber_html_whose_messages_cannot_be_read_is_left_out_with_a_note()
    {
        var source = Path.Combine(_fixture.Dir, "cucumber-source.html");
        await File.WriteAllTextAsync(source, Head + "[{\"attachment\": ];\n" + Tail);

        var (exit, _, error) = await Render(source);

        Assert.That((exit, error), Is.EqualTo((ReportCommand.Failures, string.Empty)));
        Assert.That(File.Exists(Path.Combine(_fixture.OutputDir, CucumberHtml.FileName)), Is.False);
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_fixture.OutputDir, ReportGenerator.HtmlFile)), Does.Contain(
            "<p class=\"cucumber none\">Cucumber の HTML レポートは載せていません: 埋め込まれた実行結果が読めず、添付に秘密情報がないことを確かめられませんでした。</p>"));
    }

    [Test]
    public async Task A_failed_test_run_hook_is_shown_with_the_runs_logs_its_secret_masked()
    {
        var messages = Path.Combine(_fixture.Dir, "hook-failed.ndjson");
        var lines = File.ReadAllLines(FixturePath).ToList();
        var first = lines.FindIndex(l => l.StartsWith("{\"testRunHookFinished\"", StringComparison.Ordinal));
        lines[first] = lines[first].Replace("\"status\":\"PASSED\"", "\"message\":\"コンテナーを起動できません: password=Pa55\",\"status\":\"FAILED\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(messages, lines);

        var run = RunReader.Read(messages);

        Assert.That(run.RunLogs, Is.EqualTo(new[] { "テスト実行のフック StartContainersAsync: FAILED コンテナーを起動できません: password=[伏せ字]" }));
    }

    private const string Head = "<!DOCTYPE html>\n<html>\n<head>\n<title>Cucumber</title>\n</head>\n<body>\n<div id=\"content\">\n</div>\n<script>\nwindow.CUCUMBER_MESSAGES = ";
    private const string Tail = "</script>\n<script>\n/* the page's code */\n</script>\n</body>\n</html>\n";

    private async Task<(int Exit, string Output, string Error)> Render(string? cucumberHtml)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["report", FixturePath, "--out", _fixture.OutputDir, "--requirements", RequirementsPath(), "--no-pdf"];
        var exit = await ReportCommand.InvokeAsync(cucumberHtml is null ? args : [.. args, "--cucumber-html", cucumberHtml], output, error);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }

    /// <summary>Cucumber's page as the .NET html formatter writes it: the messages one after another in a script, each <c>&lt;</c> as <c>\x3C</c>;
    /// after the run's messages, a trace (zip) and a seed file attached to the last test case.</summary>
    [TestCase("application/json", "journal.json", "{\"note\": \"パスワード=abc 以上\"}", "{\"note\": \"パスワード=[伏せ字] 以上\"}")]
    [TestCase("application/octet-stream", "mail-01.eml", "Subject: 通知\r\n\r\nパスワード=abc\r\n", "Subject: 通知\r\n\r\nパスワード=[伏せ字]\r\n")]
    [TestCase("text/plain", "log.txt", "seed: abc、以上", "seed: [伏せ字]、以上")]
    public void A_base64_text_attachment_is_masked_in_the_messages_copy(string mediaType, string fileName, string text, string expected)
    {
        var attachment = new M.Attachment(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), M.AttachmentContentEncoding.BASE64, fileName, mediaType,
            null, "case-1", "step-1", null, null, null, new M.Timestamp(0, 0));

        var sanitized = RunReader.Sanitize(M.Envelope.Create(attachment))!.Attachment!;

        Assert.That(
            (Encoding.UTF8.GetString(Convert.FromBase64String(sanitized.Body)), sanitized.ContentEncoding, sanitized.FileName, sanitized.MediaType),
            Is.EqualTo((expected, M.AttachmentContentEncoding.BASE64, fileName, mediaType)));
    }

    [Test]
    public void A_base64_binary_attachment_is_copied_as_it_is()
    {
        var envelope = M.Envelope.Create(new M.Attachment(Convert.ToBase64String(Encoding.UTF8.GetBytes("パスワード=abc")), M.AttachmentContentEncoding.BASE64,
            "image.png", "image/png", null, "case-1", "step-1", null, null, null, new M.Timestamp(0, 0)));

        Assert.That(RunReader.Sanitize(envelope), Is.SameAs(envelope));
    }

    [Test]
    public void A_failed_test_run_hook_and_the_run_finished_message_are_masked()
    {
        var hook = M.Envelope.Create(new M.TestRunHookFinished("hook-1",
            new M.TestStepResult(new M.Duration(0, 0), "接続に失敗: パスワード=abc", M.TestStepResultStatus.FAILED,
                new M.Exception("System.InvalidOperationException", "パスワード=abc", "at Hooks.Start() seed=xyz")),
            new M.Timestamp(0, 0)));
        var finished = M.Envelope.Create(new M.TestRunFinished("パスワード=abc で失敗", false, new M.Timestamp(0, 0),
            new M.Exception("System.Exception", "secret: abc", null), "run-1"));

        var hookResult = RunReader.Sanitize(hook)!.TestRunHookFinished!;
        var runFinished = RunReader.Sanitize(finished)!.TestRunFinished!;

        Assert.Multiple(() =>
        {
            Assert.That((hookResult.TestRunHookStartedId, hookResult.Result.Status, hookResult.Result.Message, hookResult.Result.Exception.Type, hookResult.Result.Exception.Message, hookResult.Result.Exception.StackTrace),
                Is.EqualTo(("hook-1", M.TestStepResultStatus.FAILED, "接続に失敗: パスワード=[伏せ字]", "System.InvalidOperationException", "パスワード=[伏せ字]", "at Hooks.Start() seed=[伏せ字]")));
            Assert.That((runFinished.Message, runFinished.Success, runFinished.Exception.Type, runFinished.Exception.Message, runFinished.Exception.StackTrace, runFinished.TestRunStartedId),
                Is.EqualTo(("パスワード=[伏せ字] で失敗", false, "System.Exception", "secret: [伏せ字]", (string?)null, "run-1")));
        });
    }

    private static string CucumberHtmlOf(string ndjson, byte[] trace, string secretName)
    {
        var lines = File.ReadAllLines(ndjson).Where(l => l.Length > 0).ToList();
        var caseStarted = lines.Last(l => l.StartsWith("{\"testCaseStarted\"", StringComparison.Ordinal));
        var id = caseStarted[(caseStarted.IndexOf("\"id\":\"", StringComparison.Ordinal) + 6)..];
        id = id[..id.IndexOf('"', StringComparison.Ordinal)];
        string Attachment(string name, string body) =>
            $"{{\"attachment\":{{\"body\":\"{body}\",\"contentEncoding\":\"BASE64\",\"fileName\":\"{name}\",\"mediaType\":\"application/octet-stream\",\"testCaseStartedId\":\"{id}\"}}}}";
        lines.Add(Attachment("trace.zip", Convert.ToBase64String(trace)));
        lines.Add(Attachment(secretName, Convert.ToBase64String(Encoding.UTF8.GetBytes(Password))));
        return Head + "[" + string.Join(",", lines).Replace("<", "\\x3C", StringComparison.Ordinal) + "];\n" + Tail;
    }

    private static byte[] Trace()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("trace.network").Open(), new UTF8Encoding(false));
            writer.Write($"POST /login loginId=pc1&password={Password}&next=%3Cmenu%3E");
        }

        return stream.ToArray();
    }

    private static List<Io.Cucumber.Messages.Types.Envelope> MessagesOf(string html)
    {
        var start = html.IndexOf("window.CUCUMBER_MESSAGES = ", StringComparison.Ordinal) + "window.CUCUMBER_MESSAGES = ".Length;
        var json = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)].TrimEnd().TrimEnd(';').Replace("\\x3C", "\\u003C", StringComparison.Ordinal);
        using var array = System.Text.Json.JsonDocument.Parse(json);
        return [.. array.RootElement.EnumerateArray().Select(e => Harness.Gherkin.Formatters.MessageSerializer.Deserialize(e.GetRawText()))];
    }

    private static string RequirementsPath()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return Path.Combine(dir.FullName, "features", "requirements.yaml");
            }
        }

        throw new InvalidOperationException("Harness.sln が見つかりません。");
    }
}
