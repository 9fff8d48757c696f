using System.Net;
using Harness.Devices.Phones;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.WithBank;

/// <summary>
/// A phone whose clock runs off Japan time, against the real aomori bank: 60 s steps, window one step
/// back and one forward (profile aomori.yaml). At a bank instant that starts step k, the bank takes the
/// codes of steps k-1, k and k+1, that is a phone skew from -60 s to +119 s inclusive (X-03, AOM-10).
/// </summary>
public sealed class ClockSkewWithBankTests
{
    /// <summary>Ten minutes after 利用開始: a step edge, and well after the step spent at 利用開始.</summary>
    private static readonly DateTimeOffset LoginAt = LiveBank.Start.AddMinutes(10);

    private FakeTimeProvider _clock = null!;
    private DeviceHost _devices = null!;
    private LiveBank _bank = null!;
    private Customer _customer = null!;
    /// <summary>The phone's own clock (the phone itself belongs to the DeviceHost, which disposes it).</summary>
    private DeviceClock _phoneClock = null!;
    private BankOtpApp _app = null!;

    [SetUp]
    public async Task SetUp()
    {
        _clock = new FakeTimeProvider(LiveBank.Start);
        _devices = DeviceHost.Start(_clock);
        _bank = await LiveBank.StartAsync("aomori", _clock, _devices);
        _customer = await _bank.OpenAccountAsync("aomori201", "hanako@data-bank.co.jp");
        var phone = _devices.NewPhone("hanako@phone.example.jp");
        _phoneClock = phone.Clock;
        var session = await _bank.LoginToMenuAsync(_customer);
        _app = await SoftTokenSteps.ActivatedAppAsync(_bank, _devices, _customer, phone, session);
        _clock.SetUtcNow(LoginAt);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _bank.DisposeAsync();
        await _devices.DisposeAsync();
    }

    [TestCase(-60, TestName = "Phone 60 s slow (step k-1, the window's back edge): accepted")]
    [TestCase(0, TestName = "Phone on Japan time (step k): accepted")]
    [TestCase(119, TestName = "Phone 119 s fast (step k+1, the window's front edge): accepted")]
    public async Task A_code_from_a_skew_inside_the_window_is_accepted(int skewSeconds)
    {
        _phoneClock.SetSkew(TimeSpan.FromSeconds(skewSeconds));
        var session = await _bank.LoginUpToOtpAsync(_customer);

        var otp = await _bank.PostAsync("/api/login/otp", new { code = _app.CurrentCode }, session);

        Assert.That(otp.Status, Is.EqualTo(HttpStatusCode.OK), otp.Text);
        Assert.That(otp.String("next"), Is.EqualTo("menu"));
        Assert.That(await _bank.FailCountAsync(_customer.LoginId), Is.EqualTo(0));
    }

    [TestCase(-61, TestName = "Phone 61 s slow (step k-2, one step behind the window): refused")]
    [TestCase(120, TestName = "Phone 120 s fast (step k+2, one step beyond the window): refused")]
    public async Task A_code_from_a_skew_one_step_outside_the_window_is_refused_until_the_phone_is_set_to_Japan_time(int skewSeconds)
    {
        _phoneClock.SetSkew(TimeSpan.FromSeconds(skewSeconds));
        var session = await _bank.LoginUpToOtpAsync(_customer);

        var refused = await _bank.PostAsync("/api/login/otp", new { code = _app.CurrentCode }, session);

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Unauthorized), refused.Text);
        Assert.That(refused.String("code"), Is.EqualTo("otp_rejected"));
        Assert.That(refused.String("message"), Is.EqualTo("ワンタイムパスワードが正しくありません。"));
        Assert.That(await _bank.FailCountAsync(_customer.LoginId), Is.EqualTo(1));

        // AOM-10: the customer sets the phone to Japan time; the same instant's code now passes.
        _phoneClock.SetToJapanTime();
        var accepted = await _bank.PostAsync("/api/login/otp", new { code = _app.CurrentCode }, session);

        Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK), accepted.Text);
        Assert.That(await _bank.FailCountAsync(_customer.LoginId), Is.EqualTo(0));
    }

    [Test]
    public async Task A_phone_in_UTC_with_its_wall_clock_typed_as_Japan_time_is_nine_hours_fast_and_refused()
    {
        _phoneClock.SetWallClockToJapanTimeIn(TimeZoneInfo.Utc);
        var session = await _bank.LoginUpToOtpAsync(_customer);

        var refused = await _bank.PostAsync("/api/login/otp", new { code = _app.CurrentCode }, session);

        Assert.That(_phoneClock.Skew, Is.EqualTo(TimeSpan.FromHours(9)));
        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Unauthorized), refused.Text);
        Assert.That(refused.String("code"), Is.EqualTo("otp_rejected"));
    }
}
