using Harness.Devices.Keyfobs;
using Harness.Devices.Tests.Mail;
using Harness.Devices.Vendor;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests;

public sealed class DeviceHostTests
{
    [Test]
    public async Task One_host_gives_the_bank_its_smtp_and_vendor_endpoints_and_the_customer_devices_on_one_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        await using var devices = DeviceHost.Start(clock);

        var phone = devices.NewPhone("shinkin.hanako@phone.example.jp");
        var mobile = phone.InstallVipAccess(devices.Vendor);
        var desktop = devices.InstallVipAccessOnDesktop();
        var keyfobs = devices.ManufactureKeyfobs(SerialNumber.Parse("12345678"), 1, new DateTimeOffset(2031, 10, 31, 0, 0, 0, TimeSpan.Zero));
        await MailSender.SendAsync(devices.SmtpPort, "info@shinkin.example.jp", phone.MailAddress, "ご案内", "本文\n");

        Assert.Multiple(() =>
        {
            Assert.That(devices.SmtpHost, Is.EqualTo("127.0.0.1"));
            Assert.That(devices.VendorBaseUrl, Does.StartWith("http://127.0.0.1:"));
            Assert.That(phone.DeviceId, Is.EqualTo("phone-1"));
            Assert.That(phone.Mail.Inbox.Single().Subject, Is.EqualTo("ご案内"));
            Assert.That(mobile.CredentialId, Does.StartWith("VSMT"));
            Assert.That(desktop.CredentialId, Does.StartWith("VSST"));
            Assert.That(devices.Vendor.Validate(mobile.CredentialId, mobile.SecurityCode), Is.EqualTo(VipValidationResult.Valid));
            Assert.That(devices.Vendor.Validate(desktop.CredentialId, desktop.SecurityCode), Is.EqualTo(VipValidationResult.Valid));
            Assert.That(keyfobs.Keyfobs.Single().PressButton().Code, Has.Length.EqualTo(6));
        });
    }
}
