using System.Globalization;
using Harness.Bank;
using Harness.Devices.Vendor;
using Harness.Devices.VipAccess;

namespace Harness.Conformance.Support;

/// <summary>VIP Access preconditions (小松川信用金庫・信用金庫): the customer's kind, the app on a PC or a phone, a credential
/// with a known seed (the RFC test vectors), and a registration done before the scenario's own steps.</summary>
public sealed partial class Setup
{
    /// <summary>The customer installs VIP Access: the desktop app on a PC (クレデンシャルID VSST…) or the mobile app on the
    /// smartphone (VSMT…). The app is provisioned by the vendor on first start; the bank knows nothing of it yet.</summary>
    public async Task<VipAccessApp> InstallVipAccessAsync(VipCredentialKind kind)
    {
        var customer = Customer ?? await RegisterCustomerAsync();
        customer.Phone ??= world.Devices.NewPhone(customer.PhoneMail);
        customer.Vip = kind == VipCredentialKind.Desktop
            ? world.Devices.InstallVipAccessOnDesktop()
            : customer.Phone.InstallVipAccess(world.Devices.Vendor);
        return customer.Vip;
    }

    /// <summary>A VIP Access credential whose seed is known (the vendor issued it with <paramref name="seed"/>), on the customer's
    /// smartphone.</summary>
    public async Task<VipAccessApp> InstallVipAccessWithSeedAsync(string credentialId, byte[] seed)
    {
        var customer = Customer ?? await RegisterCustomerAsync();
        customer.Phone ??= world.Devices.NewPhone(customer.PhoneMail);
        customer.Vip = new VipAccessApp(world.Devices.Vendor.Register(credentialId, seed), customer.Phone.Clock);
        return customer.Vip;
    }

    /// <summary>利用登録 of the customer's VIP Access as a precondition (whatever the scenario's channel), then the customer waits
    /// for the next code as a person does.</summary>
    public async Task RegisterVipAtBankAsync()
    {
        var customer = Customer ?? throw new InvalidOperationException("お客様がいません。");
        var app = customer.Vip ?? throw new InvalidOperationException("お客様は VIP Access をインストールしていません。");
        BankApi.Require(await Api.PostAsync("/api/vip/register", new
        {
            loginId = customer.LoginId,
            password = customer.Password,
            credentialId = app.CredentialId,
            securityCode = app.SecurityCode,
        }), "ワンタイムパスワードの利用登録");
        world.Clock.Advance(TimeSpan.FromSeconds(Period));
    }

    /// <summary>The audit log as the 行員 reads it (GET /staff/api/audit), for the scenario's customer or, with null, all of it.</summary>
    public async Task<ApiReply> AuditLogAsync(string? loginId) =>
        BankApi.Require(await Api.GetAsync(loginId is null ? "/staff/api/audit" : $"/staff/api/audit?loginId={Uri.EscapeDataString(loginId)}"),
            "監査ログの照会");
}

/// <summary>Another financial institution's internet banking that also uses VIP Access (SKN-03): a second reference bank of
/// another profile on the same virtual clock, asking the same token vendor. Rented from the pool on first use, returned with the scenario.</summary>
public sealed class OtherBank(World world) : IAsyncDisposable
{
    private PooledBank? _bank;
    private BankApi? _api;

    public BankApi Api => _api ?? throw new InvalidOperationException("他金融機関の銀行が起動していません。");

    /// <summary>Starts the other VIP Access bank: 小松川信用金庫 when the scenario's bank is another one, else the 信用金庫.</summary>
    public async Task<BankApi> StartAsync()
    {
        if (_api is not null)
        {
            return _api;
        }

        var profile = world.ProfileName == "komatsugawa" ? "shinkin" : "komatsugawa";
        _bank = await BankPool.RentAsync(profile, world.Clock, world.Devices, World.VendorTimeout);
        _api = new BankApi(new Uri(_bank.Host.BaseUrl));
        return _api;
    }

    public ValueTask DisposeAsync()
    {
        _api?.Dispose();
        _api = null;
        if (_bank is { } bank)
        {
            _bank = null;
            BankPool.Return(bank);
        }

        return ValueTask.CompletedTask;
    }
}
