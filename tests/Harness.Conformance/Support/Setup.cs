using System.Globalization;
using Harness.Devices.Mail;
using Harness.Devices.Phones;

namespace Harness.Conformance.Support;

/// <summary>Preconditions a scenario takes for granted, done through the API (窓口 and the customer) whatever the scenario's
/// channel, the way each profile's manual prescribes.</summary>
public sealed partial class Setup(World world, Manual manual)
{
    private static int _next;

    public Customer? Customer { get; private set; }

    public BankApi Api => _api ??= new BankApi(new Uri(world.Bank.BaseUrl));

    private BankApi? _api;

    /// <summary>窓口 registers a personal customer with a balance of 5,000,000 yen.</summary>
    public Task<Customer> RegisterCustomerAsync() => RegisterAsync(corporate: false);

    /// <summary>窓口 registers a corporate customer (WEB-FB サービス, 法人インターネットバンキング).</summary>
    public Task<Customer> RegisterCorporateCustomerAsync() => RegisterAsync(corporate: true);

    private async Task<Customer> RegisterAsync(bool corporate)
    {
        await world.StartBankAsync();
        var n = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var customer = corporate
            ? new Customer
            {
                LoginId = $"{world.ProfileName}h{n}",
                Password = $"Corp-{world.ProfileName}{n}",
                ConfirmationPassword = "houjin" + n,
                Email = $"corp{n}@{world.ProfileName}.example.jp",
                PhoneMail = $"corpphone{n}@{world.ProfileName}.example.jp",
            }
            : new Customer
            {
                LoginId = $"{world.ProfileName}c{n}",
                Password = $"Pass-{world.ProfileName}{n}",
                ConfirmationPassword = "kakunin" + n,
                Email = $"pc{n}@{world.ProfileName}.example.jp",
                PhoneMail = $"phone{n}@{world.ProfileName}.example.jp",
            };
        await OpenAtAsync(Api, customer, corporate ? "株式会社テスト商事" : "テスト 太郎", corporate ? "Corporate" : "Personal", 5_000_000,
            corporate ? "窓口での法人のお客様登録" : "窓口でのお客様登録");
        Customer = customer;
        return customer;
    }

    /// <summary>窓口 of the bank behind <paramref name="api"/> opens the customer's account.</summary>
    public static async Task OpenAtAsync(BankApi api, Customer customer, string name, string kind, long balanceYen, string what) =>
        BankApi.Require(await api.PostAsync("/staff/api/customers", new
        {
            loginId = customer.LoginId,
            password = customer.Password,
            confirmationPassword = customer.ConfirmationPassword,
            name,
            email = customer.Email,
            kind,
            balanceYen = balanceYen.ToString(CultureInfo.InvariantCulture),
        }), what);

    /// <summary>The customer holds a token in use: the bank app (soft) where the profile offers it, else VIP Access.</summary>
    public async Task<Customer> TokenInUseAsync()
    {
        var customer = Customer ?? await RegisterCustomerAsync();
        var kinds = manual.List("手順.トークンの種類");
        if (kinds.Contains("ソフトウェアトークン"))
        {
            await SoftTokenInUseAsync(customer);
        }
        else if (kinds.Contains("VIP Access"))
        {
            await VipInUseAsync(customer);
        }
        else
        {
            throw new InvalidOperationException($"{world.ProfileName} のマニュアルの記載「手順.トークンの種類」({string.Join("、", kinds)}) にソフトウェアトークンも VIP Access もありません。");
        }

        // The customer's next login uses the next code, as a person waits for the display to change.
        world.Clock.Advance(TimeSpan.FromSeconds(Period));
        return customer;
    }

    /// <summary>How often the token's code changes, as the manual says (or the register assumes).</summary>
    private int Period => manual.Number("数.ワンタイムパスワード間隔秒");

