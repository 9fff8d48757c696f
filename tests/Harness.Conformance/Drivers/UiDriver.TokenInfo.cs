namespace Harness.Conformance.Drivers;

public sealed partial class UiDriver
{
    /// <summary>申請内容選択: the トークン情報 heading (by the ledger's word) and the サービスID / ユーザID cells (by theirs).</summary>
    public async Task<OtpApplicationTokenInfo> OtpApplicationTokenInfoAsync()
    {
        await OpenOtpApplicationAsync();
        var text = await page.Locator("main").InnerTextAsync();
        var heading = text.Contains(manual["申請内容選択.トークン情報"], StringComparison.Ordinal);
        return new OtpApplicationTokenInfo(heading, await CellAsync("申請内容選択.サービスID"), await CellAsync("申請内容選択.ユーザID"));
    }
}
