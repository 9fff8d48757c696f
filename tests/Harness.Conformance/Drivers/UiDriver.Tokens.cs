using Harness.Conformance.Steps;
using Microsoft.Playwright;

namespace Harness.Conformance.Drivers;

/// <summary>ワンタイムパスワード申請 by screen: 申請内容選択 (BOP001), トークン発行（選択）(BOT010), the soft and hard issue screens,
/// 利用開始 (BOK501/BOK502), reached from the menu by their links as a person clicks them.</summary>
public sealed partial class UiDriver
{
    public async Task<string> OtpRegistrationStatusAsync()
    {
        await OpenOtpApplicationAsync();
        return await CellAsync("申請内容選択.登録状況") ?? string.Empty;
    }

    public async Task<(Outcome Outcome, TokenInfo Info)> IssueSoftTokenAsync(SoftTokenApplication application, Func<string> mailPassword)
    {
        await ChooseTokenAsync("ソフトウェアトークン");
        await (await FieldAsync("ソフト発行入力.携帯電話メールアドレス")).FillAsync(application.MailAddress);
        if (await OptionalFieldAsync("ソフト発行入力.携帯電話メールアドレス確認") is { } mailConfirm)
        {
            await mailConfirm.FillAsync(application.MailAddressConfirm);
        }

        await (await FieldAsync("ソフト発行入力.利用開始パスワード")).FillAsync(application.ActivationPassword);
        await (await FieldAsync("ソフト発行入力.利用開始パスワード確認")).FillAsync(application.ActivationPasswordConfirm);
        if (!SameScreen("ソフト発行入力.画面名", "ソフト発行確認.画面名"))
        {
            // A bank with an input screen and a confirmation screen (aomori): 次へ, then the confirmation's own fields.
            await (await ButtonAsync("ソフト発行入力.ボタン")).ClickAsync();
            var input = await ReadTokenOutcomeAsync();
            if (input.Next != "confirm")
            {
                return (input with { Succeeded = false }, TokenInfo.None);
            }
        }

        if (await OptionalFieldAsync("ソフト発行確認.メール通知パスワード") is { } mailPasswordField)
        {
            await mailPasswordField.FillAsync(mailPassword());
        }

        await (await FieldAsync("ソフト発行確認.確認用パスワード")).FillAsync(application.ConfirmationPassword);
        await (await ButtonAsync("ソフト発行確認.ボタン")).ClickAsync();
        var outcome = await ReadTokenOutcomeAsync();
        return outcome.Next == "issued"
            ? (outcome, new TokenInfo(
                await CellAsync("ソフト発行完了.携帯電話メールアドレス"),
                manual.Has("ソフト発行完了.サービスID") ? await CellAsync("ソフト発行完了.サービスID") : null,
                manual.Has("ソフト発行完了.ユーザID") ? await CellAsync("ソフト発行完了.ユーザID") : null))
            : (outcome with { Succeeded = false }, TokenInfo.None);
    }

    /// <summary>Whether the ledger gives the two ids the same screen (a bank whose input and confirmation are one screen).</summary>
    private bool SameScreen(string first, string second) => manual.Has(second) && manual[first] == manual[second];

    public async Task<(Outcome Outcome, TokenInfo Info)> IssueHardTokenAsync(string confirmationPassword, string? code)
    {
        await ChooseTokenAsync("ハードウェアトークン");
        await (await FieldAsync("ハード発行.確認用パスワード")).FillAsync(confirmationPassword);
        if (code is not null && await OptionalFieldAsync("ハード発行.ワンタイムパスワード") is { } otp)
        {
            await otp.FillAsync(code);
        }

        await (await ButtonAsync("ハード発行.ボタン")).ClickAsync();
        var outcome = await ReadTokenOutcomeAsync();
        return (outcome with { Succeeded = outcome.Next == "applied" }, TokenInfo.None);
    }

