using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>The トークン情報 the 申請内容選択 shows once a token is issued: the same サービスID and ユーザID as the mail that
/// brought the app (the customer types them into its 初期設定).</summary>
[System.ComponentModel.Category("トークン発行")]
[Binding]
public sealed class トークン情報Steps(IBankDriver driver, Setup setup, Manual manual)
{
    [System.ComponentModel.Description("ログイン中のお客様の「ワンタイムパスワード申請内容選択」(API は GET /api/otp/) のトークン情報 (画面では見出し「トークン情報」と項目 サービスID・ユーザID、いずれも台帳の文言) に、スマートフォンに届いたトークン発行のご案内のメールと同じサービスIDとユーザIDが表示される。aomori・API/画面")]
    [Then("申請内容選択のトークン情報に、トークン発行のご案内のメールと同じサービスIDとユーザIDが表示される")]
    public async Task トークン情報()
    {
        var customer = setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");
        var mail = setup.LatestMail(customer.PhoneMail, manual["メール.トークン発行.件名"]);
        var expected = (mail.Value(manual["メール.トークン発行.サービスID"]), mail.Value(manual["メール.トークン発行.ユーザID"]));
        var shown = await driver.OtpApplicationTokenInfoAsync();
        if (shown.HeadingShown is { } heading)
        {
            // The screen's own words: the heading and the two items, each recorded against the ledger.
            _ = manual["申請内容選択.サービスID"];
            _ = manual["申請内容選択.ユーザID"];
            if (!heading)
            {
                manual.Failed("申請内容選択.トークン情報");
                throw new ExpectationException($"期待: 申請内容選択に「{manual["申請内容選択.トークン情報"]}」({manual.Source("申請内容選択.トークン情報")})\n実際: 表示されていない");
            }
        }

        if ((shown.ServiceId, shown.UserId) != expected)
        {
            if (shown.HeadingShown is not null)
            {
                manual.Failed(shown.ServiceId != expected.Item1 ? "申請内容選択.サービスID" : "申請内容選択.ユーザID");
            }

            throw new ExpectationException($"期待: トークン情報に サービスID {expected.Item1}・ユーザID {expected.Item2} (トークン発行のご案内のメールと同じ)\n実際: サービスID {shown.ServiceId ?? "(なし)"}・ユーザID {shown.UserId ?? "(なし)"}");
        }
    }
}
