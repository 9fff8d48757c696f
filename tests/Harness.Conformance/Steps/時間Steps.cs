using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>Time passes only on the shared virtual clock (the bank's, the devices' and the browser's): nothing waits.</summary>
[Binding]
public sealed class 時間Steps(World world, Drivers.IBankDriver driver)
{
    [Given("{int}秒が経過する")]
    [When("{int}秒が経過する")]
    public Task 秒(int seconds) => AdvanceAsync(TimeSpan.FromSeconds(seconds));

    [Given("{int}分が経過する")]
    [When("{int}分が経過する")]
    public Task 分(int minutes) => AdvanceAsync(TimeSpan.FromMinutes(minutes));

    [Given("{int}日が経過する")]
    [When("{int}日が経過する")]
    public Task 日(int days) => AdvanceAsync(TimeSpan.FromDays(days));

    private async Task AdvanceAsync(TimeSpan by)
    {
        world.Clock.Advance(by);
        if (driver is Drivers.UiDriver ui)
        {
            await ui.Page.Clock.FastForwardAsync((long)by.TotalMilliseconds);
        }
    }
}
