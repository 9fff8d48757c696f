using System.Globalization;
using Harness.Conformance.Steps;
using Microsoft.Playwright;

namespace Harness.Conformance.Drivers;

/// <summary>振込・振替 (振込・振替先一覧(利用者登録) and 他口座への振込・振替), メール通知パスワード利用変更, 振込・振替限度額変更,
/// the login state and the menu's figures, by screen: the way a customer goes from the menu's links.</summary>
public sealed partial class UiDriver
{
    public Task<Outcome> PrepareTransferToOtherAccountAsync() =>
        OpenTransferAsync(async () => await (await ButtonAsync("振込.他口座")).ClickAsync());

    public async Task<Outcome> TransferToOtherAccountAsync(OtherAccountEntry entry)
    {
        await (await FieldAsync("振込.金融機関名")).FillAsync("テスト銀行");
        await (await FieldAsync("振込.支店名")).FillAsync("本店");
        await (await FieldAsync("振込.口座番号")).FillAsync(entry.AccountNo);
        await (await FieldAsync("振込.受取人名")).FillAsync("ヤマダ ハナコ");
        return await ExecuteTransferAsync(entry.AmountYen, entry.ConfirmationPassword, entry.MailPassword, entry.Code);
    }

    public Task<Outcome> PrepareTransferToPayeeAsync(PayeeChoice payee) =>
        OpenTransferAsync(async () =>
        {
            var choice = page.GetByRole(AriaRole.Radio, new() { Name = payee.Label });
            if (payee.NoteId is { } note)
            {
                // The screen marks the payee the way the manual names it.
                var line = await page.Locator("main label", new() { HasText = payee.Label }).InnerTextAsync();
                if (!line.Contains(manual[note], StringComparison.Ordinal))
                {
                    manual.Failed(note);
                    throw new ExpectationException($"期待: 振込先「{payee.Label}」に「{manual[note]}」と添える ({manual.Source(note)})\n実際: 「{line}」");
                }
            }

            await choice.CheckAsync();
            await (await ButtonAsync("振込.次へ")).ClickAsync();
        });

    public Task<Outcome> TransferToPayeeAsync(long amountYen, string confirmationPassword, string? mailPassword) =>
        ExecuteTransferAsync(amountYen.ToString(CultureInfo.InvariantCulture), confirmationPassword, mailPassword);

    /// <summary>Menu → 振込・振替 → the customer's choice of payee.</summary>
    private async Task<Outcome> OpenTransferAsync(Func<Task> choose)
    {
        await OpenFromMenuAsync("振込.リンク");
        await choose();
        var outcome = await ReadFlowOutcomeAsync(done: "transfer");
        return outcome with { Succeeded = outcome.Succeeded && await OptionalFieldAsync("振込.振込金額") is not null };
    }

    /// <summary>振込・振替 (実行): the amount, the 確認用パスワード, the mail password where the screen asks it and the token's code
    /// when given (the screen must then have the ワンタイムパスワード field).</summary>
    private async Task<Outcome> ExecuteTransferAsync(string amountYen, string confirmationPassword, string? mailPassword, string? code = null)
    {
        await (await FieldAsync("振込.振込金額")).FillAsync(amountYen);
        await (await FieldAsync("振込.確認用パスワード")).FillAsync(confirmationPassword);
        // The customer types the mail password where the screen asks it; the bank decides whether it must.
        if (mailPassword is not null && await OptionalFieldAsync("振込.メール通知パスワード") is { } field)
        {
            await field.FillAsync(mailPassword);
        }

        if (code is not null)
        {
            await (await FieldAsync("振込.ワンタイムパスワード")).FillAsync(code);
        }

        await (await ButtonAsync("振込.実行")).ClickAsync();
        return await ReadFlowOutcomeAsync(done: "transferred");
    }

    public async Task<Outcome> ChangeMailPasswordUseAsync(bool use)
    {
        await OpenFromMenuAsync("利用変更.リンク");
        await ExpectTitleAsync("利用変更入力.画面名");
        var choice = manual[use ? "メール通知パスワード.利用する" : "メール通知パスワード.利用しない"];
        await page.GetByLabel(choice, new() { Exact = true }).CheckAsync();
        await (await ButtonAsync("利用変更入力.ボタン")).ClickAsync();
        return await ReadFlowOutcomeAsync("confirm", "done");
    }

