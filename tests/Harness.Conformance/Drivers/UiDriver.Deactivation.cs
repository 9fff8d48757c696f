using Microsoft.Playwright;

namespace Harness.Conformance.Drivers;

/// <summary>利用解除 (BOS001) by screen: 申請内容選択 → ワンタイムパスワード利用解除 → 確認用パスワード (and the code where the profile
/// asks it) → the profile's button (解除する / 実行).</summary>
public sealed partial class UiDriver
{
    public async Task<Outcome> DeactivateOtpAsync(string confirmationPassword, string? code)
    {
        await OpenOtpApplicationAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "ワンタイムパスワード利用解除", Exact = true }).ClickAsync();
        await Field("確認用パスワード").FillAsync(confirmationPassword);
        var otp = Field("ワンタイムパスワード");
        if (code is not null && await otp.CountAsync() > 0)
        {
            await otp.FillAsync(code);
        }

        await Button(profile.Texts.DeactivateButton).ClickAsync();
        var outcome = await ReadTokenOutcomeAsync();
        return outcome with { Succeeded = outcome.Next == "deactivated" };
    }
}
