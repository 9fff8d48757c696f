using Harness.Bank.Profiles;

namespace Harness.Bank.Mail;

/// <summary>
/// Every mail of the manuals. Values the customer must read are on their own line as
/// 「ラベル：値」 (full-width colon), URLs alone on a line (CONTRACTS.md §4).
/// </summary>
public sealed class BankMails(BankProfile profile, IMailTransport transport, BankAddress address)
{
    public Task<bool> ApplicationAcceptedAsync(string to, string name, CancellationToken ct) =>
        SendAsync(profile.Mail.ApplicationAcceptedSender, to, "受付確認の案内", (profile.Mail.ApplicationAcceptedHeading is { } heading ? $"{heading}\n\n" : "") + $"""
            {name} 様

            {profile.InstitutionName}です。
            ワンタイムパスワードのお申込みを受け付けました。
            インターネットバンキングにログインし、「ワンタイムパスワード申請」からトークン発行を行ってください。
            """, ct);

    public Task<bool> TokenIssuedAsync(string to, string serviceId, string userId, CancellationToken ct) =>
        SendAsync(profile.Mail.TokenIssuedSender, to, "トークン発行のご案内", $"""
            {profile.InstitutionName}です。
            ワンタイムパスワードアプリを以下のURLからダウンロードしてください。
            {address.BaseUrl}/app/download?bank={profile.Id}

            初期設定で次の情報と利用開始パスワードを入力してください。
            サービスID：{serviceId}
            ユーザID：{userId}
            """, ct);

    public Task<bool> MailPasswordAsync(string to, string password, DateTimeOffset sentAt, CancellationToken ct) =>
        SendAsync(profile.Mail.MailPasswordSender, to, "メール通知パスワードのお知らせ", $"""
            {profile.InstitutionName}です。
            メール通知パスワードをお知らせします。
            送信日時：{Common.JapanTime.ToJst(sentAt).ToString("yyyy年MM月dd日 HH時mm分ss秒", System.Globalization.CultureInfo.InvariantCulture)}
            メール通知パスワード：{password}
            このパスワードはログアウトまたは新しいメール通知パスワードの発行まで有効です。
            """, ct);

    private Task<bool> SendAsync(string from, string to, string subject, string body, CancellationToken ct) =>
        transport.SendAsync(new OutgoingMail(from, to, subject, body.ReplaceLineEndings("\n") + "\n", profile.Mail.Charset), ct);
}

/// <summary>The bank's own base URL, known once Kestrel has bound its port.</summary>
public sealed class BankAddress
{
    public string BaseUrl { get; set; } = "";
}
