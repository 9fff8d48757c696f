using Harness.Conformance.Drivers;

namespace Harness.Conformance.Support;

/// <summary>Time moves only here: the shared virtual clock (bank and devices) and, in a screen scenario, the browser's clock with
/// it. Nothing waits in real time.</summary>
public sealed class VirtualTime(World world, IBankDriver driver)
{
    public DateTimeOffset Now => world.Clock.GetUtcNow();

    /// <summary>Time passes (seconds, minutes, days): the browser's timers that fall due fire on the way.</summary>
    public async Task PassAsync(TimeSpan by)
    {
        world.Clock.Advance(by);
        if (driver is UiDriver ui)
        {
            await ui.Page.Clock.FastForwardAsync((long)by.TotalMilliseconds);
        }
    }

    /// <summary>A jump to a moment ahead (a day before a keyfob's expiry, years on): Playwright's fast-forward refuses jumps of
    /// years, and no timer needs to fire on the way. <paramref name="what"/> names the moment for the message when it is past.</summary>
    public async Task JumpToAsync(DateTimeOffset at, string what)
    {
        var by = at - Now;
        if (by < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{what} ({at:O}) は既に過ぎています。仮想時計は戻せません (今 {Now:O})。");
        }

        world.Clock.Advance(by);
        if (driver is UiDriver ui)
        {
            await ui.Page.Clock.SetSystemTimeAsync(Now.UtcDateTime);
        }
    }
}
