using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Harness.Conformance.Drivers;

/// <summary>振込・振替 (振込・振替先一覧(利用者登録) and 他口座への振込・振替), メール通知パスワード利用変更, 振込・振替限度額変更,
/// the login state and the menu's figures, by screen: the way a customer goes from the menu's links.</summary>
public sealed partial class UiDriver
{
    /// <summary>Screens of these flows: the title (h1) → what the flow reached.</summary>
    private static readonly Dictionary<string, string> TransferScreens = new(StringComparer.Ordinal)
    {
        ["振込・振替"] = "transfer",
        ["振込・振替（完了）"] = "transferred",
        ["メール通知パスワード利用変更（変更内容入力）"] = "input",
        ["メール通知パスワード利用変更（変更内容確認）"] = "confirm",
        ["メール通知パスワード利用変更（変更完了）"] = "done",
        ["振込・振替限度額変更"] = "input",
        ["振込・振替限度額変更（完了）"] = "done",
        ["トークン発行（ソフトウェアトークン発行情報入力）"] = "input",
        ["トークン発行（ソフトウェアトークン発行情報入力内容確認）"] = "confirm",
        ["トークン発行（ソフトウェアトークン発行完了）"] = "issued",
        ["ログイン"] = "login",
        ["メニュー"] = "menu",
    };

