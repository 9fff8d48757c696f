namespace Harness.Conformance.Drivers;

/// <summary>利用解除 (BOS001) by screen: 申請内容選択 → ワンタイムパスワード利用解除 → 確認用パスワード (and the code where the profile
/// asks it) → the profile's button (解除する / 実行).</summary>
public sealed partial class UiDriver
{
    public async Task<Outcome> DeactivateOtpAsync(string confirmationPassword, string? code)
    {
        await OpenOtpApplicationAsync();
        await (await LinkAsync("利用解除.リンク")).ClickAsync();
        await ScreenParsedAsync();
        if (await page.Locator("main .error").CountAsync() > 0)
        {
            // A bank that takes 利用解除 only at the 窓口 (akita) says so as soon as the customer asks for it.
            var refused = await ReadTokenOutcomeAsync();
            return refused with { Succeeded = false };
        }

        await (await FieldAsync("利用解除.確認用パスワード")).FillAsync(confirmationPassword);
        if (code is not null && await OptionalFieldAsync("利用解除.ワンタイムパスワード") is { } otp)
        {
            await otp.FillAsync(code);
        }

        await (await ButtonAsync("利用解除.ボタン")).ClickAsync();
        var outcome = await ReadTokenOutcomeAsync();
        return outcome with { Succeeded = outcome.Next == "deactivated" };
    }
}
