using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Harness.Devices.Otp;
using Harness.Devices.Screens;
using OtpNet;

namespace Harness.Devices.Phones;

public enum BankOtpAppState
{
    /// <summary>First start: 通信の許諾画面.</summary>
    CommunicationConsent,
    /// <summary>初期設定画面 (サービスID, ユーザID, 利用開始パスワード, anti-copy terms).</summary>
    InitialSetup,
    /// <summary>初期設定完了画面 with the Japan-time notice and 次へ.</summary>
    SetupCompleted,
    /// <summary>The code screen.</summary>
    ShowingCode,
    /// <summary>The customer answered いいえ to 通信の許諾: the app cannot work.</summary>
    CommunicationRefused,
    /// <summary>Deleted from the phone, with its token data.</summary>
    Uninstalled,
}

/// <summary>The token the bank provisioned (CONTRACTS.md §2); the secret never leaves the app.</summary>
public sealed record BankOtpToken(
    string InstitutionName,
    string SerialNo,
    DateOnly ActivatedOn,
    DateOnly ExpiresOn,
    int Digits,
    TimeSpan Period,
    OtpHash Hash);

/// <summary>The outcome of 初期設定 → 送信.</summary>
public abstract record InitialSetupResult
{
    private InitialSetupResult()
    {
    }

    public sealed record Completed(BankOtpToken Token) : InitialSetupResult;

    /// <summary>The bank refused (4xx/5xx, its Japanese message), or the bank could not be reached (StatusCode 0).</summary>
    public sealed record Refused(int StatusCode, string Code, string Message) : InitialSetupResult;

    /// <summary>The app did not send: a precondition on the screen was not met.</summary>
    public sealed record NotSent(string Message) : InitialSetupResult;
}

/// <summary>What the app's screen shows right now.</summary>
public sealed record BankOtpAppScreen(
    BankOtpAppState State,
    string? InstitutionName,
    string? Code,
    string? SerialNo,
    string? ActivatedOn,
    string? ExpiresOn,
    string? Message);

/// <summary>
/// The bank OTP app of the akita, kyoei and aomori manuals: installed from the トークン発行 mail's URL,
/// 通信の許諾, the anti-copy terms, 初期設定 against the bank (CONTRACTS.md §2), then the code screen
/// (institution name, code, SerialNo, 利用開始日, 有効期限). Codes come from the phone's own clock.
/// </summary>
public sealed class BankOtpApp
{
    public const string DownloadPath = "/app/download";
    public const string ProvisionPath = "/app/v1/provision";
    public const string AntiCopyTerms =
        "本アプリはアプリデータの搾取・複製を防止するため、他端末へのアプリデータ引き継ぎを防止する機能を導入しております。" +
        "機種変更時・アプリ削除時は事前にご利用のサービスで手続きを行ってください。所定の手続きを行わない場合は、ご利用いただけなくなります。";
    public const string CommunicationConsentText = "このアプリはワンタイムパスワードの初期設定のため通信を行います。通信を許可しますか？";
    public const string SetupCompletedText = "初期設定が正常に完了しました。";
    public const string JapanTimeNotice = "スマートフォンの日時を日本時間に合わせ、タイムゾーンを日本に設定してください。";
    public const string MustAgreeMessage = "上記の内容に同意してください。";
    public const string ExpiredMessage = "有効期限が切れています。";
    public const string NetworkErrorMessage = "通信エラーが発生しました。";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly string _deviceId;
    private byte[]? _secret;
    private TotpGenerator? _generator;
    private bool _agreedToTerms;
    private string? _lastMessage;

    internal BankOtpApp(Uri bankBaseUrl, string bank, HttpClient http, TimeProvider phoneClock, string deviceId)
    {
        BankBaseUrl = bankBaseUrl;
        Bank = bank;
        _http = http;
        _clock = phoneClock;
        _deviceId = deviceId;
    }

    public Uri BankBaseUrl { get; }
    /// <summary>The profile named in the download URL (akita, kyoei, aomori).</summary>
    public string Bank { get; }
    public BankOtpAppState State { get; private set; } = BankOtpAppState.CommunicationConsent;
    public BankOtpToken? Token { get; private set; }

