using Harness.Devices.Screens;
using Harness.Devices.Vendor;

namespace Harness.Devices.VipAccess;

/// <summary>
/// Symantec VIP Access, desktop or mobile: shows its クレデンシャルID and a 6-digit セキュリティコード that
/// changes every 30 s, computed from the device's own clock. The same credential can be registered at
/// several banks (SKN-03): the banks all ask the one vendor.
/// </summary>
public sealed class VipAccessApp
{
    private readonly TimeProvider _clock;

    public VipAccessApp(VipCredential credential, TimeProvider clock)
    {
        Credential = credential;
        _clock = clock;
    }

    /// <summary>Installs the app: on first start it is provisioned with a new credential by the vendor.</summary>
    public static VipAccessApp Install(TokenVendor vendor, VipCredentialKind kind, TimeProvider deviceClock) =>
        new(vendor.Provision(kind), deviceClock);

    public VipCredential Credential { get; }
    public string CredentialId => Credential.Id;
    public string SecurityCode => Credential.Generator.CodeAt(_clock.GetUtcNow());
    public TimeSpan SecondsRemaining => Credential.Generator.RemainingAt(_clock.GetUtcNow());

    public string RenderScreenHtml()
    {
        var code = SecurityCode;
        var title = Credential.Kind == VipCredentialKind.Desktop ? "VIP Access (デスクトップ)" : "VIP Access (モバイル)";
        return HtmlPage.Render(title, "vip-access", html =>
        {
            html.Append("<h1>").Append(HtmlPage.Encode(title)).Append("</h1>\n");
            HtmlPage.AppendDefinitions(html, [("クレデンシャルID (Credential ID)", CredentialId)]);
            html.Append("<p>セキュリティコード (Security Code)</p>\n<div class=\"code\" id=\"code\">")
                .Append(HtmlPage.Encode(code)).Append("</div>\n");
        });
    }
}
