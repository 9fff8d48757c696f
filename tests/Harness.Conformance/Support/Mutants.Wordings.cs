using YamlDotNet.RepresentationModel;

namespace Harness.Conformance.Support;

/// <summary>A change of one manual wording in one bank's profile (src/Harness.Bank/Profiles) alone, and the ledger id whose
/// check must then fail: the suite holds the bank to the manual's words, not to its own.</summary>
public sealed record WordingMutant(string Bank, string LedgerId, string Description, Action<YamlMappingNode> Break);

public static partial class Mutants
{
    /// <summary>Wording mutants by name. Each breaks one bank only, so several can run together (one per bank).</summary>
    public static IReadOnlyDictionary<string, WordingMutant> Wordings { get; } = new Dictionary<string, WordingMutant>(StringComparer.Ordinal)
    {
        ["kyoei-activate-button"] = Wording("kyoei", "利用開始.ボタン", ["texts", "activateButton"], "利用開始する", "協栄の利用開始のボタン「実行」を「利用開始する」に"),
        ["akita-activate-button"] = Wording("akita", "利用開始.ボタン", ["texts", "activateButton"], "開始", "秋田の利用開始のボタン「利用開始する」を「開始」に"),
        ["aomori-deactivate-button"] = Wording("aomori", "利用解除.ボタン", ["texts", "deactivateButton"], "取消", "青森の利用解除のボタン「解除する」を「取消」に"),
        ["kyoei-login-otp-button"] = Wording("kyoei", "OTP認証.ボタン", ["texts", "loginOtpButton"], "確認", "協栄のワンタイムパスワード認証のボタン「ログイン」を「確認」に"),
        ["komatsugawa-login-id-label"] = Wording("komatsugawa", "ログイン.ログインID", ["texts", "loginIdLabel"], "お客様番号", "小松川のログインの項目「契約者ID(利用者番号)」を「お客様番号」に"),
        ["aomori-application-title"] = Wording("aomori", "申請内容選択.画面名", ["texts", "otpApplicationTitle"], "ワンタイムパスワード申請", "青森の画面名「ワンタイムパスワード申請内容選択」を「ワンタイムパスワード申請」に"),
        ["aomori-lock-message"] = Wording("aomori", "メッセージ.ワンタイムパスワード停止", ["texts", "otpLockedMessage"], "ワンタイムパスワードが停止されました。", "青森のロックの案内を別の文に"),
        ["komatsugawa-stop-message"] = Wording("komatsugawa", "メッセージ.VIP利用停止完了", ["texts", "vipStoppedMessage"], "ワンタイムパスワードを停止しました", "小松川の利用停止の完了の案内を別の文に"),
        ["shinkin-message-code"] = Wording("shinkin", "メッセージコード.VIP利用登録完了", ["texts", "vipRegisteredMessageCode"], "00002", "信用金庫の利用登録完了のメッセージコード (00001) を (00002) に"),
        ["akita-application-sender"] = Wording("akita", "メール.受付確認.送信元", ["mail", "applicationAcceptedSender"], "AKITAKENSHINYOUKUMIAI <info@akita-shinkumi.jp>", "秋田の受付確認の案内の送信元アドレスを別のドメインに"),
        ["kyoei-mail-password-sender"] = Wording("kyoei", "メール.メール通知パスワード.送信元", ["mail", "mailPasswordSender"], "info@kyoei-shinkumi.jp", "協栄のメール通知パスワードの送信元アドレスを別のアドレスに"),
        ["akita-mail-password-next"] = Wording("akita", "利用変更入力.ボタン", ["texts", "mailPasswordNextButton"], "次へ", "秋田のメール通知パスワード利用変更のボタン「メール通知パスワード情報の変更確認画面へ」を「次へ」に"),

        // Wordings no step or driver looks up: only the check of each screen against the ledger as a whole sees them.
        ["aomori-software-keyboard-link"] = Wording("aomori", "ソフト発行入力.ソフトウェアキーボード", ["texts", "softwareKeyboardLink"], "ソフトウェアキーボード", "青森のパスワード欄のリンク「ソフトウェアキーボードを使用して入力する」を「ソフトウェアキーボード」に"),
        ["kyoei-mail-password-destination"] = Word("kyoei", "利用変更入力.送信先", "メール通知パスワード利用登録状況", "メール通知パスワード送付先", "協栄のメール通知パスワード利用変更の項目「メール通知パスワード送信先」を「メール通知パスワード送付先」に"),
        // kyoei's one トークン発行 screen: the ledger puts ソフト発行確認's items on ソフト発行入力's screen (screen:), so one check covers it all.
        ["kyoei-activation-password-note"] = Word("kyoei", "ソフト発行入力.利用開始パスワードの説明", "トークン発行時に必要となる利用開始パスワードを4～8桁の数字で登録して下さい。@トークン発行（ソフトウェアトークン発行情報入力）", "利用開始パスワードは4~8桁の任意の数字です。", "協栄のトークン発行画面の利用開始パスワードの説明から「次のトークンダウンロード時に使用し、以後は使用しません。」を除く"),
        ["shinkin-return-button"] = Word("shinkin", "VIP利用登録完了.ログイン画面に戻る", "ログイン画面に戻る", "ログイン画面へ", "信用金庫の利用登録の処理結果のボタン「ログイン画面に戻る」を「ログイン画面へ」に (ボタンでなくリンクになり、その案内も消える)"),
    };

    private static WordingMutant Wording(string bank, string ledgerId, string[] path, string value, string description) =>
        new(bank, ledgerId, description, profile => Set(profile, path, value));

    /// <summary>A mutant of the bank's words (<c>texts.words</c>: the reference wording → the bank's), made where the profile has none yet.</summary>
    private static WordingMutant Word(string bank, string ledgerId, string reference, string value, string description) =>
        new(bank, ledgerId, description, profile =>
        {
            var texts = Find(profile, ["texts"]) as YamlMappingNode ?? throw new InvalidOperationException("プロファイルに texts がありません。");
            if (!texts.Children.TryGetValue(new YamlScalarNode("words"), out var words))
            {
                texts.Children[new YamlScalarNode("words")] = words = new YamlMappingNode();
            }

            ((YamlMappingNode)words).Children[new YamlScalarNode(reference)] = new YamlScalarNode(value);
        });
}
