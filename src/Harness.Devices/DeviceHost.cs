using Harness.Devices.Keyfobs;
using Harness.Devices.Mail;
using Harness.Devices.Phones;
using Harness.Devices.Vendor;
using Harness.Devices.VipAccess;

namespace Harness.Devices;

/// <summary>
/// Everything on the customer's and the vendor's side of one scenario, on one clock: the mail server
/// the bank sends to, the VIP token vendor the bank asks, and the phones, PCs and keyfobs of the
/// customers. Wire the bank with <see cref="SmtpHost"/>, <see cref="SmtpPort"/> and <see cref="VendorBaseUrl"/>.
/// </summary>
public sealed class DeviceHost : IAsyncDisposable
{
    private readonly List<Phone> _phones = [];

    private DeviceHost(TimeProvider clock, MailServerOptions? mailOptions)
    {
        Clock = clock;
        Mail = MailServer.Start(clock, mailOptions);
        Vendor = TokenVendor.Start(clock);
    }

    public static DeviceHost Start(TimeProvider clock, MailServerOptions? mailOptions = null) => new(clock, mailOptions);

    public TimeProvider Clock { get; }
    public MailServer Mail { get; }
    public TokenVendor Vendor { get; }

    public string SmtpHost => Mail.Host;
    public int SmtpPort => Mail.Port;
    public string VendorBaseUrl => Vendor.BaseUrl;
    public IReadOnlyList<Phone> Phones => _phones;

    /// <summary>A phone whose mail app reads <paramref name="mailAddress"/>; its clock starts on Japan time, no skew.</summary>
    public Phone NewPhone(string mailAddress, string? deviceId = null)
    {
        var phone = new Phone(deviceId ?? $"phone-{_phones.Count + 1}", Mail.MailboxFor(mailAddress), Clock);
        _phones.Add(phone);
        return phone;
    }

    /// <summary>VIP Access desktop (VSST) on a PC; the PC's clock can be skewed like a phone's.</summary>
    public VipAccessApp InstallVipAccessOnDesktop(DeviceClock? pcClock = null) =>
        VipAccessApp.Install(Vendor, VipCredentialKind.Desktop, pcClock ?? new DeviceClock(Clock));

    public KeyfobBatch ManufactureKeyfobs(SerialNumber firstSerial, int count, DateTimeOffset expiresAt) =>
        KeyfobBatch.Manufacture(firstSerial, count, expiresAt, Clock);

    public async ValueTask DisposeAsync()
    {
        foreach (var phone in _phones)
            phone.Dispose();
        Vendor.Dispose();
        await Mail.DisposeAsync().ConfigureAwait(false);
    }
}