    private async Task SoftTokenInUseAsync(Customer customer)
    {
        if (manual.Flag("手順.窓口での申込受付"))
        {
            BankApi.Require(await Api.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application"), "窓口での申込書の受付");
        }

        var login = await PasswordLoginAsync(customer);
        var session = login["sessionId"];
        string? mailPassword = null;
        if (manual.Flag("手順.ソフト発行時のメール通知パスワード"))
        {
            BankApi.Require(await Api.PostAsync("/api/otp/soft/mail-password", null, session), "メール通知パスワードの送信");
            mailPassword = MailedPassword(customer);
        }

        BankApi.Require(await Api.PostAsync("/api/otp/soft", new
        {
            mailAddress = customer.PhoneMail,
            mailAddressConfirm = customer.PhoneMail,
            activationPassword = customer.ActivationPassword,
            activationPasswordConfirm = customer.ActivationPassword,
            confirmationPassword = customer.ConfirmationPassword,
            mailPassword,
        }, session), "トークン発行");

        customer.Phone ??= world.Devices.NewPhone(customer.PhoneMail);
        var mail = LatestMail(customer.PhoneMail, manual["メール.トークン発行.件名"]);
        var app = customer.Phone.InstallBankOtpAppFrom(mail);
        app.AcceptCommunication();
        app.AgreeToAntiCopyTerms();
        var setup = await app.InitialSetupAsync(mail.Value(manual["メール.トークン発行.サービスID"]), mail.Value(manual["メール.トークン発行.ユーザID"]), customer.ActivationPassword);
        if (setup is not InitialSetupResult.Completed)
        {
            throw new InvalidOperationException($"アプリの初期設定ができませんでした: {setup}");
        }

        app.Next();
        customer.App = app;
        BankApi.Require(await Api.PostAsync("/api/otp/activate", new { code = customer.CurrentCode() }, session), "ワンタイムパスワード利用開始");
        await Api.PostAsync("/api/logout", null, session);
    }

    private async Task VipInUseAsync(Customer customer)
    {
        // The VIP banks' manuals let the customer register online without any 届出 at the branch: the registration below,
        // with no 窓口 step before it, holds that (a bank that asked for the branch first would refuse it).
        if (manual.Flag("手順.窓口での申込受付"))
        {
            BankApi.Require(await Api.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application"), "窓口での申込書の受付");
        }

        customer.Phone ??= world.Devices.NewPhone(customer.PhoneMail);
        customer.Vip = customer.Phone.InstallVipAccess(world.Devices.Vendor);
        BankApi.Require(await Api.PostAsync("/api/vip/register", new
        {
            loginId = customer.LoginId,
            password = customer.Password,
            credentialId = customer.Vip.CredentialId,
            securityCode = customer.Vip.SecurityCode,
        }), "ワンタイムパスワードの利用登録");
    }

    /// <summary>The customer uses メール通知パスワード (メール通知パスワード利用変更 → 利用する, confirmed with the mailed password
    /// where the profile asks it) and has no OTP.</summary>
    public async Task<Customer> MailPasswordInUseAsync()
    {
        var customer = Customer ?? await RegisterCustomerAsync();
        var login = await PasswordLoginAsync(customer);
        var session = login["sessionId"];
        BankApi.Require(await Api.PostAsync("/api/settings/mail-password", new { use = true }, session), "メール通知パスワード利用変更 (利用する)");
        if (manual.Flag("手順.メール通知パスワード利用登録の確認"))
        {
            var mailed = MailedPassword(customer);
            BankApi.Require(await Api.PostAsync("/api/settings/mail-password/confirm", new { confirmationPassword = customer.ConfirmationPassword, mailPassword = mailed }, session), "変更を確定する");
        }

        await Api.PostAsync("/api/logout", null, session);
        return customer;
    }

    /// <summary>The bank lifts a lock the profile's way: 窓口 unlock, or 利用停止 and a new token (akita).</summary>
    public async Task LiftLockAsync()
    {
        var customer = Customer ?? throw new InvalidOperationException("お客様がいません。");
        switch (manual["手順.ロックの解除"])
        {
            case "利用停止と再発行":
                BankApi.Require(await Api.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/stop"), "窓口での利用停止");
                if (customer.Phone is not null && customer.App is not null)
                {
                    customer.Phone.UninstallBankOtpApp(customer.App);
                    customer.App = null;
                }

                await TokenInUseAsync();
                break;
            case "窓口でのロック解除":
                BankApi.Require(await Api.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/unlock"), "窓口でのロック解除");
                break;
            case var other:
                throw new InvalidDataException($"マニュアルの記載「手順.ロックの解除」は「窓口でのロック解除」か「利用停止と再発行」です (「{other}」)。");
        }
    }

    /// <summary>The メール通知パスワード last mailed to the customer's registered address, read as the manual names it.</summary>
    public string MailedPassword(Customer customer) =>
        LatestMail(customer.Email, manual["メール.メール通知パスワード.件名"]).Value(manual["メール.メール通知パスワード.パスワード"]);

    /// <summary>The customer's ID + password step through the API (a precondition, whatever the scenario's channel).</summary>
    private async Task<ApiReply> PasswordLoginAsync(Customer customer) =>
        BankApi.Require(await Api.PostAsync("/api/login", new { loginId = customer.LoginId, password = customer.Password, channel = "pc" }), "ログイン");

    /// <summary>The newest mail to <paramref name="address"/> whose subject contains <paramref name="subject"/>: the bank has
    /// finished sending before its HTTP answer, so the mail is there or was never sent.</summary>
    public ReceivedMail LatestMail(string address, string subject) =>
        world.Devices.MailSourceFor(address).Search(new MailQuery(SubjectContains: subject)).LastOrDefault()
        ?? throw new InvalidOperationException($"{address} に件名「{subject}」のメールが届いていません。");
}
