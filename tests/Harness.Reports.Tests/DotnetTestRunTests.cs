using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Harness.Reports.Register;
using Harness.Reports.Runs;

namespace Harness.Reports.Tests;

/// <summary>
/// The conformance suite run as CI runs it (<c>dotnet test</c> in its own process, already built, a few fast API scenarios:
/// akita's mail-password lockout and shinkin's モバイルIB with VIP Access), its NDJSON rendered by the <c>report</c> command.
/// The suite also writes its customers' secrets to a side file (HARNESS_SECRETS_FOR_SCAN) so the whole report folder can be
/// scanned for them.
/// </summary>
[NonParallelizable]
public sealed partial class DotnetTestRunTests
{
    private const string Filter = "((TestCategory=req:AKT-11&Name~メール通知パスワードの誤入力)|(TestCategory=req:SKN-04&Name~携帯電話のモバイルIB))&TestCategory!=ui";
    private const string MailFeature = "メール通知パスワードの誤入力";
    private const string StaysLoggedIn = "4 回間違えてもログインしたままである";
    private const string LoggedOut = "5 回目の誤りで強制ログアウトされる";
    private const string MobileFeature = "携帯電話のモバイルIB";
    private const string MobileLogin = "モバイルIB はワンタイムパスワードを登録していても ID とパスワードだけでログインする";

    private string _root = null!;
    private DirectoryInfo _work = null!;
    private string _out = null!;
    private int _reportExit;
    private string _reportOutput = null!;
    private string _html = null!;