    public async Task<Outcome> ConfirmMailPasswordChangeAsync(string confirmationPassword, string mailPassword)
    {
        await (await FieldAsync("利用変更確認.確認用パスワード")).FillAsync(confirmationPassword);
        await (await FieldAsync("利用変更確認.メール通知パスワード")).FillAsync(mailPassword);
        await (await ButtonAsync("利用変更確認.ボタン")).ClickAsync();
        return await ReadFlowOutcomeAsync("done");
    }

    public Task<Outcome> ChangeTransferLimitAsync(string limitYen, string confirmationPassword, string? code) =>
        ChangeLimitAsync(limitYen, confirmationPassword, code, always: false);

    /// <summary>振込・振替限度額変更: the new limit, 確認用パスワード and the code (<paramref name="always"/>: typed even where the
    /// screen shows no such field, to fail there; else only where it asks).</summary>
    private async Task<Outcome> ChangeLimitAsync(string limitYen, string confirmationPassword, string? code, bool always)
    {
        await OpenFromMenuAsync("限度額変更.リンク");
        await ExpectTitleAsync("限度額変更.画面名");
        await (await FieldAsync("限度額変更.変更後の振込限度額")).FillAsync(limitYen);
        await (await FieldAsync("限度額変更.確認用パスワード")).FillAsync(confirmationPassword);
        if (code is not null)
        {
            var otp = always ? await FieldAsync("限度額変更.ワンタイムパスワード") : await OptionalFieldAsync("限度額変更.ワンタイムパスワード");
            if (otp is not null)
            {
                await otp.FillAsync(code);
            }
        }

        await (await ButtonAsync("限度額変更.ボタン")).ClickAsync();
        return await ReadFlowOutcomeAsync("limit-changed");
    }

    public async Task<Outcome> RequestSoftTokenIssueAsync(string phoneMail, string activationPassword, string confirmationPassword)
    {
        var (outcome, _) = await IssueSoftTokenAsync(
            new SoftTokenApplication(phoneMail, phoneMail, activationPassword, activationPassword, confirmationPassword),
            () => throw new InvalidOperationException("この銀行はソフトウェアトークン発行の確認でメール通知パスワードを求めます。このステップでは扱えません。"));
        return outcome;
    }

    /// <summary>The menu opens (メニュー) rather than the login screen.</summary>
    public async Task<bool> IsLoggedInAsync()
    {
        await page.GotoAsync(new Uri(bank, "/menu").ToString());
        return ScreenKey(await TitleAsync()) == "menu";
    }

    public async Task<long> TransferLimitYenAsync()
    {
        var shown = await MenuFigureAsync("メニュー.振込限度額");
        var digits = shown.EndsWith('円') ? shown[..^1].Replace(",", string.Empty, StringComparison.Ordinal) : shown;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var yen)
            ? yen
            : throw new InvalidOperationException($"メニューの振込限度額「{shown}」を金額として読めません。");
    }

    public Task<string> MailPasswordStatusAsync() => MenuFigureAsync("メニュー.メール通知パスワード");

    /// <summary>A row of the menu's table, read by the heading the ledger's <paramref name="id"/> names.</summary>
    private async Task<string> MenuFigureAsync(string id)
    {
        await page.GotoAsync(new Uri(bank, "/menu").ToString());
        await ExpectTitleAsync("メニュー.画面名");
        if (await CellAsync(id) is { } value)
        {
            return value;
        }

        manual.Failed(id);
        throw new ExpectationException($"期待: メニューに「{manual[id]}」の行 ({manual.Source(id)})\n実際: ありません");
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
        var next = ScreenKey(texts[0] ?? string.Empty);
        var error = texts[1];
        return new Outcome(error is null && done.Contains(next, StringComparer.Ordinal), next, error ?? texts[2] ?? string.Empty);
    }
}
