using Harness.Devices.Mail;
using Harness.Devices.Vendor;
using Harness.Devices.VipAccess;

namespace Harness.Devices.Phones;

/// <summary>
/// The customer's phone: a mail app on its address, the bank OTP app(s) installed from mailed URLs,
/// VIP Access, and its own clock over the shared one. It reaches the bank only over HTTP.
/// </summary>
public sealed class Phone : IDisposable
{
    private readonly HttpClient _http;
    private readonly List<BankOtpApp> _bankOtpApps = [];

    /// <param name="handler">Optional HTTP handler (e.g. a test server's); a fresh socket handler otherwise.</param>
    public Phone(string deviceId, IMailSource mailbox, TimeProvider sharedClock, HttpMessageHandler? handler = null)
    {
        DeviceId = deviceId;
        Clock = new DeviceClock(sharedClock);
        Mail = new MailApp(mailbox, Clock);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
    }

    /// <summary>Sent as deviceId at 初期設定; a second phone has another one and cannot take over the token.</summary>
    public string DeviceId { get; }
    public DeviceClock Clock { get; }
    public MailApp Mail { get; }
    public string MailAddress => Mail.Address;
    public IReadOnlyList<BankOtpApp> BankOtpApps => _bankOtpApps;
    public VipAccessApp? VipAccess { get; private set; }

    /// <summary>Installs the bank OTP app from <c>{BaseUrl}/app/download?bank={profile}</c>.</summary>
    public BankOtpApp InstallBankOtpApp(Uri downloadUrl)
    {
        var (baseUrl, bank) = BankOtpApp.ParseDownloadUrl(downloadUrl);
        var app = new BankOtpApp(baseUrl, bank, _http, Clock, DeviceId);
        _bankOtpApps.Add(app);
        return app;
    }

    /// <summary>Opens the トークン発行 mail and taps its download URL.</summary>
    public BankOtpApp InstallBankOtpAppFrom(ReceivedMail mail)
    {
        var url = mail.Urls.FirstOrDefault(u => u.AbsolutePath == BankOtpApp.DownloadPath)
            ?? throw new InvalidOperationException($"The mail '{mail.Subject}' has no {BankOtpApp.DownloadPath} URL.");
        return InstallBankOtpApp(url);
    }

    /// <summary>
    /// Deletes the app (機種変更・アプリ削除): its token data is gone with it, as the anti-copy terms say;
    /// a reinstall needs a new トークン発行 at the bank.
    /// </summary>
    public void UninstallBankOtpApp(BankOtpApp app)
    {
        if (!_bankOtpApps.Remove(app))
            throw new InvalidOperationException("That app is not installed on this phone.");
        app.Uninstall();
    }

    /// <summary>Deletes VIP Access; the credential stays registered at the vendor and the banks (SKN-08).</summary>
    public void UninstallVipAccess() => VipAccess = null;

    /// <summary>Installs VIP Access (mobile): the vendor provisions a VSMT credential.</summary>
    public VipAccessApp InstallVipAccess(TokenVendor vendor) =>
        VipAccess = VipAccessApp.Install(vendor, VipCredentialKind.Mobile, Clock);

    public void Dispose() => _http.Dispose();
}
