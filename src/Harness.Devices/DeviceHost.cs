using System.Collections.Concurrent;
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
/// In containers mode the mail server is a real one (<see cref="ExternalMailServer"/>): the bank sends to its SMTP
/// port and the phones read over IMAP; the embedded <see cref="Mail"/> server then runs but receives nothing.
/// </summary>
public sealed class DeviceHost : IAsyncDisposable
{
    private readonly List<Phone> _phones = [];
    private readonly ExternalMailServer? _external;
    private readonly ConcurrentDictionary<string, ImapMailbox> _imapMailboxes = new(StringComparer.OrdinalIgnoreCase);

    private DeviceHost(TimeProvider clock, MailServerOptions? mailOptions, ExternalMailServer? external)
    {
        Clock = clock;
        Mail = MailServer.Start(clock, mailOptions);
        Vendor = TokenVendor.Start(clock);
        _external = external;
    }

    public static DeviceHost Start(TimeProvider clock, MailServerOptions? mailOptions = null) => new(clock, mailOptions, null);

    /// <summary>Containers mode: the bank mails to <paramref name="mailServer"/> and the phones read it over IMAP.</summary>
    public static DeviceHost Start(TimeProvider clock, ExternalMailServer mailServer) => new(clock, null, mailServer);

    public TimeProvider Clock { get; }
    /// <summary>The embedded mail server (the one the bank sends to unless an <see cref="ExternalMailServer"/> was given).</summary>
    public MailServer Mail { get; }
    public TokenVendor Vendor { get; }

    public string SmtpHost => _external?.SmtpHost ?? Mail.Host;
    public int SmtpPort => _external?.SmtpPort ?? Mail.Port;

    /// <summary>Where <paramref name="address"/>'s mail is read: the embedded mailbox, or the IMAP mailbox in containers mode.</summary>
    public IMailSource MailSourceFor(string address) =>
        _external is { } external
            ? _imapMailboxes.GetOrAdd(address, a => new ImapMailbox(a, external.Imap, Clock))
            : Mail.MailboxFor(address);

    /// <summary>The mailboxes of this host's customers: every one the embedded server holds, or in containers mode every one
    /// opened through <see cref="MailSourceFor"/> (a phone's mail app, a read of the registered address).</summary>
    public IReadOnlyCollection<IMailSource> Mailboxes => _external is null ? [.. Mail.Mailboxes] : [.. _imapMailboxes.Values];

    public string VendorBaseUrl => Vendor.BaseUrl;
    public IReadOnlyList<Phone> Phones => _phones;

    /// <summary>A phone whose mail app reads <paramref name="mailAddress"/>; its clock starts on Japan time, no skew.</summary>
    public Phone NewPhone(string mailAddress, string? deviceId = null)
    {
        var phone = new Phone(deviceId ?? $"phone-{_phones.Count + 1}", MailSourceFor(mailAddress), Clock);
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
