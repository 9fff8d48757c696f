namespace Harness.Bank.Tokens;

/// <summary>The 登録状況 and token information shown to the customer (BOP001) and to staff.</summary>
public sealed record TokenView(string Status, string? Kind, string? State, string? ServiceId, string? UserId, string? SerialNo,
    string? CredentialId, DateTimeOffset? ExpiresAt, int FailCount)
{
    public static TokenView Of(Token? token) => token is null
        ? new TokenView("未登録", null, null, null, null, null, null, null, 0)
        : new TokenView(StatusOf(token.State), token.Kind.ToString(), token.State.ToString(), token.ServiceId, token.UserId,
            token.SerialNo, token.CredentialId, token.ExpiresAt, token.FailCount);

    public static string StatusOf(TokenState state) => state switch
    {
        TokenState.Applied => "トークン発行申請中",
        TokenState.Issued => "トークン発行済",
        TokenState.Active => "サービス利用中",
        TokenState.Locked => "ロック中",
        _ => "未登録",
    };
}
