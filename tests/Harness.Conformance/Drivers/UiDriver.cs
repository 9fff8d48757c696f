using Harness.Bank.Profiles;
using Microsoft.Playwright;

namespace Harness.Conformance.Drivers;

/// <summary>The customer through the bank's screens in Chromium: fields are found by their labels, as a person reads them.</summary>
public sealed partial class UiDriver(IPage page, Uri bank, BankProfile profile) : IBankDriver
{
    /// <summary>Screen titles (h1) and what they mean for the flow.</summary>
    private static readonly Dictionary<string, string> Screens = new(StringComparer.Ordinal)
    {
        ["ログイン"] = "login",
        ["ワンタイムパスワード認証"] = "otp",
        ["メニュー"] = "menu",
    };

    public IPage Page => page;

    private static readonly Dictionary<string, string> Terminals = new(StringComparer.Ordinal)
    {
        ["pc"] = "パソコン",
        ["smartphone"] = "スマートフォン",
        ["mobile"] = "携帯電話（モバイルIB）",
    };

    public async Task<Outcome> LoginAsync(string loginId, string password, string channel = "pc")
    {
        await page.GotoAsync(new Uri(bank, "/login").ToString());
        await page.GetByLabel(profile.Texts.LoginIdLabel, new() { Exact = true }).FillAsync(loginId);
        await page.GetByLabel("ログインパスワード", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("ご利用の端末", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = Terminals[channel] });
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
        return await ReadOutcomeAsync(expected: "login");
    }

    public async Task<Outcome> SubmitLoginOtpAsync(string code)
    {
        var input = page.Locator("input[autocomplete=\"one-time-code\"]");
        await input.FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = profile.Texts.LoginOtpButton, Exact = true }).ClickAsync();
        return await ReadOutcomeAsync(expected: "otp");
    }

    public async Task<Outcome> LogoutAsync()
    {
        var logout = page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" });
        if (await logout.CountAsync() == 0)
        {
            // ログアウト is on the menu: from another screen the customer goes back to the top page first.
            await page.GotoAsync(new Uri(bank, "/menu").ToString());
        }

        await logout.ClickAsync();
        return await ReadOutcomeAsync(expected: "menu");
    }

    /// <summary>The screen reached: still on <paramref name="expected"/> with an error means refused; elsewhere means it went through.
    /// Title, error and status are read in one round trip to the browser.</summary>
    private async Task<Outcome> ReadOutcomeAsync(string expected)
    {
        await ScreenParsedAsync();
        var texts = await page.EvaluateAsync<string?[]>("""
            () => {
              const text = s => { const e = document.querySelector(s); return e ? e.innerText.trim() : null; };
              return [text('main h1') ?? '', text('.error'), text('[role=status]')];
            }
            """);
        var screen = new ScreenText(texts[0] ?? string.Empty, texts[1], texts[2]);
        var next = Screens.GetValueOrDefault(screen.Title, screen.Title);
        var message = string.IsNullOrEmpty(screen.Error) ? screen.Status ?? string.Empty : screen.Error;
        var refused = next == expected && screen.Error is not null;
        return new Outcome(!refused, next, message);
    }

    private sealed record ScreenText(string Title, string? Error, string? Status);

    /// <summary>
    /// The screen the last action led to is parsed. Polled in the page rather than awaited as a load event: Playwright
    /// .NET's WaitForLoadStateAsync checks the page's load states and then subscribes to their events, and an event
    /// delivered in between is lost, so the wait ran into its timeout now and then under load ("NetworkIdle" fired, never
    /// DOMContentLoaded; the same race as microsoft/playwright-dotnet#3364). A polled condition cannot miss anything, and
    /// Playwright runs it again in the new document when a navigation replaces the old one.
    /// </summary>
    private Task ScreenParsedAsync() =>
        page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new PageWaitForFunctionOptions { PollingInterval = 20 });

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