    public Task<Outcome> PrepareTransferToOtherAccountAsync() =>
        OpenTransferAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "他口座への振込・振替", Exact = true }).ClickAsync());

    public async Task<Outcome> TransferToOtherAccountAsync(long amountYen, string confirmationPassword, string? mailPassword)
    {
        await Labelled("金融機関名").FillAsync("テスト銀行");
        await Labelled("支店名").FillAsync("本店");
        await Labelled("口座番号").FillAsync("7654321");
        await Labelled("受取人名").FillAsync("ヤマダ ハナコ");
        return await ExecuteTransferAsync(amountYen, confirmationPassword, mailPassword);
    }

    public Task<Outcome> PrepareTransferToPayeeAsync(PayeeChoice payee) =>
        OpenTransferAsync(async () =>
        {
            await page.GetByRole(AriaRole.Radio, new() { Name = payee.Label }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "次へ", Exact = true }).ClickAsync();
        });

    public Task<Outcome> TransferToPayeeAsync(long amountYen, string confirmationPassword, string? mailPassword) =>
        ExecuteTransferAsync(amountYen, confirmationPassword, mailPassword);

    /// <summary>Menu → 振込・振替 → the customer's choice of payee.</summary>
    private async Task<Outcome> OpenTransferAsync(Func<Task> choose)
    {
        await OpenFromMenuAsync("振込・振替");
        await choose();
        var outcome = await ReadFlowOutcomeAsync(done: "transfer");
        return outcome with { Succeeded = outcome.Succeeded && (await Labelled("振込金額").CountAsync()) == 1 };
    }

    /// <summary>振込・振替 (実行): the amount, the 確認用パスワード and the mail password where the screen asks it.</summary>
    private async Task<Outcome> ExecuteTransferAsync(long amountYen, string confirmationPassword, string? mailPassword)
    {
        await Labelled("振込金額").FillAsync(amountYen.ToString(CultureInfo.InvariantCulture));
        await Labelled("確認用パスワード").FillAsync(confirmationPassword);
        // The customer types the mail password where the screen asks it; the bank decides whether it must.
        if (mailPassword is not null && await Labelled("メール通知パスワード").CountAsync() > 0)
        {
            await Labelled("メール通知パスワード").FillAsync(mailPassword);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "実行", Exact = true }).ClickAsync();
        return await ReadFlowOutcomeAsync(done: "transferred");
    }

    public async Task<Outcome> ChangeMailPasswordUseAsync(bool use)
    {
        await OpenFromMenuAsync("メール通知パスワード利用変更");
        await page.GetByLabel(use ? "利用する" : "利用しない", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = profile.Texts.MailPasswordNextButton, Exact = true }).ClickAsync();
        return await ReadFlowOutcomeAsync("confirm", "done");
    }

    public async Task<Outcome> ConfirmMailPasswordChangeAsync(string confirmationPassword, string mailPassword)
    {
        await Labelled("確認用パスワード").FillAsync(confirmationPassword);
        await Labelled("メール通知パスワード").FillAsync(mailPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "変更を確定する", Exact = true }).ClickAsync();
        return await ReadFlowOutcomeAsync("done");
    }

    public async Task<Outcome> ChangeTransferLimitAsync(long limitYen, string confirmationPassword, string? code)
    {
        await OpenFromMenuAsync("振込・振替限度額変更");
        await Labelled("変更後の振込限度額").FillAsync(limitYen.ToString(CultureInfo.InvariantCulture));
        await Labelled("確認用パスワード").FillAsync(confirmationPassword);
        if (code is not null && await Labelled("ワンタイムパスワード").CountAsync() > 0)
        {
            await Labelled("ワンタイムパスワード").FillAsync(code);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "変更する", Exact = true }).ClickAsync();
        return await ReadFlowOutcomeAsync("done");
    }

    public async Task<Outcome> RequestSoftTokenIssueAsync(string phoneMail, string activationPassword, string confirmationPassword)
    {
        await OpenFromMenuAsync("ワンタイムパスワード申請");
        await page.GetByRole(AriaRole.Link, new() { Name = "トークン発行", Exact = true }).ClickAsync();
        if (await TitleAsync() == "トークン発行（選択）")
        {
            // BOT010: the first 選択 is ソフトウェアトークン.
            await page.GetByRole(AriaRole.Link, new() { Name = "選択", Exact = true }).First.ClickAsync();
        }

        await Labelled("携帯電話メールアドレス").FillAsync(phoneMail);
        await Labelled("携帯電話メールアドレス（確認用）").FillAsync(phoneMail);
        await Labelled("利用開始パスワード").FillAsync(activationPassword);
        await Labelled("利用開始パスワード（確認用）").FillAsync(activationPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ", Exact = true }).ClickAsync();
        var confirm = await ReadFlowOutcomeAsync("confirm");
        if (!confirm.Succeeded)
        {
            return confirm;
        }

        await Labelled("確認用パスワード").FillAsync(confirmationPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "確定する", Exact = true }).ClickAsync();
        return await ReadFlowOutcomeAsync("issued");
    }

    /// <summary>The menu opens (メニュー) rather than the login screen.</summary>
    public async Task<bool> IsLoggedInAsync()
    {
        await page.GotoAsync(new Uri(bank, "/menu").ToString());
        return await TitleAsync() == "メニュー";
    }

    public async Task<long> TransferLimitYenAsync()
    {
        var shown = await MenuFigureAsync("振込限度額");
        var digits = shown.EndsWith('円') ? shown[..^1].Replace(",", string.Empty, StringComparison.Ordinal) : shown;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var yen)
            ? yen
            : throw new InvalidOperationException($"メニューの振込限度額「{shown}」を金額として読めません。");
    }

    public Task<string> MailPasswordStatusAsync() => MenuFigureAsync("メール通知パスワード");

    /// <summary>A row of the menu's table, read by its heading.</summary>
    private async Task<string> MenuFigureAsync(string heading)
    {
        await page.GotoAsync(new Uri(bank, "/menu").ToString());
        if (await TitleAsync() != "メニュー")
        {
            throw new InvalidOperationException($"メニューが表示されません (「{await TitleAsync()}」画面)。");
        }

        var exactly = new Regex("^" + Regex.Escape(heading) + "$");
        var row = page.Locator("main tr").Filter(new() { Has = page.Locator("th").Filter(new() { HasTextRegex = exactly }) });
        return (await row.Locator("td").InnerTextAsync()).Trim();
    }

    /// <summary>The customer goes to the menu and follows its link.</summary>
    private async Task OpenFromMenuAsync(string link)
    {
        await page.GotoAsync(new Uri(bank, "/menu").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
    }

    /// <summary>An input found by its label as a person reads it: the label's words, with or without the hint after them
    /// (「確認用パスワード （半角英数字6～12桁）」).</summary>
    private ILocator Labelled(string label) =>
        page.GetByLabel(new Regex("^" + Regex.Escape(label) + @"(\s|$)"));

    private async Task<string> TitleAsync()
    {
        await ScreenParsedAsync();
        return (await page.Locator("main h1").First.InnerTextAsync()).Trim();
    }

    /// <summary>The screen reached: one of <paramref name="done"/> means it went through; an error on the screen (or any other
    /// screen, e.g. ログイン after 強制ログアウト) means refused, with the message shown (the error, else the screen's first
    /// paragraph). Read in one round trip to the browser.</summary>
    private async Task<Outcome> ReadFlowOutcomeAsync(params string[] done)
    {
        await ScreenParsedAsync();
        var texts = await page.EvaluateAsync<string?[]>("""
            () => {
              const text = s => { const e = document.querySelector(s); return e ? e.innerText.trim() : null; };
              return [text('main h1') ?? '', text('main .error'), text('main h1 ~ p')];
            }
            """);
        var title = texts[0] ?? string.Empty;
        var next = TransferScreens.GetValueOrDefault(title, title);
        var error = texts[1];
        return new Outcome(error is null && done.Contains(next, StringComparer.Ordinal), next, error ?? texts[2] ?? string.Empty);
    }
}
