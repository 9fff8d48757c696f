using Harness.Conformance.Drivers;
using Harness.Devices.Mail;

namespace Harness.Conformance.Support;

/// <summary>Preconditions of the 振込・振替 and メール通知パスワード scenarios: payees, 利用解除 and a second 利用開始.</summary>
public sealed partial class Setup
{
    /// <summary>The payee the scenario's customer will choose on the 振込・振替 screen.</summary>
    public PayeeChoice? Payee { get; private set; }

    /// <summary>事前に届出のある振込先: the customer filed it with the bank, the 窓口 registers it.</summary>
    public async Task<PayeeChoice> PayeeRegisteredInAdvanceAsync()
    {
        var customer = Customer ?? await RegisterCustomerAsync();
        const string note = "振込.事前に届出のある振込先";
        var payee = new PayeeChoice(manual["金融機関名"], "本店", "1111111", "トドケデ サキ", manual.Has(note) ? note : null);
        BankApi.Require(await Api.PostAsync($"/staff/api/customers/{customer.LoginId}/payees", new
        {
            bankName = payee.BankName,
            branchName = payee.BranchName,
            accountNo = payee.AccountNo,
            accountName = payee.AccountName,
        }), "窓口での事前に届出のある振込先の登録");
        Payee = payee;
        return payee;
    }

    /// <summary>振込・振替先一覧(利用者登録): the customer added the payee on the bank's own list (confirmed with the 確認用パスワード).</summary>
    public async Task<PayeeChoice> PayeeInCustomerListAsync()
    {
        var customer = Customer ?? await RegisterCustomerAsync();
        var payee = new PayeeChoice("テスト銀行", "駅前支店", "2222222", "トウロク タロウ");
        var session = await LoginWithoutOtpAsync(customer);
        BankApi.Require(await Api.PostAsync("/api/payees", new
        {
            bankName = payee.BankName,
            branchName = payee.BranchName,
            accountNo = payee.AccountNo,
            accountName = payee.AccountName,
            confirmationPassword = customer.ConfirmationPassword,
        }, session), "振込・振替先一覧(利用者登録)への登録");
        await Api.PostAsync("/api/logout", null, session);
        Payee = payee;
        return payee;
    }

    /// <summary>The customer ended the OTP (利用解除, BOS001) after logging in with it, and logged out.</summary>
    public async Task OtpDeactivatedAsync()
    {
        var customer = Customer ?? throw new InvalidOperationException("お客様がいません。");
        var login = await PasswordLoginAsync(customer);
        var session = login["sessionId"];
        if (login["next"] == "otp")
        {
            BankApi.Require(await Api.PostAsync("/api/login/otp", new { code = customer.CurrentCode() }, session), "ワンタイムパスワード認証");
            // The next code: one time step later, as a person waits for the display to change.
            world.Clock.Advance(TimeSpan.FromSeconds(Period));
        }

        var code = manual.Flag("手順.利用解除にワンタイムパスワード") ? customer.CurrentCode() : null;
        BankApi.Require(await Api.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword, code }, session), "ワンタイムパスワード利用解除");
        await Api.PostAsync("/api/logout", null, session);
    }

    /// <summary>After 利用解除 the customer deleted the old app and went through トークン発行 and 利用開始 again.</summary>
    public async Task OtpInUseAgainAsync()
    {
        var customer = Customer ?? throw new InvalidOperationException("お客様がいません。");
        if (customer.Phone is not null && customer.App is not null)
        {
            customer.Phone.UninstallBankOtpApp(customer.App);
            customer.App = null;
        }

        await TokenInUseAsync();
    }

    /// <summary>The customer applied for the OTP the profile's way: the paper application accepted at the 窓口 (akita);
    /// nothing where no application is needed (kyoei: 「お申込みは必要ありません」).</summary>
    public async Task OtpAppliedForAsync()
    {
        var customer = Customer ?? await RegisterCustomerAsync();
        if (manual.Flag("手順.窓口での申込受付"))
        {
            BankApi.Require(await Api.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application"), "窓口での申込書の受付");
        }
    }

    /// <summary>How many mails with <paramref name="subject"/> in the subject <paramref name="address"/> has received.</summary>
    public int MailCount(string address, string subject) =>
        world.Devices.MailSourceFor(address).Search(new MailQuery(SubjectContains: subject)).Count;

    private async Task<string?> LoginWithoutOtpAsync(Customer customer)
    {
        var login = await PasswordLoginAsync(customer);
        return login["next"] == "menu"
            ? login["sessionId"]
            : throw new InvalidOperationException($"前提の操作でワンタイムパスワードなしにログインできません: {login}");
    }
}
