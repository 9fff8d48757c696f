using System.Diagnostics;
using Microsoft.Playwright;

namespace Harness.Reports.Pdf;

/// <summary>Prints the HTML with Debian's Chromium through Microsoft.Playwright (A4, print CSS, backgrounds).
/// <c>playwright install</c> cannot download a browser here, so the system Chromium is launched by path.</summary>
internal sealed class PdfPrinter : IAsyncDisposable
{
    public const string InstallHint = "apt-get install -y chromium fonts-noto-cjk";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PdfPrinter(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public string ChromiumVersion => _browser.Version;

    public static string PlaywrightVersion =>
        typeof(IPlaywright).Assembly.GetName().Version?.ToString(3) ?? "不明";

    public static async Task<PdfPrinter> StartAsync(string chromiumPath)
    {
        if (!File.Exists(chromiumPath))
        {
            throw new ReportException($"PDF (conformance.pdf) を印刷する Chromium が {chromiumPath} にありません。`{InstallHint}` で Chromium と日本語フォントを入れてください。");
        }

        if (!HasJapaneseFont())
        {
            throw new ReportException($"日本語フォントがありません (PDF の日本語が空白の四角になります)。`{InstallHint}` で fonts-noto-cjk を入れてください。");
        }

        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromiumPath,
                Args = ChromiumArgs,
                Headless = true,
            }).ConfigureAwait(false);
            return new PdfPrinter(playwright, browser);
        }
        catch (PlaywrightException ex)
        {
            playwright.Dispose();
            throw new ReportException($"Chromium ({chromiumPath}) を起動できません: {ex.Message}\n`{InstallHint}` で入れ直してください。", ex);
        }
    }

    public async Task PrintAsync(string htmlPath, string pdfPath)
    {
        var page = await _browser.NewPageAsync().ConfigureAwait(false);
        await using (page.ConfigureAwait(false))
        {
            await page.GotoAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load }).ConfigureAwait(false);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print }).ConfigureAwait(false);
            await page.PdfAsync(new PagePdfOptions
            {
                Path = pdfPath,
                Format = "A4",
                PrintBackground = true,
                PreferCSSPageSize = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                FooterTemplate = "<div style=\"font-size:8px;width:100%;text-align:center;color:#555\"><span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></div>",
                Margin = new Margin { Top = "12mm", Bottom = "14mm", Left = "10mm", Right = "10mm" },
            }).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync().ConfigureAwait(false);
        _playwright.Dispose();
    }

    /// <summary>Asks fontconfig for a font covering Japanese; without fontconfig it cannot tell and lets Chromium try.</summary>
    private static bool HasJapaneseFont()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("fc-list", [":lang=ja", "family"]) { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return true;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return true;
        }
    }
}
