using Harness.Conformance.Drivers;
using Reqnroll;
using Reqnroll.BoDi;
using Microsoft.Playwright;

namespace Harness.Conformance.Support;

/// <summary>Per scenario: check the @req: tags, start the bank, pick the driver of the channel; for @ui a browser context
/// with a screenshot after every step and a trace kept when the scenario fails.</summary>
[Binding]
public sealed class Hooks(World world, IObjectContainer container, ScenarioContext scenario, Evidence evidence, Manual manual, IReqnrollOutputHelper output)
{
    private IBrowserContext? _browser;
    private IPage? _page;
    private bool _unseenScreen;

    [BeforeScenario(Order = 0)]
    public async Task StartAsync()
    {
        Register.Check(scenario.ScenarioInfo.CombinedTags);
        var bank = await world.StartBankAsync();
        IBankDriver driver;
        if (world.Channel == Channel.Ui)
        {
            _browser = await Browser.NewContextAsync(world.Clock.GetUtcNow());
            // DOM snapshots make the trace; the screencast is left out, the steps' own screenshots show the screens.
            await _browser.Tracing.StartAsync(new TracingStartOptions { Screenshots = false, Snapshots = true });
            _page = await _browser.NewPageAsync();
            _page.Load += (_, _) => _unseenScreen = true;
            driver = new UiDriver(_page, new Uri(bank.BaseUrl), manual);
        }
        else
        {
            driver = new ApiDriver(new BankApi(new Uri(bank.BaseUrl)));
        }

        container.RegisterInstanceAs(driver);
    }

    /// <summary>Evidence of every screen a UI scenario passes: a screenshot after each step that loaded a page (a step that
    /// only lets time pass or checks what is shown adds none, unless it failed).</summary>
    [AfterStep]
    public async Task ScreenshotAsync()
    {
        var failed = scenario.ScenarioExecutionStatus != ScenarioExecutionStatus.OK;
        if (_page is null || _page.Url == "about:blank" || !(_unseenScreen || failed))
        {
            return;
        }

        _unseenScreen = false;
        var png = await _page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        evidence.Attach(png, $"画面-{scenario.StepContext?.StepInfo.Text}.png");
    }

    [AfterScenario]
    public async Task StopAsync()
    {
        // What of the manual's wording this scenario checked (and found different): the report's 「マニュアルの記載と検証」.
        if (manual.LogLine is { } line)
        {
            output.WriteLine(line);
        }

        if (_browser is not null)
        {
            if (scenario.ScenarioExecutionStatus != ScenarioExecutionStatus.OK)
            {
                var trace = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.zip");
                await _browser.Tracing.StopAsync(new TracingStopOptions { Path = trace });
                evidence.Attach(await File.ReadAllBytesAsync(trace), "trace.zip");
                File.Delete(trace);
            }
            else
            {
                await _browser.Tracing.StopAsync();
            }

            await _browser.CloseAsync();
        }

        await world.DisposeAsync();
    }

    [AfterTestRun]
    public static async Task CloseAsync()
    {
        await Browser.CloseAsync();
        await BankPool.CloseAsync();
    }
}