    public async Task<(Outcome Outcome, TokenInfo Info)> ActivateOtpAsync(string code, string? serialNo)
    {
        await OpenOtpApplicationAsync();
        await (await LinkAsync("利用開始.リンク")).ClickAsync();
        if (serialNo is not null && await OptionalFieldAsync("利用開始.シリアル番号") is { } serial)
        {
            await serial.FillAsync(serialNo);
        }

        await (await FieldAsync("利用開始.ワンタイムパスワード")).FillAsync(code);
        await (await ButtonAsync("利用開始.ボタン")).ClickAsync();
        var outcome = await ReadTokenOutcomeAsync();
        if (outcome.Next != "activated")
        {
            return (outcome with { Succeeded = false }, TokenInfo.None);
        }

        return (outcome, new TokenInfo(
            SerialNo: manual.Has("利用開始完了.シリアル番号") ? await CellAsync("利用開始完了.シリアル番号") : null,
            ExpiresAt: manual.Has("利用開始完了.有効期限") ? await CellAsync("利用開始完了.有効期限") : null));
    }

    public async Task<Outcome> ChangeTransferLimitWithOtpAsync(long limitYen, string confirmationPassword, string? code)
    {
        var outcome = await ChangeLimitAsync(limitYen.ToString(System.Globalization.CultureInfo.InvariantCulture), confirmationPassword, code, always: true);
        return outcome with { Succeeded = outcome.Next == "limit-changed" };
    }

    /// <summary>メニュー → ワンタイムパスワード申請: the 申請内容選択 screen (BOP001), its title as the manual prints it.</summary>
    private async Task OpenOtpApplicationAsync()
    {
        await OpenFromMenuAsync("申請内容選択.リンク");
        await ExpectTitleAsync("申請内容選択.画面名");
    }

    /// <summary>申請内容選択 → トークン発行 → on トークン発行（選択）(BOT010, banks with both kinds) the 選択 of <paramref name="kind"/>.</summary>
    private async Task ChooseTokenAsync(string kind)
    {
        await OpenOtpApplicationAsync();
        await (await LinkAsync("トークン発行.リンク")).ClickAsync();
        if (manual.Has("トークン発行選択.画面名") && await TitleAsync() == manual["トークン発行選択.画面名"])
        {
            var choice = page.Locator("main p", new() { HasText = kind }).GetByRole(AriaRole.Link, new() { Name = manual["トークン発行選択.選択"], Exact = true });
            if (await choice.CountAsync() == 0)
            {
                manual.Failed("トークン発行選択.選択");
                throw new ExpectationException($"期待: {kind}の「{manual["トークン発行選択.選択"]}」リンク ({manual.Source("トークン発行選択.選択")})\n実際: ありません");
            }

            await choice.ClickAsync();
        }
    }

    /// <summary>The screen reached: a flow's end screen means done; any other screen, with its error if it shows one, means refused
    /// (Next is then the screen's title).</summary>
    private async Task<Outcome> ReadTokenOutcomeAsync()
    {
        var title = await TitleAsync();
        var next = ScreenKey(title);
        var error = page.Locator("main .error");
        if (await error.CountAsync() > 0)
        {
            return new Outcome(false, next, (await error.First.InnerTextAsync()).Trim());
        }

        var first = page.Locator("main h1 + p");
        var message = await first.CountAsync() > 0 ? (await first.First.InnerTextAsync()).Trim().Split('\n')[0].Trim() : string.Empty;
        return new Outcome(next != "login", next, message);
    }
}

/// <summary>A device's screen (the phone app's or the keyfob's display) as evidence beside the bank's screens.</summary>
public sealed partial class UiDriver
{
    /// <summary>Renders the device's own HTML rendering of its screen in a page of the same browser and returns its picture.</summary>
    public async Task<byte[]> PictureOfDeviceScreenAsync(string html)
    {
        var device = await page.Context.NewPageAsync();
        try
        {
            await device.SetViewportSizeAsync(400, 320);
            await device.SetContentAsync(html);
            return await device.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        }
        finally
        {
            await device.CloseAsync();
        }
    }
}
