using System.Diagnostics;
using System.Text;

namespace Harness.Reports.Tests;

/// <summary>Prints with the machine's Chromium: needs `apt-get install -y chromium fonts-noto-cjk poppler-utils` (.ci/test installs them).</summary>
public sealed class PdfTests
{
    private Fixture _f = null!;

    [SetUp]
    public void SetUp() => _f = new Fixture();

    [TearDown]
    public void TearDown() => _f.Dispose();

    [Test]
    public async Task The_pdf_is_printed_and_its_first_page_carries_the_japanese_title()
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        var summary = await ReportGenerator.GenerateAsync(_f.Input(pdf: true));

        var pdf = Path.Combine(_f.OutputDir, ReportGenerator.PdfFile);
        Assert.That(Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 5), Is.EqualTo("%PDF-"));
        Assert.That(summary.Files, Does.Contain("conformance.pdf"));
        var (code, text) = await Run("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", pdf, "-");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(text, Does.Contain("ワンタイムパスワード・メール通知パスワード 適合性試験報告書"));
        Assert.That(text, Does.Contain("プロファイル別の集計"));
        var (verify, _) = await ReportFilesTests.Sha256SumCheck(_f.OutputDir);
        Assert.That(verify, Is.EqualTo(0));
    }

    [Test]
    public void Without_chromium_the_message_names_the_apt_get_line()
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        var missing = Path.Combine(_f.Dir, "no-chromium");

        var ex = Assert.ThrowsAsync<ReportException>(() => ReportGenerator.GenerateAsync(_f.Input(pdf: true) with { ChromiumPath = missing }));
        Assert.That(ex!.Message, Is.EqualTo($"PDF (conformance.pdf) を印刷する Chromium が {missing} にありません。`apt-get install -y chromium fonts-noto-cjk` で Chromium と日本語フォントを入れてください。"));
    }

    private static async Task<(int Code, string Output)> Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
