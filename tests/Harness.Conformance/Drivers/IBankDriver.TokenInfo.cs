namespace Harness.Conformance.Drivers;

/// <summary>The トークン情報 the 申請内容選択 screen shows once a token is issued (aomori: 「トークン情報 サービスID … ユーザID …」).</summary>
public sealed record OtpApplicationTokenInfo(bool? HeadingShown, string? ServiceId, string? UserId);

public partial interface IBankDriver
{
    /// <summary>The 申請内容選択's トークン情報: whether its heading is shown (null where the channel has no headings, the API),
    /// and the サービスID and ユーザID it shows.</summary>
    Task<OtpApplicationTokenInfo> OtpApplicationTokenInfoAsync();
}
