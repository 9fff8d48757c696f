using System.Net;
using Harness.Devices.Phones;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.WithBank;

/// <summary>
/// 機種変更 at aomori with real phones (AOM-15, AOM-18): 利用解除 with the old phone's code, a new
/// トークン発行 for the new phone, whose app then logs in while the old app's codes are refused.
/// </summary>
public sealed class PhoneChangeWithBankTests
{
    private FakeTimeProvider _clock = null!;
    private DeviceHost _devices = null!;
    private LiveBank _bank = null!;

    [SetUp]
    public async Task SetUp()
    {
        _clock = new FakeTimeProvider(LiveBank.Start);
        _devices = DeviceHost.Start(_clock);
        _bank = await LiveBank.StartAsync("aomori", _clock, _devices);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _bank.DisposeAsync();
        await _devices.DisposeAsync();
    }

    [Test]
    public async Task The_new_phone_set_up_the_day_after_利用解除_logs_in_and_the_old_phones_codes_are_refused()
    {
        var customer = await _bank.OpenAccountAsync("aomori501", "goro@data-bank.co.jp");
        var oldPhone = _devices.NewPhone("goro-old@phone.example.jp", "phone-old");
        var oldApp = await SoftTokenSteps.ActivatedAppAsync(_bank, _devices, customer, oldPhone, await _bank.LoginToMenuAsync(customer));

        _clock.Advance(TimeSpan.FromMinutes(1));
        var session = await _bank.LoginUpToOtpAsync(customer);
        Assert.That((await _bank.PostAsync("/api/login/otp", new { code = oldApp.CurrentCode }, session)).Status, Is.EqualTo(HttpStatusCode.OK));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var deactivated = await _bank.PostAsync("/api/otp/deactivate",
            new { confirmationPassword = customer.ConfirmationPassword, code = oldApp.CurrentCode }, session);
        Assert.That(deactivated.Status, Is.EqualTo(HttpStatusCode.OK), deactivated.Text);
        Assert.That(deactivated.String("message"), Is.EqualTo("ワンタイムパスワードの利用解除が完了しました。"));
        Assert.That(deactivated.Json.GetProperty("transferLimitYen").GetInt64(), Is.EqualTo(200_000));

        // 翌日以降 (Japan time): 2026-11-24 00:00 JST.
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(9)));
        var newPhone = _devices.NewPhone("goro-new@phone.example.jp", "phone-new");
        var newApp = await SoftTokenSteps.ActivatedAppAsync(_bank, _devices, customer, newPhone, await _bank.LoginToMenuAsync(customer));

        _clock.Advance(TimeSpan.FromMinutes(1));
        var oldCode = await _bank.PostAsync("/api/login/otp", new { code = oldApp.CurrentCode }, await _bank.LoginUpToOtpAsync(customer));
        Assert.That(oldCode.Status, Is.EqualTo(HttpStatusCode.Unauthorized), oldCode.Text);
        var newCode = await _bank.PostAsync("/api/login/otp", new { code = newApp.CurrentCode }, await _bank.LoginUpToOtpAsync(customer));
        Assert.That(newCode.Status, Is.EqualTo(HttpStatusCode.OK), newCode.Text);
        Assert.That(newApp.Token!.ActivatedOn, Is.EqualTo(new DateOnly(2026, 11, 24)));
    }
}
