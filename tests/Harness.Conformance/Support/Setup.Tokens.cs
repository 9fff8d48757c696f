using System.Globalization;
using Harness.Devices.Keyfobs;

namespace Harness.Conformance.Support;

/// <summary>Preconditions of the token lifecycle (akita, kyoei, aomori): the 窓口's acceptance of the paper application, the
/// keyfob's delivery by post (simulated: the vendor's PSKC goes into the bank's stock and the 窓口 posts one keyfob), a keyfob in use.</summary>
public sealed partial class Setup
{
    private static int _nextSerial;

    /// <summary>窓口 accepts the customer's ワンタイムパスワード申込書 (akita): the bank mails 「受付確認の案内」.</summary>
    public async Task AcceptOtpApplicationAsync()
    {
        var customer = Customer ?? await RegisterCustomerAsync();
        BankApi.Require(await Api.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application"), "窓口での申込書の受付");
    }

    /// <summary>A 窓口 operation on the customer's token: <c>stop</c> (利用停止) or <c>cancel</c> (ご利用解除).</summary>
    public async Task AtCounterAsync(string operation, string what)
    {
        var customer = Customer ?? throw new InvalidOperationException("お客様がいません。");
        BankApi.Require(await Api.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/{operation}"), "窓口での" + what);
    }

    /// <summary>The 有効期限 a delivered keyfob carries unless a scenario says otherwise: five years after the scenario's start.</summary>
    public static DateTimeOffset DefaultKeyfobExpiry => World.Start.AddYears(5);

    /// <summary>The bank posts a keyfob for the customer's hard token application: a new keyfob of the vendor's batch, its seed
    /// imported as PSKC, posted by the 窓口; it arrives in the customer's hands (the post itself is simulated).</summary>
    public Task<Keyfob> DeliverKeyfobAsync(DateTimeOffset expiresAt) =>
        DeliverKeyfobAsync(SerialNumber.Parse((101199980000L + Interlocked.Increment(ref _nextSerial)).ToString(CultureInfo.InvariantCulture)), expiresAt);

    /// <summary>The keyfob of <paramref name="serial"/>: made by the vendor, its seed imported into the bank, posted by the 窓口.</summary>
    private async Task<Keyfob> DeliverKeyfobAsync(SerialNumber serial, DateTimeOffset expiresAt)
    {
        var customer = Customer ?? throw new InvalidOperationException("お客様がいません。");
        var batch = world.Devices.ManufactureKeyfobs(serial, 1, expiresAt);
        using (var http = new HttpClient())
        {
            await batch.ImportIntoBankAsync(http, new Uri(world.Bank.BaseUrl));
        }

        BankApi.Require(await Api.PostAsync($"/staff/api/customers/{customer.LoginId}/keyfobs/post", new { serialNo = serial.Value }), "ハードウェアトークンの送付");
        var keyfob = batch[serial];
        customer.Keyfob = keyfob;
        return keyfob;
    }

    /// <summary>The customer uses a keyfob (aomori): トークン発行 (ハードウェアトークン), the keyfob arrives, 利用開始 with its シリアル番号
    /// and code; then a time step passes, as a person waits for the display to change.</summary>
    public async Task<Customer> KeyfobInUseAsync(DateTimeOffset expiresAt)
    {
        var customer = Customer ?? await RegisterCustomerAsync();
        var login = await PasswordLoginAsync(customer);
        var session = login["sessionId"];
        BankApi.Require(await Api.PostAsync("/api/otp/hard", new { confirmationPassword = customer.ConfirmationPassword }, session), "トークン発行（ハードウェアトークン）");
        var keyfob = await DeliverKeyfobAsync(expiresAt);
        BankApi.Require(await Api.PostAsync("/api/otp/activate", new { serialNo = keyfob.Serial.Value, code = keyfob.PressButton().Code }, session), "ワンタイムパスワード利用開始（ハードウェアトークン）");
        await Api.PostAsync("/api/logout", null, session);
        world.Clock.Advance(keyfob.Step);
        return customer;
    }
}
