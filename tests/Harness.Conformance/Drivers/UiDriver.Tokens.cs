using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Harness.Conformance.Drivers;

/// <summary>ワンタイムパスワード申請 by screen: 申請内容選択 (BOP001), トークン発行（選択）(BOT010), the soft and hard issue screens,
/// 利用開始 (BOK501/BOK502), reached from the menu by their links as a person clicks them.</summary>
public sealed partial class UiDriver
{
    /// <summary>Titles of the screens that end a token flow, and the step they stand for.</summary>
    private static readonly Dictionary<string, string> TokenScreens = new(StringComparer.Ordinal)
    {
        ["トークン発行（ソフトウェアトークン発行完了）"] = "issued",
        ["トークン発行（ハードウェアトークン発行完了）"] = "applied",
        ["ワンタイムパスワード利用開始（ソフトウェアトークン完了）"] = "activated",
        ["ワンタイムパスワード利用開始（ハードウェアトークン完了）"] = "activated",
        ["ワンタイムパスワード利用解除（利用解除完了）"] = "deactivated",
        ["振込・振替限度額変更（完了）"] = "limit-changed",
        ["ログイン"] = "login",
    };

    public async Task<string> OtpRegistrationStatusAsync()
    {
        await OpenOtpApplicationAsync();
        return await CellAsync("登録状況") ?? string.Empty;
    }

    public async Task<(Outcome Outcome, TokenInfo Info)> IssueSoftTokenAsync(SoftTokenApplication application, Func<string> mailPassword)
    {
        await ChooseTokenAsync("ソフトウェアトークン");
        await Field("携帯電話メールアドレス").FillAsync(application.MailAddress);
        await Field("携帯電話メールアドレス（確認用）").FillAsync(application.MailAddressConfirm);
        await Field("利用開始パスワード").FillAsync(application.ActivationPassword);
        await Field("利用開始パスワード（確認用）").FillAsync(application.ActivationPasswordConfirm);
        await Button("次へ").ClickAsync();
        var input = await ReadTokenOutcomeAsync();
        if (input.Next != "トークン発行（ソフトウェアトークン発行情報入力内容確認）")
        {
            return (input with { Succeeded = false }, TokenInfo.None);
        }

        var mailPasswordField = Field("メール通知パスワード");
        if (await mailPasswordField.CountAsync() > 0)
        {
            await mailPasswordField.FillAsync(mailPassword());
        }

        await Field("確認用パスワード").FillAsync(application.ConfirmationPassword);
        await Button("確定する").ClickAsync();
        var outcome = await ReadTokenOutcomeAsync();
        return outcome.Next == "issued"
            ? (outcome, new TokenInfo(await CellAsync("携帯電話メールアドレス"), await CellAsync("サービスID"), await CellAsync("ユーザID")))
            : (outcome with { Succeeded = false }, TokenInfo.None);
    }

    public async Task<(Outcome Outcome, TokenInfo Info)> IssueHardTokenAsync(string confirmationPassword, string? code)
    {
        await ChooseTokenAsync("ハードウェアトークン");
        await Field("確認用パスワード").FillAsync(confirmationPassword);
        var otp = Field("ワンタイムパスワード");
        if (code is not null && await otp.CountAsync() > 0)
        {
            await otp.FillAsync(code);
        }

        await Button("トークンを発行する").ClickAsync();
        var outcome = await ReadTokenOutcomeAsync();
        return (outcome with { Succeeded = outcome.Next == "applied" }, TokenInfo.None);
    }

