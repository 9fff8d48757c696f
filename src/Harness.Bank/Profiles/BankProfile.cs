using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Harness.Bank.Profiles;

/// <summary>
/// Everything that differs between the five banks, read from Profiles/{id}.yaml.
/// The code reads these values; it never branches on a bank's name.
/// </summary>
public sealed class BankProfile
{
    public string Id { get; set; } = "";
    public string InstitutionName { get; set; } = "";
    public string Manual { get; set; } = "";
    public OtpRules Otp { get; set; } = new();
    public MailPasswordRules MailPassword { get; set; } = new();
    public LimitRules Limits { get; set; } = new();
    public MailRules Mail { get; set; } = new();
    public ScreenTexts Texts { get; set; } = new();
    public List<DemoCustomerData> DemoCustomers { get; set; } = [];
    /// <summary>Numbers the manual leaves open, fixed here and marked (仮定).</summary>
    public List<string> Assumptions { get; set; } = [];

    public TotpParameters ParametersFor(Tokens.TokenKind kind) => kind switch
    {
        Tokens.TokenKind.Soft => Otp.Soft ?? throw new InvalidOperationException($"{Id}: no soft token parameters"),
        Tokens.TokenKind.Hard => Otp.Hard ?? throw new InvalidOperationException($"{Id}: no hard token parameters"),
        Tokens.TokenKind.Vip => Otp.Vip ?? throw new InvalidOperationException($"{Id}: no VIP parameters"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public bool Offers(Tokens.TokenKind kind) => Otp.TokenTypes.Contains(kind);

    public static BankProfile Load(string id)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Profiles", id + ".yaml");
        if (!File.Exists(path))
        {
            throw new ArgumentException($"unknown bank profile '{id}' (no {path})", nameof(id));
        }
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        var profile = deserializer.Deserialize<BankProfile>(File.ReadAllText(path));
        if (profile.Id != id)
        {
            throw new InvalidDataException($"{path}: id is '{profile.Id}', expected '{id}'");
        }
        return profile;
    }

    public static IReadOnlyList<string> Names { get; } = ["akita", "kyoei", "komatsugawa", "aomori", "shinkin"];
}

public enum OtpUse { Login, Transfer, SettingsChange }

public enum LockLift
{
    /// <summary>Unlock at the 窓口 makes the same token usable again.</summary>
    StaffUnlock,
    /// <summary>Only 利用停止 at the 窓口 then a new token issue (akita).</summary>
    StopAndReissue,
}

/// <summary>The device a session says it came from; recorded only, it never decides whether the OTP is asked.</summary>
public enum Channel { Pc, Smartphone, FeaturePhone }

public sealed class OtpRules
{
    public List<Tokens.TokenKind> TokenTypes { get; set; } = [];
    public TotpParameters? Soft { get; set; }
    public TotpParameters? Hard { get; set; }
    public TotpParameters? Vip { get; set; }
    public List<OtpUse> RequiredFor { get; set; } = [];
    /// <summary>
    /// shinkin (SKN-04): the feature-phone モバイルIB is its own entrance (/mobile/login, /api/mobile/login) that logs in with id +
    /// password only and opens a session that may only look (no transfers, limit change, settings or OTP 申請). The PC / smartphone
    /// login asks the OTP of every customer who has one in use, whatever the device; banks without this answer 404 at that entrance.
    /// </summary>
    public bool MobileIbWithoutOtp { get; set; }
    public int FailThreshold { get; set; } = 10;
    public LockLift LockLiftedBy { get; set; } = LockLift.StaffUnlock;
    /// <summary>akita: online issue only after the 窓口 accepted the paper application.</summary>
    public bool IssueNeedsStaffAcceptance { get; set; }
    public bool CustomerMayDeactivate { get; set; }
    public bool DeactivateNeedsOtp { get; set; }
    public int KeyfobReissueWindowDays { get; set; } = 90;
    public int SoftTokenValidityYears { get; set; } = 5;
    /// <summary>aomori: after 利用解除, a new phone's app is set up from the next day (JST) on (翌日以降).</summary>
    public bool ReprovisionFromNextDayAfterDeactivation { get; set; }
    public int ServiceIdDigits { get; set; } = 8;
    public int UserIdDigits { get; set; } = 12;
    /// <summary>The 利用開始パスワード a customer chooses at トークン発行: half-width digits of this many (akita, kyoei, aomori: 4～8).</summary>
    public int ActivationPasswordMinDigits { get; set; } = 4;
    public int ActivationPasswordMaxDigits { get; set; } = 8;
    /// <summary>aomori: the keyfob's シリアル番号 typed at 利用開始 (「半角数字8~12桁」).</summary>
    public int SerialNoMinDigits { get; set; } = 8;
    public int SerialNoMaxDigits { get; set; } = 12;
    /// <summary>VIP banks: registering from the login screen when one is registered exchanges it (komatsugawa) or is refused (shinkin: 利用停止 first).</summary>
    public bool VipRegistrationExchanges { get; set; }
    /// <summary>Credential id prefixes a corporate customer may not register (komatsugawa: VSST, the desktop app).</summary>
    public List<string> CorporateRefusedCredentialPrefixes { get; set; } = [];
}

public sealed class TotpParameters
{
    public int Digits { get; set; } = 6;
    public int PeriodSeconds { get; set; } = 30;
    public string Hash { get; set; } = "SHA1";
    public int SkewStepsBack { get; set; } = 1;
    public int SkewStepsForward { get; set; } = 1;
}

public enum MailPasswordUse { Transfer, SoftTokenIssue }

public sealed class MailPasswordRules
{
    public bool Offered { get; set; }
    /// <summary>The customer turns it on and off (akita, kyoei); otherwise it is always used where required (aomori).</summary>
    public bool CustomerChooses { get; set; }
    public bool ExclusiveWithOtp { get; set; }
    /// <summary>akita: enrolment is confirmed with 確認用パスワード + the mailed password.</summary>
    public bool EnrolmentNeedsConfirmation { get; set; }
    public List<MailPasswordUse> RequiredFor { get; set; } = [];
    public int FailThreshold { get; set; } = 5;
    public int Digits { get; set; } = 8;
}

public sealed class LimitRules
{
    public long DefaultYen { get; set; } = 1_000_000;
    /// <summary>aomori: 200,000 after 利用解除; null = unchanged.</summary>
    public long? AfterDeactivationYen { get; set; }
    public long MaximumYen { get; set; } = 10_000_000;
}

public sealed class MailRules
{
    public string Charset { get; set; } = "utf-8";
    public string ApplicationAcceptedSender { get; set; } = "";

