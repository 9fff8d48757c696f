using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Harness.Devices;
using Harness.Devices.Keyfobs;
using Harness.Devices.Mail;
using Harness.Devices.Phones;
using Harness.Devices.VipAccess;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Harness.Cli.Serve;

/// <summary>The customer's devices for a person clicking through the bank by hand (<c>serve</c>): the mailboxes, the phone's
/// OTP app set up from a トークン発行のご案内 mail, VIP Access credentials and keyfobs, each page in Japanese.</summary>
internal sealed class DevicePanel : IAsyncDisposable
{
    private readonly DeviceHost _devices;
    private readonly Uri _bank;
    private readonly ConcurrentDictionary<string, Phone> _phones = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, VipAccessApp> _vip = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Keyfob> _keyfobs = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new();
    private WebApplication? _app;
    private int _nextSerial = 10000001;

    public DevicePanel(DeviceHost devices, Uri bank)
    {
        _devices = devices;
        _bank = bank;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public async Task StartAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/", () => Page("模擬デバイス", Home()));
        app.MapGet("/mail", (string address) => Page("メール: " + address, Inbox(address)));
        app.MapGet("/mail/view", (string address, int i) => Page("メール", Message(address, i)));
        app.MapPost("/phone/setup", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return Page("ワンタイムパスワードアプリ", await SetUpAsync(form["address"].ToString(), int.Parse(form["i"].ToString(), CultureInfo.InvariantCulture),
                form["serviceId"].ToString(), form["userId"].ToString(), form["activationPassword"].ToString()));
        });
        app.MapGet("/phone", (string address) => Page("ワンタイムパスワードアプリ", PhoneScreen(address), refresh: true));
        app.MapPost("/vip", (HttpRequest request) =>
        {
            var desktop = request.Query["kind"] == "desktop";
            var vip = desktop ? _devices.InstallVipAccessOnDesktop() : _devices.NewPhone($"vip-{_vip.Count + 1}@panel.localhost").InstallVipAccess(_devices.Vendor);
            _vip[vip.CredentialId] = vip;
            return Results.Redirect("/");
        });
        app.MapPost("/keyfob", async () =>
        {
            var serial = SerialNumber.Parse(Interlocked.Increment(ref _nextSerial).ToString(CultureInfo.InvariantCulture));
            var batch = _devices.ManufactureKeyfobs(serial, 1, _devices.Clock.GetUtcNow().AddYears(5));
            await batch.ImportIntoBankAsync(_http, _bank);
            foreach (var keyfob in batch.Keyfobs)
            {
                _keyfobs[keyfob.Serial.Value] = keyfob;
            }

            return Results.Redirect("/");
        });
        await app.StartAsync(cancellationToken);
        _app = app;
        BaseUrl = app.Urls.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
    }

    private string Home()
    {
        var sb = new StringBuilder();
        sb.Append("<h2>メールボックス</h2><ul>");
        foreach (var box in _devices.Mail.Mailboxes.OrderBy(b => b.Address, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/mail?address={Url(box.Address)}\">{H(box.Address)}</a> ({box.Count} 通)</li>");
        }

        sb.Append("</ul><p>銀行がメールを送ると、宛先のメールボックスがここに現れます。</p>");
        sb.Append("<h2>スマートフォンのワンタイムパスワードアプリ</h2><ul>");
        foreach (var phone in _phones.Values)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/phone?address={Url(phone.MailAddress)}\">{H(phone.MailAddress)} のアプリ</a></li>");
        }

        sb.Append("</ul><h2>VIP Access</h2><ul>");
        foreach (var vip in _vip.Values)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li>クレデンシャルID <b>{H(vip.CredentialId)}</b> セキュリティコード <b>{H(vip.SecurityCode)}</b> (残り {(int)vip.SecondsRemaining.TotalSeconds} 秒)</li>");
        }

        sb.Append("</ul><form method=\"post\" action=\"/vip?kind=mobile\"><button>モバイル版 (VSMT) を入れる</button></form>");
        sb.Append("<form method=\"post\" action=\"/vip?kind=desktop\"><button>デスクトップ版 (VSST) を入れる</button></form>");
        sb.Append("<h2>ハードウェアトークン (キーホルダー型)</h2><ul>");
        foreach (var keyfob in _keyfobs.Values)
        {
            var display = keyfob.PressButton();
            sb.Append(CultureInfo.InvariantCulture, $"<li>シリアル番号 <b>{H(keyfob.Serial.Value)}</b> 表示 <b>{H(display.Code ?? "----")}</b> 有効期限 {keyfob.ExpiresAt.ToOffset(TimeSpan.FromHours(9)):yyyy/MM/dd}</li>");
        }

        sb.Append("</ul><form method=\"post\" action=\"/keyfob\"><button>1 台製造して銀行の在庫に取り込む (PSKC)</button></form>");
        return sb.ToString();
    }

    private string Inbox(string address)
    {
        var box = _devices.Mail.MailboxFor(address);
        var sb = new StringBuilder("<p><a href=\"/\">← 戻る</a></p><ol>");
        for (var i = 0; i < box.Messages.Count; i++)
        {
            var mail = box.Messages[i];
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/mail/view?address={Url(address)}&i={i}\">{H(mail.Subject)}</a> — {H(mail.From)}</li>");
        }

        return sb.Append("</ol>").ToString();
    }

    private string Message(string address, int index)
    {
        var box = _devices.Mail.MailboxFor(address);
        if (index < 0 || index >= box.Messages.Count)
        {
            return "<p>そのメールはありません。</p>";
        }

        var mail = box.Messages[index];
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/mail?address={Url(address)}\">← 受信箱</a></p><h2>{H(mail.Subject)}</h2><p>差出人: {H(mail.From)}</p><pre>{H(mail.Body)}</pre>");
        if (mail.Urls.Any(u => u.AbsolutePath == BankOtpApp.DownloadPath))
        {
            sb.Append(CultureInfo.InvariantCulture, $"""
                <h3>アプリをインストールして初期設定する</h3>
                <form method="post" action="/phone/setup">
                <input type="hidden" name="address" value="{H(address)}"><input type="hidden" name="i" value="{index}">
                <p><label for="serviceId">サービスID</label> <input id="serviceId" name="serviceId" value="{H(mail.Value("サービスID") ?? string.Empty)}"></p>
                <p><label for="userId">ユーザID</label> <input id="userId" name="userId" value="{H(mail.Value("ユーザID") ?? string.Empty)}"></p>
                <p><label for="activationPassword">利用開始パスワード</label> <input id="activationPassword" name="activationPassword" inputmode="numeric"></p>
                <p>通信を許可し、コピー防止の利用規約に同意して初期設定します。</p>
                <button>送信</button></form>
                """);
        }

        return sb.ToString();
    }

    private async Task<string> SetUpAsync(string address, int index, string serviceId, string userId, string activationPassword)
    {
        var box = _devices.Mail.MailboxFor(address);
        if (index < 0 || index >= box.Messages.Count)
        {
            return "<p>そのメールはありません。</p>";
        }

        var phone = _phones.GetOrAdd(address, a => _devices.NewPhone(a));
        var app = phone.InstallBankOtpAppFrom(box.Messages[index]);
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();
        var result = await app.InitialSetupAsync(serviceId, userId, activationPassword);
        return result switch
        {
            InitialSetupResult.Completed => $"<p>{H(BankOtpApp.SetupCompletedText)}</p><p><a href=\"/phone?address={Url(address)}\">アプリを開く</a></p>",
            InitialSetupResult.Refused r => $"<p>初期設定できませんでした: {H(r.Message)}</p>",
            InitialSetupResult.NotSent n => $"<p>初期設定できませんでした: {H(n.Message)}</p>",
            _ => "<p>初期設定できませんでした。</p>",
        };
    }

    private string PhoneScreen(string address)
    {
        if (!_phones.TryGetValue(address, out var phone) || phone.BankOtpApps.Count == 0)
        {
            return "<p>このスマートフォンにはアプリがありません。</p>";
        }

        var app = phone.BankOtpApps[^1];
        return $"<p><a href=\"/\">← 戻る</a> (5 秒ごとに更新)</p>" + app.RenderScreenHtml();
    }

    private const string Style = "<style>body{font-family:\"Noto Sans CJK JP\",sans-serif;margin:2em;max-width:50em}pre{background:#f4f4f4;padding:1em;white-space:pre-wrap}</style>";

    private static IResult Page(string title, string body, bool refresh = false) => Results.Content(
        $"<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{H(title)}</title>"
        + (refresh ? "<meta http-equiv=\"refresh\" content=\"5\">" : string.Empty)
        + Style + $"</head><body><h1>{H(title)}</h1>{body}</body></html>",
        "text/html; charset=utf-8");

    private static string H(string text) => WebUtility.HtmlEncode(text);

    private static string Url(string text) => Uri.EscapeDataString(text);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _http.Dispose();
    }
}