    [OneTimeSetUp]
    public async Task RunTheSuiteAndRenderItsNdjson()
    {
        _root = Root();
        _work = Directory.CreateTempSubdirectory("harness-dotnet-test-");
        var messages = Path.Combine(_work.FullName, "messages.ndjson");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "test", Path.Combine(_root, "tests", "Harness.Conformance", "Harness.Conformance.csproj"), "--no-build", "--nologo",
                "--filter", Filter, "--results-directory", Path.Combine(_work.FullName, "results"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        start.Environment["REQNROLL_FORMATTERS_MESSAGE"] = "outputFilePath=" + messages;
        start.Environment["REQNROLL_FORMATTERS_HTML"] = "outputFilePath=" + CucumberHtmlPath;
        start.Environment["REQNROLL_TELEMETRY_ENABLED"] = "0";
        start.Environment["HARNESS_SECRETS_FOR_SCAN"] = SecretsFile;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(guard.Token);
        var suiteOutput = await stdout + await stderr;
        Assert.That(process.ExitCode, Is.EqualTo(0), "dotnet test of the conformance suite:\n" + suiteOutput);
        Assert.That(suiteOutput, Does.Contain("Passed!  - Failed:     0, Passed:     3, Skipped:     0, Total:     3"), suiteOutput);

        _out = Path.Combine(_work.FullName, "report");
        using var output = new StringWriter();
        using var error = new StringWriter();
        _reportExit = await ReportCommand.InvokeAsync(
            ["report", messages, "--out", _out, "--requirements", RequirementsPath, "--profiles", Path.Combine(_root, "src", "Harness.Bank", "Profiles"), "--cucumber-html", CucumberHtmlPath],
            output, error);
        Assert.That(error.ToString(), Is.Empty);
        _reportOutput = output.ToString();
        _html = await File.ReadAllTextAsync(Path.Combine(_out, ReportGenerator.HtmlFile));
    }

    [OneTimeTearDown]
    public void TearDown() => _work?.Delete(recursive: true);

    private string SecretsFile => Path.Combine(_work.FullName, "secrets.tsv");

    private string CucumberHtmlPath => Path.Combine(_work.FullName, "cucumber-source.html");

    private string RequirementsPath => Path.Combine(_root, "features", "requirements.yaml");

    [Test]
    public void The_report_command_counts_the_three_passed_scenarios_per_profile()
    {
        var register = RequirementRegister.Load(RequirementsPath);
        int Others(string profile, int passed) => register.Requirements.Count(r => r.Profiles.Contains(profile, StringComparer.Ordinal)) - passed;
        var lines = _reportOutput.Split('\n');

        Assert.That(_reportExit, Is.EqualTo(ReportCommand.Success));
        // Reqnroll writes the pickles of the features the filter selected scenarios from only: akita's two manual
        // scenarios are in another feature, so they are not in this run and their requirements count as uncovered.
        Assert.That(lines.Single(l => l.StartsWith("akita ", StringComparison.Ordinal)), Is.EqualTo(
            string.Create(CultureInfo.InvariantCulture, $"akita (秋田県信用組合): 合格 2・不合格 0・未実装 0・未網羅 {Others("akita", 2)}・手動確認 0")));
        Assert.That(lines.Single(l => l.StartsWith("shinkin ", StringComparison.Ordinal)), Does.StartWith("shinkin (").And.Contain("): 合格 1・不合格 0・未実装 0・未網羅 "));
        Assert.That(lines.Single(l => l.StartsWith("kyoei ", StringComparison.Ordinal)), Does.EndWith(
            string.Create(CultureInfo.InvariantCulture, $"合格 0・不合格 0・未実装 0・未網羅 {Others("kyoei", 0)}・手動確認 0")));
        Assert.That(lines.Single(l => l.StartsWith("シナリオ: ", StringComparison.Ordinal)), Does.StartWith("シナリオ: 合格 3・不合格 0・未実装 0・その他 "));
        Assert.That(lines, Does.Contain($"報告書: {Path.Combine(_out, ReportGenerator.HtmlFile)}"));
    }

    [Test]
    public void Junit_lists_exactly_the_three_scenarios_that_ran_as_passed()
    {
        var junit = XDocument.Load(Path.Combine(_out, ReportGenerator.JUnitFile));
        var ran = junit.Descendants("testcase")
            .Where(t => !t.Elements().Any())
            .Select(t => $"{(string)t.Attribute("classname")!} / {(string)t.Attribute("name")!}")
            .Order(StringComparer.Ordinal);

        // The outline's API and UI rows share a name: junit tells them apart by line.
        Assert.That(ran, Is.EqualTo(new[] { $"{MailFeature} / {StaysLoggedIn} (行 16)", $"{MailFeature} / {LoggedOut} (行 31)", $"{MobileFeature} / {MobileLogin} (行 16)" }.Order(StringComparer.Ordinal)));
        Assert.That((string)junit.Root!.Attribute("failures")!, Is.EqualTo("0"));
        Assert.That(junit.Descendants("failure").Count(), Is.EqualTo(0));
        var skipped = junit.Descendants("testcase").Where(t => t.Elements().Any()).Select(t => (string)t.Element("skipped")!.Attribute("message")!).ToList();
        Assert.That(skipped.Where(m => m != "未実行"), Is.All.StartWith("手動確認: "),
            "every other scenario of the features the filter selected from is listed as not run, or as a manual check with its reason");
        Assert.That(skipped, Does.Contain("未実行"));
    }

    [Test]
    public void The_html_rows_of_the_requirements_name_their_scenarios_and_results()
    {
        Assert.That(Row("AKT-11"), Does.StartWith("<tr class=\"passed\"><td><b>AKT-11</b><br>メール通知パスワード誤入力による強制ログアウト</td>"));
        Assert.That(Scenarios(Row("AKT-11")), Is.EqualTo(new[]
        {
            $"合格 {MailFeature} / {StaysLoggedIn} [api]", $"未実行 {MailFeature} / {StaysLoggedIn} [ui]",
            $"合格 {MailFeature} / {LoggedOut} [api]", $"未実行 {MailFeature} / {LoggedOut} [ui]",
        }));
        Assert.That(Row("AKT-11"), Does.Contain("<blockquote>メール通知パスワードを5回誤入力された場合は強制ログアウトとなります。</blockquote>"));
        Assert.That(Row("AKT-11"), Does.EndWith("<td class=\"result\"><span class=\"badge passed\">合格</span></td><td class=\"evidence\"></td></tr>"));

        Assert.That(Row("AKT-11"), Does.Match(
            "<small>\\[api\\]</small><div class=\"files\">証跡: <a href=\"evidence/[0-9]{3}-mail-01-pc[0-9]+_akita.example.jp.eml\" title=\"mail-01-pc[0-9]+@akita.example.jp.eml\">メール 1</a>・" +
            "<a href=\"evidence/[0-9]{3}-mail-02-pc[0-9]+_akita.example.jp.eml\" title=\"mail-02-pc[0-9]+@akita.example.jp.eml\">メール 2</a></div></div>"));
        Assert.That(Row("SKN-04"), Does.Match("<small>\\[api\\]</small><div class=\"files\">証跡: <a href=\"evidence/[0-9]{3}-vendor-journal.json\" title=\"vendor-journal.json\">ベンダーの記録</a></div></div>"));

        Assert.That(Row("AKT-10"), Does.StartWith("<tr class=\"passed\"><td><b>AKT-10</b><br>"));
        // AKT-10 has more scenarios than the three that ran: the one that ran passed, every other is listed as not run.
        Assert.That(Scenarios(Row("AKT-10")).Where(r => !r.StartsWith("未実行 ", StringComparison.Ordinal)), Is.EqualTo(new[] { $"合格 {MailFeature} / {StaysLoggedIn} [api]" }));

        Assert.That(Row("SKN-04"), Does.StartWith("<tr class=\"passed\"><td><b>SKN-04</b><br>モバイルIBはID・パスワードのみ</td>"));
        Assert.That(Scenarios(Row("SKN-04")), Is.EqualTo(new[] { $"合格 {MobileFeature} / {MobileLogin} [api]", $"未実行 {MobileFeature} / {MobileLogin} [ui]" }));

        Assert.That(Row("AKT-07"), Does.StartWith("<tr class=\"uncovered\"><td><b>AKT-07</b>"), "a requirement whose scenarios did not run is uncovered");
        Assert.That(_html, Does.Contain("<h2>不合格のシナリオ (0 件)</h2>"));
    }

    [Test]
    public void Each_scenario_links_the_mails_its_mailboxes_received_and_the_vendor_journal()
    {
        var run = RunReader.Read(Path.Combine(_out, ReportGenerator.MessagesFile));
        string[] EvidenceOf(string name) => [.. run.Scenarios.Single(s => s.Name == name && s.Channel == "api").Evidence
            .Select(e => $"{e.MediaType} {CustomerNumber().Replace(e.FileName!, "pcN@")}")];

        Assert.That(EvidenceOf(StaysLoggedIn), Is.EqualTo(new[] { "message/rfc822 mail-01-pcN@akita.example.jp.eml", "message/rfc822 mail-02-pcN@akita.example.jp.eml" }));
        Assert.That(EvidenceOf(LoggedOut), Is.EqualTo(new[] { "message/rfc822 mail-01-pcN@akita.example.jp.eml", "message/rfc822 mail-02-pcN@akita.example.jp.eml" }));
        Assert.That(EvidenceOf(MobileLogin), Is.EqualTo(new[] { "application/json vendor-journal.json" }));

        foreach (var e in run.Scenarios.SelectMany(s => s.Evidence))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(_out, e.RelativePath)), Is.EqualTo(e.Content), e.RelativePath);
            var kind = e.MediaType == "message/rfc822" ? "メール" : "ベンダーの記録";
            Assert.That(Section("evidence"), Does.Contain($"<li><a href=\"{e.RelativePath}\">{kind}: {e.FileName}</a></li>"));
        }
    }

    [Test]
    public void The_mails_are_kept_as_eml_with_the_mail_password_masked()
    {
        var emls = Directory.GetFiles(Path.Combine(_out, "evidence"), "*.eml").Order(StringComparer.Ordinal).ToList();
        Assert.That(emls, Has.Count.EqualTo(4));
        foreach (var eml in emls)
        {
            var message = MimeKit.MimeMessage.Load(eml);
            Assert.That(message.Subject, Is.EqualTo("メール通知パスワードのお知らせ"), eml);
            Assert.That((message.From.Mailboxes.Single().Address, message.From.Mailboxes.Single().Name), Is.EqualTo(("info@akita-kenshin.jp", "AKITAKENSHINYOUKUMIAI")), eml);
            Assert.That(message.Headers["X-Harness-Received"], Is.EqualTo("2026-11-23T09:00:00+09:00"), eml);
            Assert.That((message.TextBody ?? string.Empty).ReplaceLineEndings("\n"), Is.EqualTo(
                "秋田県信用組合です。\nメール通知パスワードをお知らせします。\n送信日時：2026年11月23日 09時00分00秒\nメール通知パスワード：[伏せ字]\n" +
                "このパスワードはログアウトまたは新しいメール通知パスワードの発行まで有効です。\n"), eml);
        }
    }

    [Test]
    public void The_vendor_journal_holds_the_registration_request_on_the_virtual_clock()
    {
        using var journal = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(_out, "evidence"), "*-vendor-journal.json").Single()));
        var entry = journal.RootElement.EnumerateArray().Single();
        Assert.That(entry.GetProperty("at").GetString(), Is.EqualTo("2026-11-23T09:00:00+09:00"));
        Assert.That(entry.GetProperty("method").GetString(), Is.EqualTo("POST"));
        Assert.That(entry.GetProperty("path").GetString(), Is.EqualTo("/vip/v1/validate"));
        Assert.That(entry.GetProperty("requestBody").GetString(), Does.Match("^\\{\"credentialId\":\"VSMT[0-9]{8}\",\"securityCode\":\"[0-9]{6}\"\\}$"));
        Assert.That(entry.GetProperty("statusCode").GetInt32(), Is.EqualTo(200));
        Assert.That(entry.GetProperty("responseBody").GetString(), Is.EqualTo("{\"result\":\"valid\"}"));
    }

    [Test]
    public void No_password_or_seed_of_the_customers_is_anywhere_in_the_report_folder()
    {
        var secrets = File.ReadAllLines(SecretsFile).Select(l => l.Split('\t')).Select(p => (Kind: p[0], Value: p[1])).ToList();
        Assert.That(
            secrets.GroupBy(s => s.Kind).Select(g => $"{g.Key} {g.Count()}").Order(StringComparer.Ordinal),
            Is.EqualTo(new[]
            {
                "シード (base32) 1", "シード (base64) 1", "シード (hex) 1", "メール通知パスワード 4", "ログインパスワード 3", "利用開始パスワード 3", "確認用パスワード 3",
            }.Order(StringComparer.Ordinal)),
            "the suite wrote what it gave its customers: three customers, four mailed passwords, the VIP credential's seed");
        Assert.That(Directory.GetFiles(_out, "*", SearchOption.AllDirectories).Select(Path.GetFileName), Does.Contain(ReportGenerator.PdfFile).And.Contain(CucumberHtml.FileName),
            "the PDF and Cucumber's HTML report are scanned too");

        // A value under 6 characters (the 4-digit 利用開始パスワード) also occurs by chance, e.g. the features' "1234 5678" input
        // example in the NDJSON's sources: it is looked for in the evidence files only, where a mail or a journal could carry it.
        var distinctive = secrets.Where(s => s.Value.Length >= 6).Select(s => s.Value).ToList();
        var shortValues = secrets.Where(s => s.Value.Length < 6).Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList();
        Assert.That(shortValues, Is.EqualTo(new[] { "1234" }));
        Assert.That(SecretScanner.Find(_out, distinctive), Is.Empty);
        Assert.That(SecretScanner.Find(Path.Combine(_out, ReportGenerator.EvidenceFolder), shortValues), Is.Empty);
    }

    [Test]
    public void The_scanner_finds_a_secret_in_a_decoded_file()
    {
        var secret = File.ReadAllLines(SecretsFile).Select(l => l.Split('\t')).First(p => p[0] == "メール通知パスワード")[1];
        var folder = Directory.CreateDirectory(Path.Combine(_work.FullName, "planted"));
        File.WriteAllText(Path.Combine(folder.FullName, "mail.eml"),
            "From: a@example.jp\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"メール通知パスワード：{secret}\n")) + "\r\n");

        Assert.That(SecretScanner.Find(folder.FullName, [secret]), Is.EqualTo(new[] { $"mail.eml: {secret}" }));
    }

    private string Section(string id)
    {
        var start = _html.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal);
        return _html[start.._html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    /// <summary>The traceability row of a requirement in its profile's table (the first one: these are single-profile requirements).</summary>
    private string Row(string requirementId)
    {
        var start = _html.IndexOf($"<td><b>{requirementId}</b>", StringComparison.Ordinal);
        start = _html.LastIndexOf("<tr", start, StringComparison.Ordinal);
        return _html[start..(_html.IndexOf("</tr>", start, StringComparison.Ordinal) + "</tr>".Length)];
    }

    /// <summary>The scenarios a row names, as "result feature / scenario [channel]".</summary>
    private static string[] Scenarios(string row) =>
        [.. ScenarioCell().Matches(row).Select(m => $"{m.Groups["status"].Value} {System.Net.WebUtility.HtmlDecode(m.Groups["name"].Value)} [{m.Groups["channel"].Value}]")];

    [GeneratedRegex("<div class=\"scenario\"><span class=\"badge [a-z]+\">(?<status>[^<]+)</span> (?<name>[^<]+) <small>\\[(?<channel>[a-z]+)\\]</small>")]
    private static partial Regex ScenarioCell();

    [GeneratedRegex("pc[0-9]+@")]
    private static partial Regex CustomerNumber();

    private static string Root()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln が見つかりません。");
    }
}