    /// <summary>A heading the 受付確認 mail opens with, where a manual gives the notice a name of its own (akita's
    /// 「ワンタイムパスワード申請お取扱い開始のご案内」); none by default.</summary>
    public string? ApplicationAcceptedHeading { get; set; }
    public string TokenIssuedSender { get; set; } = "";
    public string MailPasswordSender { get; set; } = "";
}

public sealed class ScreenTexts
{
    public string LoginIdLabel { get; set; } = "ログインID";
    public string OtpLockedMessage { get; set; } = "ワンタイムパスワードが規定回数以上誤って入力されたため、ご利用いただけません。";
    public string VipRegisteredMessage { get; set; } = "ワンタイムパスワードの利用登録が完了しました";
    public string VipRegisteredMessageCode { get; set; } = "";
    public string VipStoppedMessage { get; set; } = "ワンタイムパスワードの利用停止が完了しました";
    public string ActivatedMessage { get; set; } = "ワンタイムパスワードの利用開始登録が完了しました。";
    public string DeactivatedMessage { get; set; } = "ワンタイムパスワードの利用解除登録が完了しました。";
    /// <summary>The OTP application screen: 申請内容選択 (akita, aomori) or 申請登録 (kyoei).</summary>
    public string OtpApplicationTitle { get; set; } = "ワンタイムパスワード申請内容選択";
    public string ActivateButton { get; set; } = "利用開始する";
    public string DeactivateButton { get; set; } = "解除する";
    public string LoginOtpButton { get; set; } = "確認";
    /// <summary>The button after choosing 利用する / 利用しない.</summary>
    public string MailPasswordNextButton { get; set; } = "次へ";
    /// <summary>Only aomori's manual prints 画面ID (BOP001, BOT010, BOK501, BOK502, BOS001).</summary>
    public bool ShowScreenIds { get; set; }
    /// <summary>
    /// The bank's wording where its manual words a title, label, link or sentence differently from the reference screens:
    /// the reference wording → the manual's. A key "text@screen" applies on that screen only (the same words can differ
    /// from screen to screen); a plain "text" key applies wherever the reference screens say it.
    /// </summary>
    public Dictionary<string, string> Words { get; set; } = [];
    /// <summary>Navigation the manual draws as a button rather than a link, by the bank's words (komatsugawa's 「利用登録/交換」).</summary>
    public List<string> NavButtons { get; set; } = [];
    /// <summary>The グローバルナビゲーション group that holds ワンタイムパスワード申請 and メール通知パスワード利用変更 (akita, aomori:
    /// 「ご利用サービスの変更」); empty: they are links of the menu itself.</summary>
    public string ServiceChangeMenu { get; set; } = "";
    /// <summary>kyoei: one 「トークン発行」 screen takes the mail address, 利用開始パスワード and 確認用パスワード at once (no confirmation screen).</summary>
    public bool SoftIssueOnOneScreen { get; set; }
    /// <summary>The steps the manual prints above a flow's screens, by flow (softIssue, activateSoft, activateHard, deactivate).</summary>
    public Dictionary<string, string> Breadcrumbs { get; set; } = [];
    /// <summary>shinkin: the manual shows a smartphone login page (/smartphone/login) with 利用登録 and 利用停止 buttons.</summary>
    public bool SmartphoneLoginPage { get; set; }
    /// <summary>The 注意事項 the manual prints on 申請内容選択 (BOP001), one paragraph each.</summary>
    public List<string> ApplicationNotes { get; set; } = [];
    /// <summary>aomori: the link the manual prints beside password inputs (「ソフトウェアキーボードを使用して入力する」); empty: none.</summary>
    public string SoftwareKeyboardLink { get; set; } = "";
    /// <summary>shinkin: the PC login as the manual pictures it (閉じる, the keyboard choice beside the password, 「ワンタイムパスワードのご案内」),
    /// the 「ヘルプ」 and 「このページのご利用ガイド」 links on the VIP Access 利用登録 screens and the copyright line of its 処理結果.</summary>
    public bool PcLoginAsPictured { get; set; }

    /// <summary>The bank's words for the reference wording <paramref name="text"/> (on <paramref name="screen"/>, if given).</summary>
    public string W(string text, string? screen = null) =>
        screen is not null && Words.TryGetValue(text + "@" + screen, out var here) ? here
        : Words.TryGetValue(text, out var everywhere) ? everywhere
        : text;
}

public sealed class DemoCustomerData
{
    public string LoginId { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmationPassword { get; set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public Customers.CustomerKind Kind { get; set; } = Customers.CustomerKind.Personal;
    public long BalanceYen { get; set; } = 5_000_000;
}
