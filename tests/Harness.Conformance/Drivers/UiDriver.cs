using System.Text.RegularExpressions;
using Harness.Conformance.Steps;
using Harness.Conformance.Support;
using Microsoft.Playwright;

namespace Harness.Conformance.Drivers;

/// <summary>The customer through the bank's screens in Chromium. Every title, button, link and field it looks for is the
/// manual's wording from the bank's ledger (<see cref="Manual"/>), looked up by its id; none comes from the bank.</summary>
public sealed partial class UiDriver(IPage page, Uri bank, Manual manual) : IBankDriver
{
    /// <summary>Screens by their ledger id (画面名) and what they mean for the flow. A title that matches none is the Next itself.</summary>
    private static readonly (string Id, string Key)[] Screens =
    [
        ("ログイン.画面名", "login"),
        ("OTP認証.画面名", "otp"),
        ("メニュー.画面名", "menu"),
        ("ソフト発行入力.画面名", "input"),
        ("ソフト発行確認.画面名", "confirm"),
        ("ソフト発行完了.画面名", "issued"),
        ("ハード発行完了.画面名", "applied"),
        ("利用開始完了.画面名", "activated"),
        ("利用開始完了ハード.画面名", "activated"),
        ("利用解除完了.画面名", "deactivated"),
        ("限度額変更.画面名", "input"),
        ("限度額変更完了.画面名", "limit-changed"),
        ("利用変更入力.画面名", "input"),
        ("利用変更確認.画面名", "confirm"),
        ("利用変更完了.画面名", "done"),
        ("振込.画面名", "transfer"),
        ("振込完了.画面名", "transferred"),
    ];

    public IPage Page => page;

    public async Task<Outcome> LoginAsync(string loginId, string password, string channel = "pc")
    {
        if (channel == "mobile")
        {
            return await MobileLoginAsync(loginId, password);
        }

        // A bank whose manual pictures a login page of its own for smartphones (its ledger's スマートフォンログイン) is entered there.
        var screen = channel == "smartphone" && manual.Has("スマートフォンログイン.画面名") ? "スマートフォンログイン" : "ログイン";
        await page.GotoAsync(new Uri(bank, screen == "ログイン" ? "/login" : "/smartphone/login").ToString());
        await ExpectTitleAsync(screen + ".画面名");
        await (await FieldAsync(screen + ".ログインID")).FillAsync(loginId);
        await (await FieldAsync(screen + ".ログインパスワード")).FillAsync(password);
        await (await ButtonAsync(screen + ".ボタン")).ClickAsync();
        return await ReadOutcomeAsync();
    }

    /// <summary>The モバイルIB's own entrance (feature phones): a bank without one answers that there is no such page.</summary>
    private async Task<Outcome> MobileLoginAsync(string loginId, string password)
    {
        var response = await page.GotoAsync(new Uri(bank, "/mobile/login").ToString());
        if (response is { Status: 404 })
        {
            // No such entrance: the page's error is what the customer reads.
            var error = page.Locator("main .error");
            return new Outcome(false, "404", await error.CountAsync() > 0 ? (await error.First.InnerTextAsync()).Trim() : string.Empty);
        }

        await ExpectTitleAsync("モバイルIB.ログイン.画面名");
        await (await FieldAsync("モバイルIB.ログイン.ログインID")).FillAsync(loginId);
        await (await FieldAsync("モバイルIB.ログイン.ログインパスワード")).FillAsync(password);
        await (await ButtonAsync("モバイルIB.ログイン.ボタン")).ClickAsync();
        return await ReadOutcomeAsync();
    }

    public async Task<Outcome> SubmitLoginOtpAsync(string code)
    {
        await (await FieldAsync("OTP認証.ワンタイムパスワード")).FillAsync(code);
        await (await ButtonAsync("OTP認証.ボタン")).ClickAsync();
        return await ReadOutcomeAsync();
    }

    public async Task<Outcome> LogoutAsync()
    {
        if (await ControlCountAsync(AriaRole.Button, manual["メニュー.ログアウト"]) == 0)
        {
            // ログアウト is on the menu: from another screen the customer goes back to the top page first.
            await page.GotoAsync(new Uri(bank, "/menu").ToString());
        }

        await (await ButtonAsync("メニュー.ログアウト")).ClickAsync();
        return await ReadOutcomeAsync();
    }

    /// <summary>The screen reached: an error shown means refused.
    /// Title, error and status are read in one round trip to the browser.</summary>
    private async Task<Outcome> ReadOutcomeAsync()
    {
        await ScreenParsedAsync();
        var texts = _shown is { } shown ? shown.Outcome : await page.EvaluateAsync<string?[]>("""
            () => {
              const text = s => { const e = document.querySelector(s); return e ? e.innerText.trim() : null; };
              return [text('main h1') ?? '', text('.error'), text('[role=status]')];
            }
            """);
        var next = ScreenKey(texts[0] ?? string.Empty);
        var message = string.IsNullOrEmpty(texts[1]) ? texts[2] ?? string.Empty : texts[1]!;
        // An error on the screen is a refusal, on the same screen or on an error page (エラー) of its own.
        var refused = texts[1] is not null;
        return new Outcome(!refused, next, message);
    }

    /// <summary>What a screen title means for the flow: the key of the ledger's 画面名 it is (recorded as checked), else the title.</summary>
    private string ScreenKey(string title)
    {
        foreach (var (id, key) in Screens)
        {
            if (manual.Has(id) && manual.Ledger[id].Text == title)
            {
                _ = manual[id];
                return key;
            }
        }

        return title;
    }

