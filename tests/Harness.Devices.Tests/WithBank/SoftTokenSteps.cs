using System.Net;
using Harness.Bank.Profiles;
using Harness.Devices.Mail;
using Harness.Devices.Phones;

namespace Harness.Devices.Tests.WithBank;

/// <summary>The customer's steps to a working bank OTP app, shared by the tests that start from one.</summary>
internal static class SoftTokenSteps
{
    public const string ActivationPassword = "4649";

    /// <summary>トークン発行 input (AOM-07, KYO-04): the phone's address and the 利用開始パスワード, each twice.</summary>
    public static object SoftIssue(Phone phone, Customer customer, string? mailPassword = null) => new
    {
        mailAddress = phone.MailAddress,
        mailAddressConfirm = phone.MailAddress,
        activationPassword = ActivationPassword,
        activationPasswordConfirm = ActivationPassword,
        confirmationPassword = customer.ConfirmationPassword,
        mailPassword,
    };

    /// <summary>The customer opens the トークン発行のご案内 mail, installs the app from its URL and completes 初期設定.</summary>
    public static async Task<BankOtpApp> SetUpAppFromIssueMailAsync(Phone phone, string sender)
    {
        // The bank answered only after SMTP took the mail, so it is already there: no virtual time passes.
        var mail = await phone.Mail.WaitForMailAsync(new MailQuery(sender, "トークン発行のご案内"), TimeSpan.FromMinutes(5));
        var app = phone.InstallBankOtpAppFrom(mail);
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();
        var result = await app.InitialSetupAsync(mail.Value("サービスID"), mail.Value("ユーザID"), ActivationPassword);
        Assert.That(result, Is.InstanceOf<InitialSetupResult.Completed>(), result.ToString());
        app.Next();
        return app;
    }

    /// <summary>
    /// Issue (with the メール通知パスワード where the profile asks it), 初期設定 and 利用開始 with the app's
    /// code, all at the current instant; the customer stays logged in on <paramref name="session"/>.
    /// </summary>
    public static async Task<BankOtpApp> ActivatedAppAsync(LiveBank bank, DeviceHost devices, Customer customer, Phone phone, string session)
    {
        string? mailPassword = null;
        if (bank.Host.Profile.MailPassword.RequiredFor.Contains(MailPasswordUse.SoftTokenIssue))
        {
            var sent = await bank.PostAsync("/api/otp/soft/mail-password", null, session);
            Assert.That(sent.Status, Is.EqualTo(HttpStatusCode.OK), sent.Text);
            mailPassword = devices.Mail.MailboxFor(customer.Email)
                .Search(new MailQuery(bank.Host.Profile.Mail.MailPasswordSender, "メール通知パスワード"))[^1].Value("メール通知パスワード");
        }
        var issued = await bank.PostAsync("/api/otp/soft", SoftIssue(phone, customer, mailPassword), session);
        Assert.That(issued.Status, Is.EqualTo(HttpStatusCode.OK), issued.Text);
        var app = await SetUpAppFromIssueMailAsync(phone, bank.Host.Profile.Mail.TokenIssuedSender);
        var activated = await bank.PostAsync("/api/otp/activate", new { code = app.CurrentCode }, session);
        Assert.That(activated.Status, Is.EqualTo(HttpStatusCode.OK), activated.Text);
        return app;
    }
}
