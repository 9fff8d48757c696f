using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Harness.Conformance.Drivers;

/// <summary>The login screen's links to 利用登録 and 利用停止, as a person follows them: 利用者認証 → トークンID and
/// ワンタイムパスワード (or セキュリティコード) → 処理結果.</summary>
public sealed partial class UiDriver
{
    private const string RegisterTitle = "ワンタイムパスワード利用登録";
    private const string StopTitle = "ワンタイムパスワード利用停止";

    public async Task<Outcome> RegisterVipAsync(string loginId, string password, string credentialId, string securityCode)
    {
        var auth = await VipUserAuthenticationAsync("ワンタイムパスワードの利用登録はこちら", RegisterTitle, loginId, password);
        if (!auth.Succeeded)
        {
            return auth;
        }

        // The labels carry a hint: 「トークンID （Credential ID）」「ワンタイムパスワード （半角数字6桁）」.
        await page.GetByLabel(new Regex("^トークンID")).FillAsync(credentialId);
        await page.GetByLabel(new Regex("^ワンタイムパスワード")).FillAsync(securityCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "登録", Exact = true }).ClickAsync();
        return await VipResultAsync(RegisterTitle);
    }

    public async Task<Outcome> StopVipAsync(string loginId, string password, string securityCode)
    {
        var auth = await VipUserAuthenticationAsync("ワンタイムパスワードの利用停止はこちら", StopTitle, loginId, password);
        if (!auth.Succeeded)
        {
            return auth;
        }

        await page.GetByLabel(new Regex("^セキュリティコード（ワンタイムパスワード）")).FillAsync(securityCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "停止", Exact = true }).ClickAsync();
        return await VipResultAsync(StopTitle);
    }

    public async Task<string> LastAnswerTextAsync() => await page.ContentAsync();

    /// <summary>ログイン画面 → the link → 利用者認証 (契約者ID, ログインパスワード, 次へ).</summary>
    private async Task<Outcome> VipUserAuthenticationAsync(string link, string title, string loginId, string password)
    {
        await page.GotoAsync(new Uri(bank, "/login").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await page.GetByLabel("契約者ID", new() { Exact = true }).FillAsync(loginId);
        await page.GetByLabel("ログインパスワード", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ", Exact = true }).ClickAsync();
        return await ReadOutcomeAsync(expected: title);
    }

    /// <summary>The 処理結果 shows its message as a status; a refusal stays on the input with an error.</summary>
    private async Task<Outcome> VipResultAsync(string title)
    {
        var outcome = await ReadOutcomeAsync(expected: title);
        return outcome.Succeeded ? outcome with { Next = title == RegisterTitle ? "vip-registered" : "vip-stopped" } : outcome;
    }
}