    /// <summary>
    /// The screen the last action led to is parsed, and each page, once parsed, is held to the ledger as a whole
    /// (<see cref="CheckArrivedScreenAsync"/>) before the driver reads or touches anything on it. Both happen once per
    /// navigation of the main frame, in one round trip: the check's script waits in the page for the document to be parsed
    /// (no load-state wait of Playwright .NET, whose check-then-subscribe loses an event now and then under load, the race
    /// of microsoft/playwright-dotnet#3364). Every action that navigates (GotoAsync, and ClickAsync, which waits for the
    /// navigation it starts to commit) returns only after Playwright has reported FrameNavigated, so a lookup that finds no
    /// new navigation is on the page already parsed and checked, and costs no further round trip (the bank's screens run no
    /// scripts: a page's text stays as it was parsed until the next navigation).
    /// </summary>
    private async Task ScreenParsedAsync()
    {
        if (!_listening)
        {
            page.FrameNavigated += (_, frame) =>
            {
                if (frame == page.MainFrame)
                {
                    _shown = null;
                    _navigated = true;
                }
            };
            _listening = true;
        }

        if (_navigated)
        {
            _navigated = false;
            await CheckArrivedScreenAsync();
        }
    }

    private bool _listening;

    // A page open before the driver first looked is checked too.
    private volatile bool _navigated = true;

    /// <summary>What the page now open showed when the check read it (its title and outcome texts), until the next navigation.</summary>
    private volatile ParsedPage? _shown;

    private sealed record ParsedPage(string Title, string?[] Outcome);

    private async Task<string> TitleAsync()
    {
        await ScreenParsedAsync();
        if (_shown is { } shown)
        {
            return shown.Title;
        }

        var h1 = page.Locator("main h1");
        return await h1.CountAsync() > 0 ? (await h1.First.InnerTextAsync()).Trim() : string.Empty;
    }

    /// <summary>The screen shown is the ledger's 画面名 <paramref name="id"/>.</summary>
    private async Task ExpectTitleAsync(string id)
    {
        // A page of a title the ledger does not know fails in the screen check; awaited here, it fails as this screen's title.
        _expectedTitle = id;
        string title;
        try
        {
            title = await TitleAsync();
        }
        finally
        {
            _expectedTitle = null;
        }

        if (title != manual[id])
        {
            manual.Failed(id);
            throw new ExpectationException($"期待: 「{manual[id]}」画面 ({manual.Source(id)})\n実際: 「{title}」画面");
        }
    }

    /// <summary>The button named as the ledger's <paramref name="id"/> says, on the screen now shown (a missing one fails at once,
    /// naming the manual's line, rather than after Playwright's timeout).</summary>
    private Task<ILocator> ButtonAsync(string id) => ControlAsync(id, AriaRole.Button, "ボタン");

    private Task<ILocator> LinkAsync(string id) => ControlAsync(id, AriaRole.Link, "リンク");

    private async Task<ILocator> ControlAsync(string id, AriaRole role, string what)
    {
        var name = manual[id];
        await ScreenParsedAsync();
        var control = page.GetByRole(role, new() { Name = name, Exact = true });
        if (await control.CountAsync() == 0)
        {
            manual.Failed(id);
            throw new ExpectationException($"期待: 「{await TitleAsync()}」画面に「{name}」{what} ({manual.Source(id)})\n実際: ありません");
        }

        return control.First;
    }

    private async Task<int> ControlCountAsync(AriaRole role, string name)
    {
        await ScreenParsedAsync();
        return await page.GetByRole(role, new() { Name = name, Exact = true }).CountAsync();
    }

    /// <summary>The input labelled as the ledger's <paramref name="id"/> says (the label's words, then at most a hint such as
    /// 【必須】 or （半角数字6桁） after a space), on the screen now shown.</summary>
    private async Task<ILocator> FieldAsync(string id)
    {
        var field = LabelledField(manual[id]);
        await ScreenParsedAsync();
        if (await field.CountAsync() == 0)
        {
            manual.Failed(id);
            throw new ExpectationException($"期待: 「{await TitleAsync()}」画面に「{manual[id]}」の入力欄 ({manual.Source(id)})\n実際: ありません");
        }

        return field.First;
    }

    /// <summary>The input of <paramref name="id"/> when the screen shows one (a field the bank asks only sometimes), else null.</summary>
    private async Task<ILocator?> OptionalFieldAsync(string id)
    {
        if (!manual.Has(id))
        {
            return null;
        }

        var field = LabelledField(manual[id]);
        await ScreenParsedAsync();
        return await field.CountAsync() > 0 ? field.First : null;
    }

    private ILocator LabelledField(string label) =>
        page.GetByLabel(new Regex("^" + Regex.Escape(label) + @"(\s|$)", RegexOptions.None, TimeSpan.FromSeconds(1)));

    /// <summary>The value in the table row headed as the ledger's <paramref name="id"/> says, or null when the screen has no such row.</summary>
    private async Task<string?> CellAsync(string id)
    {
        var header = new Regex("^" + Regex.Escape(manual[id]) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
        var cell = page.Locator("main tr", new() { Has = page.Locator("th", new() { HasTextRegex = header }) }).Locator("td");
        return await cell.CountAsync() > 0 ? (await cell.First.InnerTextAsync()).Trim() : null;
    }

    /// <summary>The customer goes to the menu and follows the link the ledger's <paramref name="id"/> names.</summary>
    private async Task OpenFromMenuAsync(string id)
    {
        await page.GotoAsync(new Uri(bank, "/menu").ToString());
        await (await LinkAsync(id)).ClickAsync();
        await ScreenParsedAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