    public async Task<(Outcome Outcome, TokenInfo Info)> ActivateOtpAsync(string code, string? serialNo)
    {
        await OpenOtpApplicationAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "ワンタイムパスワード利用開始", Exact = true }).ClickAsync();
        var serial = Field("シリアル番号");
        if (serialNo is not null && await serial.CountAsync() > 0)
        {
            await serial.FillAsync(serialNo);
        }

        await Field("ワンタイムパスワード").FillAsync(code);
        await Button(profile.Texts.ActivateButton).ClickAsync();
        var outcome = await ReadTokenOutcomeAsync();
        if (outcome.Next != "activated")
        {
            return (outcome with { Succeeded = false }, TokenInfo.None);
        }

        return (outcome, new TokenInfo(SerialNo: await CellAsync("シリアル番号"), ExpiresAt: await CellAsync("有効期限")));
    }

    public async Task<Outcome> ChangeTransferLimitWithOtpAsync(long limitYen, string confirmationPassword, string? code)
    {
        await page.GotoAsync(new Uri(bank, "/menu").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "振込・振替限度額変更", Exact = true }).ClickAsync();
        await Field("変更後の振込限度額").FillAsync(limitYen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("確認用パスワード").FillAsync(confirmationPassword);
        if (code is not null)
        {
            await Field("ワンタイムパスワード").FillAsync(code);
        }

        await Button("変更する").ClickAsync();
        var outcome = await ReadTokenOutcomeAsync();
        return outcome with { Succeeded = outcome.Next == "limit-changed" };
    }

    /// <summary>メニュー → ワンタイムパスワード申請: the 申請内容選択 screen (BOP001).</summary>
    private async Task OpenOtpApplicationAsync()
    {
        await page.GotoAsync(new Uri(bank, "/menu").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "ワンタイムパスワード申請", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = profile.Texts.OtpApplicationTitle, Exact = true }).WaitForAsync();
    }

    /// <summary>BOP001 → トークン発行 → on トークン発行（選択）(BOT010, banks with both kinds) the 選択 of <paramref name="kind"/>.</summary>
    private async Task ChooseTokenAsync(string kind)
    {
        await OpenOtpApplicationAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "トークン発行", Exact = true }).ClickAsync();
        await ScreenParsedAsync();
        if (await Title() == "トークン発行（選択）")
        {
            await page.Locator("main p", new() { HasText = kind }).GetByRole(AriaRole.Link, new() { Name = "選択", Exact = true }).ClickAsync();
        }
    }

    /// <summary>The screen reached: a flow's end screen means done; any other screen, with its error if it shows one, means refused
    /// (Next is then the screen's title).</summary>
    private async Task<Outcome> ReadTokenOutcomeAsync()
    {
        await ScreenParsedAsync();
        var title = await Title();
        var error = page.Locator("main .error");
        if (await error.CountAsync() > 0)
        {
            return new Outcome(false, TokenScreens.GetValueOrDefault(title, title), (await error.First.InnerTextAsync()).Trim());
        }

        var next = TokenScreens.GetValueOrDefault(title, title);
        var first = page.Locator("main h1 + p");
        var message = await first.CountAsync() > 0 ? (await first.First.InnerTextAsync()).Trim().Split('\n')[0].Trim() : string.Empty;
        return new Outcome(next != "login", next, message);
    }

    private async Task<string> Title() => (await page.Locator("main h1").First.InnerTextAsync()).Trim();

    /// <summary>An input by its label as a person reads it: the label's words, then at most a hint such as 【必須】.</summary>
    private ILocator Field(string label) =>
        page.GetByLabel(new Regex("^" + Regex.Escape(label) + @"(\s|$)", RegexOptions.None, TimeSpan.FromSeconds(1)));

    private ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The value in the table row headed <paramref name="header"/>, or null when the screen has no such row.</summary>
    private async Task<string?> CellAsync(string header)
    {
        var cell = page.Locator("main tr", new() { Has = page.Locator("th", new() { HasTextRegex = new Regex("^" + Regex.Escape(header) + "$", RegexOptions.None, TimeSpan.FromSeconds(1)) }) }).Locator("td");
        return await cell.CountAsync() > 0 ? (await cell.First.InnerTextAsync()).Trim() : null;
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