    /// <summary>Reads the bank's base URL and profile from <c>{BaseUrl}/app/download?bank={profile}</c>.</summary>
    public static (Uri BaseUrl, string Bank) ParseDownloadUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || url.AbsolutePath != DownloadPath)
            throw new FormatException($"'{url}' is not an app download URL ({{BaseUrl}}{DownloadPath}?bank=...).");
        var bank = url.Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0] == "bank")
            .Select(p => Uri.UnescapeDataString(p[1]))
            .FirstOrDefault();
        if (string.IsNullOrEmpty(bank))
            throw new FormatException($"The download URL '{url}' names no bank.");
        return (new Uri(url.GetLeftPart(UriPartial.Authority)), bank);
    }

    /// <summary>通信の許諾: 「はい」 (KYO-05).</summary>
    public void AcceptCommunication()
    {
        RequireState(BankOtpAppState.CommunicationConsent);
        State = BankOtpAppState.InitialSetup;
    }

    /// <summary>通信の許諾: 「いいえ」.</summary>
    public void RefuseCommunication()
    {
        RequireState(BankOtpAppState.CommunicationConsent);
        State = BankOtpAppState.CommunicationRefused;
    }

    /// <summary>「上記の内容に同意する」 under the anti-copy terms (AOM-10).</summary>
    public void AgreeToAntiCopyTerms()
    {
        RequireState(BankOtpAppState.InitialSetup);
        _agreedToTerms = true;
    }

    /// <summary>初期設定: サービスID, ユーザID, 利用開始パスワード → 送信.</summary>
    public async Task<InitialSetupResult> InitialSetupAsync(string serviceId, string userId, string activationPassword,
        CancellationToken cancellationToken = default)
    {
        RequireState(BankOtpAppState.InitialSetup);
        if (!_agreedToTerms)
            return NotSent(MustAgreeMessage);

        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync(new Uri(BankBaseUrl, ProvisionPath),
                new ProvisionRequest(serviceId, userId, activationPassword, _deviceId), Json, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            _lastMessage = NetworkErrorMessage;
            return new InitialSetupResult.Refused(0, "network_error", NetworkErrorMessage);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var refusal = ReadRefusal((int)response.StatusCode, body);
                _lastMessage = refusal.Message;
                return refusal;
            }

            var answer = ReadAnswer(body);
            _secret = Base32Encoding.ToBytes(answer.Secret);
            Token = new BankOtpToken(
                answer.InstitutionName,
                answer.SerialNo,
                DateOnly.ParseExact(answer.ActivatedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateOnly.ParseExact(answer.ExpiresOn, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                answer.Digits,
                TimeSpan.FromSeconds(answer.PeriodSeconds),
                OtpHashNames.Parse(answer.Algorithm));
            _generator = new TotpGenerator(_secret, Token.Digits, Token.Period, Token.Hash);
            _lastMessage = null;
            State = BankOtpAppState.SetupCompleted;
            return new InitialSetupResult.Completed(Token);
        }
    }

    internal void Uninstall()
    {
        _secret = null;
        _generator = null;
        Token = null;
        State = BankOtpAppState.Uninstalled;
    }

    /// <summary>初期設定完了 → 「次へ」: the code screen.</summary>
    public void Next()
    {
        RequireState(BankOtpAppState.SetupCompleted);
        State = BankOtpAppState.ShowingCode;
    }

    /// <summary>The code on the screen now, or null when none is shown (not set up, or past 有効期限).</summary>
    public string? CurrentCode => ReadScreen().Code;

    public BankOtpAppScreen ReadScreen()
    {
        if (State != BankOtpAppState.ShowingCode || Token is null || _generator is null)
            return new BankOtpAppScreen(State, Token?.InstitutionName, null, Token?.SerialNo, null, null, StateMessage());

        var now = _clock.GetUtcNow();
        var expired = DateOnly.FromDateTime(JapanTime.ToJapan(now).DateTime) > Token.ExpiresOn;
        return new BankOtpAppScreen(
            State,
            Token.InstitutionName,
            expired ? null : _generator.CodeAt(now),
            Token.SerialNo,
            JapanTime.FormatDate(Token.ActivatedOn),
            JapanTime.FormatDate(Token.ExpiresOn),
            expired ? ExpiredMessage : null);
    }

    public string RenderScreenHtml()
    {
        var screen = ReadScreen();
        return HtmlPage.Render(Title(screen.State), "otp-app", html =>
        {
            html.Append("<h1>").Append(HtmlPage.Encode(Title(screen.State))).Append("</h1>\n");
            switch (screen.State)
            {
                case BankOtpAppState.CommunicationConsent:
                    html.Append("<p>").Append(HtmlPage.Encode(CommunicationConsentText)).Append("</p>\n<button>はい</button> <button>いいえ</button>\n");
                    break;
                case BankOtpAppState.InitialSetup:
                    html.Append("<p>サービスIDとユーザID、利用開始パスワードを入力し、送信ボタンを押してください。</p>\n")
                        .Append("<label>サービスID:<input name=\"serviceId\"></label><br>\n")
                        .Append("<label>ユーザID:<input name=\"userId\"></label><br>\n")
                        .Append("<label>利用開始パスワード:<input name=\"activationPassword\" type=\"password\"></label>\n")
                        .Append("<p>ご利用の前に以下を必ずご確認ください。</p>\n<p>").Append(HtmlPage.Encode(AntiCopyTerms)).Append("</p>\n")
                        .Append("<label><input type=\"checkbox\"").Append(_agreedToTerms ? " checked" : string.Empty).Append(">上記の内容に同意する。</label><br>\n")
                        .Append("<button>送信</button>\n");
                    break;
                case BankOtpAppState.SetupCompleted:
                    html.Append("<p>").Append(HtmlPage.Encode(SetupCompletedText)).Append("</p>\n<p>")
                        .Append(HtmlPage.Encode(JapanTimeNotice)).Append("</p>\n<button>次へ</button>\n");
                    break;
                case BankOtpAppState.ShowingCode:
                    html.Append("<p>パスワード</p>\n<div class=\"code\" id=\"code\">").Append(HtmlPage.Encode(screen.Code)).Append("</div>\n");
                    HtmlPage.AppendDefinitions(html,
                    [
                        ("SerialNo", screen.SerialNo ?? string.Empty),
                        ("利用開始日", screen.ActivatedOn ?? string.Empty),
                        ("有効期限", screen.ExpiresOn ?? string.Empty),
                    ]);
                    break;
                case BankOtpAppState.CommunicationRefused:
                case BankOtpAppState.Uninstalled:
                    break;
            }
            if (screen.Message is not null)
                html.Append("<p class=\"note\" id=\"message\">").Append(HtmlPage.Encode(screen.Message)).Append("</p>\n");
        });
    }

    private string Title(BankOtpAppState state) => state switch
    {
        BankOtpAppState.CommunicationConsent or BankOtpAppState.CommunicationRefused => "通信の許諾",
        BankOtpAppState.InitialSetup => "初期設定",
        BankOtpAppState.SetupCompleted => "初期設定完了",
        BankOtpAppState.Uninstalled => "ワンタイムパスワード",
        _ => Token?.InstitutionName ?? "ワンタイムパスワード",
    };

    private string? StateMessage() => State switch
    {
        BankOtpAppState.CommunicationRefused => "通信が許可されていないため、ご利用いただけません。",
        BankOtpAppState.Uninstalled => "アプリは削除されました。",
        BankOtpAppState.InitialSetup => _lastMessage,
        _ => null,
    };

    private InitialSetupResult NotSent(string message)
    {
        _lastMessage = message;
        return new InitialSetupResult.NotSent(message);
    }

    private void RequireState(BankOtpAppState expected)
    {
        if (State != expected)
            throw new InvalidOperationException($"The app shows {State}, not {expected}.");
    }

    private static InitialSetupResult.Refused ReadRefusal(int status, string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<ProvisionError>(body, Json);
            if (error is { Code: not null, Message: not null })
                return new InitialSetupResult.Refused(status, error.Code, error.Message);
        }
        catch (JsonException)
        {
        }
        return new InitialSetupResult.Refused(status, "unexpected_response", body);
    }

    private static ProvisionAnswer ReadAnswer(string body)
    {
        try
        {
            var answer = JsonSerializer.Deserialize<ProvisionAnswer>(body, Json);
            if (answer is null)
                throw new FormatException("The bank's provisioning answer is empty.");
            return answer;
        }
        catch (JsonException e)
        {
            throw new FormatException($"The bank's provisioning answer breaks CONTRACTS.md §2: {e.Message}", e);
        }
    }

    private sealed record ProvisionRequest(string ServiceId, string UserId, string ActivationPassword, string DeviceId);

    private sealed record ProvisionError(string? Code, string? Message);

    private sealed record ProvisionAnswer(
        [property: JsonRequired] string InstitutionName,
        [property: JsonRequired] string SerialNo,
        [property: JsonRequired] string Secret,
        [property: JsonRequired] string Algorithm,
        [property: JsonRequired] int Digits,
        [property: JsonRequired] int PeriodSeconds,
        [property: JsonRequired] string ActivatedOn,
        [property: JsonRequired] string ExpiresOn);
}
