using System.Net;
using Harness.Devices.Keyfobs;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.WithBank;

/// <summary>
/// A keyfob batch from the vendor through the real aomori bank: PSKC staff import (CONTRACTS.md §5),
/// hard トークン発行 (AOM-12), the 窓口 posts a keyfob, 利用開始 BOK501 with シリアル番号 + code (AOM-14),
/// then login with the keyfob's code.
/// </summary>
public sealed class KeyfobWithBankTests
{
    private static readonly SerialNumber FirstSerial = SerialNumber.Parse("101199980021");
    private static readonly SerialNumber PostedSerial = SerialNumber.Parse("101199980022");
    /// <summary>2031-11-30 23:59:59 JST.</summary>
    private static readonly DateTimeOffset ExpiresAt = new(2031, 11, 30, 14, 59, 59, TimeSpan.Zero);

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
    public async Task A_keyfob_imported_as_PSKC_posted_and_activated_logs_the_customer_in_with_its_code()
    {
        var batch = _devices.ManufactureKeyfobs(FirstSerial, 3, ExpiresAt);
        var imported = await batch.ImportIntoBankAsync(_bank.Http, _bank.BaseUrl);
        Assert.That(imported.Imported, Is.EqualTo(3));
        Assert.That(imported.Serials, Is.EqualTo(new[] { "101199980021", "101199980022", "101199980023" }));

        var customer = await _bank.OpenAccountAsync("aomori301", "saburo@data-bank.co.jp");
        var session = await _bank.LoginToMenuAsync(customer);
        var applied = await _bank.PostAsync("/api/otp/hard", new { confirmationPassword = customer.ConfirmationPassword }, session);
        Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.OK), applied.Text);
        Assert.That(applied.String("message"), Is.EqualTo("ハードウェアトークン発行申請の受付が完了しました。"));

        var posted = await _bank.PostAsync($"/staff/api/customers/{customer.LoginId}/keyfobs/post", new { serialNo = PostedSerial.Value });
        Assert.That(posted.Status, Is.EqualTo(HttpStatusCode.OK), posted.Text);
        Assert.That(posted.String("serialNo"), Is.EqualTo("101199980022"));
        Assert.That(posted.Json.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(ExpiresAt));
        var keyfob = batch[PostedSerial];

        // BOK501: another keyfob's serial with this keyfob's code is not this customer's token.
        var wrongSerial = await _bank.PostAsync("/api/otp/activate", new { serialNo = FirstSerial.Value, code = keyfob.PressButton().Code }, session);
        Assert.That(wrongSerial.Status, Is.EqualTo(HttpStatusCode.BadRequest), wrongSerial.Text);
        Assert.That(wrongSerial.String("message"), Is.EqualTo("シリアル番号が正しくありません。"));

        var activated = await _bank.PostAsync("/api/otp/activate", new { serialNo = PostedSerial.Value, code = keyfob.PressButton().Code }, session);
        Assert.That(activated.Status, Is.EqualTo(HttpStatusCode.OK), activated.Text);
        Assert.Multiple(() =>
        {
            // BOK502 shows シリアル番号 and 有効期限.
            Assert.That(activated.String("message"), Is.EqualTo("以下の内容でワンタイムパスワード利用開始登録を受けました。"));
            Assert.That(activated.String("status"), Is.EqualTo("サービス利用中"));
            Assert.That(activated.String("serialNo"), Is.EqualTo("101199980022"));
            Assert.That(activated.String("expiresAt"), Is.EqualTo("2031年11月30日 23時59分"));
        });

        _clock.Advance(TimeSpan.FromSeconds(60));
        var login = await _bank.LoginUpToOtpAsync(customer);
        var otp = await _bank.PostAsync("/api/login/otp", new { code = keyfob.PressButton().Code }, login);
        Assert.That(otp.Status, Is.EqualTo(HttpStatusCode.OK), otp.Text);
        Assert.That(otp.String("next"), Is.EqualTo("menu"));
    }

    [Test]
    public async Task The_same_PSKC_file_imported_twice_is_refused_as_duplicate_serials()
    {
        var batch = _devices.ManufactureKeyfobs(FirstSerial, 2, ExpiresAt);
        await batch.ImportIntoBankAsync(_bank.Http, _bank.BaseUrl);

        var again = Assert.ThrowsAsync<HttpRequestException>(() => batch.ImportIntoBankAsync(_bank.Http, _bank.BaseUrl));

        Assert.That(again!.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(again.Message, Does.Contain("既に取り込み済みのシリアル番号が含まれています。"));
    }
}
