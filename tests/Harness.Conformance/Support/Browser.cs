using Microsoft.Playwright;

namespace Harness.Conformance.Support;

/// <summary>One Chromium for the test process (Debian's, found automatically; Playwright's own download does not work here),
/// a fresh context per scenario with the ja-JP locale and the Asia/Tokyo time zone. Debian's chromium-headless-shell (the
/// same build as its chromium, without the desktop browser around it) is taken when it is there: it is the headless browser
/// Playwright itself runs, and on the 2-core machine a new page in it takes about a quarter of the new headless mode's time
/// (a page's navigations and clicks are faster too).</summary>
public static class Browser
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>Where Chromium is: HARNESS_CHROMIUM, else Debian's /usr/bin/chromium-headless-shell, else its /usr/bin/chromium,
    /// else a Playwright-installed one.</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable("HARNESS_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"HARNESS_CHROMIUM に指定した {configured} がありません。", configured);
        }

        foreach (var candidate in new[] { "/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static async Task<IBrowserContext> NewContextAsync(DateTimeOffset now)
    {
        var browser = await LaunchAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 900, Height = 900 },
        });
        context.SetDefaultTimeout(10_000);
        await context.Clock.InstallAsync(new ClockInstallOptions { TimeDate = now.UtcDateTime });
        return context;
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            var executable = FindChromium();
            _playwright ??= await Playwright.CreateAsync();
            var options = new BrowserTypeLaunchOptions
            {
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            };
            if (executable is not null)
            {
                options.ExecutablePath = executable;
            }

            try
            {
                _browser = await _playwright.Chromium.LaunchAsync(options);
            }
            catch (PlaywrightException ex)
            {
                throw new InvalidOperationException(
                    "Chromium を起動できません。Debian では `apt-get install -y chromium chromium-headless-shell fonts-noto-cjk` で入れてください " +
                    $"(または HARNESS_CHROMIUM に実行ファイルを指定)。原因: {ex.Message}", ex);
            }

            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task CloseAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
    }
}
