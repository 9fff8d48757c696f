namespace Harness.Conformance.Drivers;

/// <summary>The login screen's entrances to 利用登録 and 利用停止, as a person follows them: 利用者認証 → トークンID and
/// ワンタイムパスワード (or セキュリティコード) → 処理結果, every control by the manual's wording.</summary>
public sealed partial class UiDriver
{
    public Task<Outcome> RegisterVipAsync(string loginId, string password, string credentialId, string securityCode) =>
        RegisterVipFromAsync("/login", "VIP利用登録.リンク", loginId, password, credentialId, securityCode);

    public Task<Outcome> RegisterVipFromSmartphoneAsync(string loginId, string password, string credentialId, string securityCode) =>
        RegisterVipFromAsync("/smartphone/login", "スマートフォンVIP利用登録.リンク", loginId, password, credentialId, securityCode);

    public Task<Outcome> StopVipAsync(string loginId, string password, string securityCode) =>
        StopVipFromAsync("/login", "VIP利用停止.リンク", loginId, password, securityCode);

    public Task<Outcome> StopVipFromSmartphoneAsync(string loginId, string password, string securityCode) =>
        StopVipFromAsync("/smartphone/login", "スマートフォンVIP利用停止.リンク", loginId, password, securityCode);

    private async Task<Outcome> RegisterVipFromAsync(string login, string entrance, string loginId, string password, string credentialId, string securityCode)
    {
        var auth = await VipUserAuthenticationAsync(login, entrance, "VIP利用登録.画面名", loginId, password);
        if (!auth.Succeeded)
        {
            return auth;
        }

        await (await FieldAsync("VIP利用登録.トークンID")).FillAsync(credentialId);
        await (await FieldAsync("VIP利用登録.ワンタイムパスワード")).FillAsync(securityCode);
        await (await ButtonAsync("VIP利用登録.ボタン")).ClickAsync();
        var outcome = await VipResultAsync("vip-registered");
        if (outcome.Succeeded && login == "/smartphone/login")
        {
            // The smartphone's 処理結果 leads back by its 「ログイン画面」 button to the smartphone login (the page with its own
            // 「利用登録」 button), as the manual pictures it: the PC's completion would lack the button or lead elsewhere.
            await (await ButtonAsync("スマートフォンVIP利用登録完了.ログイン画面")).ClickAsync();
            await ExpectTitleAsync("スマートフォンログイン.画面名");
            _ = await ButtonAsync("スマートフォンVIP利用登録.リンク");
        }

        return outcome;
    }

    private async Task<Outcome> StopVipFromAsync(string login, string entrance, string loginId, string password, string securityCode)
    {
        var auth = await VipUserAuthenticationAsync(login, entrance, "VIP利用停止.画面名", loginId, password);
        if (!auth.Succeeded)
        {
            return auth;
        }

        await (await FieldAsync("VIP利用停止.セキュリティコード")).FillAsync(securityCode);
        await (await ButtonAsync("VIP利用停止.ボタン")).ClickAsync();
        return await VipResultAsync("vip-stopped");
    }

    public async Task<string> LastAnswerTextAsync() => await page.ContentAsync();

    /// <summary>ログイン画面 (the PC's, or the smartphone's) → the entrance (a button or a link, as the bank draws it) → 利用者認証 (契約者ID, ログインパスワード, 次へ).</summary>
    private async Task<Outcome> VipUserAuthenticationAsync(string login, string entrance, string title, string loginId, string password)
    {
        await page.GotoAsync(new Uri(bank, login).ToString());
        var control = await ControlCountAsync(Microsoft.Playwright.AriaRole.Link, manual[entrance]) > 0 ? await LinkAsync(entrance) : await ButtonAsync(entrance);
        await control.ClickAsync();
        await ExpectTitleAsync(title);
        await (await FieldAsync("VIP利用者認証.契約者ID")).FillAsync(loginId);
        await (await FieldAsync("VIP利用者認証.ログインパスワード")).FillAsync(password);
        await (await ButtonAsync("VIP利用者認証.ボタン")).ClickAsync();
        return await ReadOutcomeAsync();
    }

    /// <summary>The 処理結果 shows its message as a status; a refusal stays on the input with an error.</summary>
    private async Task<Outcome> VipResultAsync(string done)
    {
        var outcome = await ReadOutcomeAsync();
        return outcome.Succeeded ? outcome with { Next = done } : outcome;
    }
}
