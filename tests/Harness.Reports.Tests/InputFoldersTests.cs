using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Harness.Reports.Tests;

/// <summary>The optional inputs: evidence files the run left, the profile files, and text that must be encoded.</summary>
public sealed class InputFoldersTests
{
    private Fixture _f = null!;

    [SetUp]
    public void SetUp() => _f = new Fixture();

    [TearDown]
    public void TearDown() => _f.Dispose();

    [Test]
    public async Task Evidence_files_are_copied_except_secret_ones_and_the_manifest_covers_them()
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        var evidence = Path.Combine(_f.Dir, "run-evidence");
        Directory.CreateDirectory(Path.Combine(evidence, "mail"));
        await File.WriteAllTextAsync(Path.Combine(evidence, "mail", "0001-受付確認の案内.eml"), "Subject: 受付確認の案内\n\n本文\n");
        await File.WriteAllTextAsync(Path.Combine(evidence, "vendor-journal.json"), "[]\n");
        await File.WriteAllTextAsync(Path.Combine(evidence, "seed-export.json"), $"{{\"seed\":\"{Fixture.Seed}\"}}\n");

        var summary = await ReportGenerator.GenerateAsync(_f.Input() with { EvidenceDir = evidence });

        Assert.That(summary.Files.Where(f => f.StartsWith("evidence/files/", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "evidence/files/mail/0001-受付確認の案内.eml", "evidence/files/vendor-journal.json",
        }));
        var html = await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile));
        Assert.That(html, Does.Contain("<li><a href=\"evidence/files/mail/0001-受付確認の案内.eml\">evidence/files/mail/0001-受付確認の案内.eml</a></li>"));
        var (code, output) = await ReportFilesTests.Sha256SumCheck(_f.OutputDir);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("evidence/files/mail/0001-受付確認の案内.eml: OK\n"));
    }

    [Test]
    public async Task An_ndjson_written_into_the_output_folder_is_replaced_by_its_sanitized_copy_and_hashed_as_it_was()
    {
        Directory.CreateDirectory(_f.OutputDir);
        var inside = Path.Combine(_f.OutputDir, ReportGenerator.MessagesFile);
        Fixture.StandardRun().WriteTo(inside);
        var originalHash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(inside)));

        await ReportGenerator.GenerateAsync(_f.Input() with { MessagesPath = inside });

        Assert.That(await File.ReadAllTextAsync(inside), Does.Not.Contain(Fixture.Seed));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.RunFile)));
        Assert.That(json.RootElement.GetProperty("messages").GetProperty("sha256").GetString(), Is.EqualTo(originalHash));
        Assert.That(Directory.EnumerateFiles(_f.OutputDir).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "conformance.html", "junit.xml", "manifest.sha256", "messages.ndjson", "run.json",
        }));
    }

    [Test]
    public async Task Attachments_of_the_run_itself_are_extracted_and_shown()
    {
        Fixture.StandardRun()
            .AddRunAttachment(new AttachmentSpec(0, "image/png", "起動時の画面.png", RunBuilder.PngBase64, true))
            .AddRunAttachment(new AttachmentSpec(0, "text/x.cucumber.log+plain", null, "銀行を起動しました（secret: abc123）", false))
            .WriteTo(_f.MessagesPath);

        var summary = await ReportGenerator.GenerateAsync(_f.Input());

        Assert.That(summary.Files, Does.Contain("evidence/001-起動時の画面.png"));
        Assert.That(summary.Files, Does.Contain("evidence/002-ログイン画面.png"));
        var html = await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile));
        Assert.That(html, Does.Contain("<h3>実行全体の添付とログ (シナリオに属さないもの)</h3>\n<figure class=\"thumb\"><a href=\"evidence/001-起動時の画面.png\">"));
        Assert.That(html, Does.Contain("<pre class=\"log\">銀行を起動しました（secret: [伏せ字]）</pre>"));
    }

    [Test]
    public async Task Profile_files_are_hashed_into_run_json()
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        var profiles = Path.Combine(_f.Dir, "profiles");
        Directory.CreateDirectory(profiles);
        var text = "digits: 8\nstep: 60\n";
        await File.WriteAllTextAsync(Path.Combine(profiles, "akita.yaml"), text);

        await ReportGenerator.GenerateAsync(_f.Input() with { ProfilesDir = profiles });

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.RunFile)));
        var hashes = json.RootElement.GetProperty("profiles").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ToList();
        Assert.That(hashes, Is.EqualTo(new[] { ("akita.yaml", (string?)Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))) }));
    }

    [Test]
    public async Task Markup_in_names_and_messages_is_encoded()
    {
        new RunBuilder()
            .Add(new ScenarioSpec("機能<b>", "<script>alert('x')</script> & 続き", ["@req:AKT-02", "@bank:akita"],
                [StepSpec.Failed("ならば", "\"引用\" が <em>表示</em> される", "<img src=x onerror=alert(1)>")])
            {
                Attachments = [new AttachmentSpec(0, "image/png\" onload=\"alert(1)", "x.png", RunBuilder.PngBase64, true)],
            })
            .WriteTo(_f.MessagesPath);

        await ReportGenerator.GenerateAsync(_f.Input());

        var html = await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile));
        Assert.That(html, Does.Contain("機能&lt;b&gt; / &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 続き"));
        Assert.That(html, Does.Contain("<pre class=\"message\">&lt;img src=x onerror=alert(1)&gt;</pre>"));
        Assert.That(html, Does.Contain("<b>ならば &quot;引用&quot; が &lt;em&gt;表示&lt;/em&gt; される</b>"));
        Assert.That(html, Does.Contain("href=\"data:image/png&quot; onload=&quot;alert(1);base64,"));
        Assert.That(html, Does.Not.Contain("<script>"));
        Assert.That(html, Does.Not.Contain("onload=\""));
    }
}
