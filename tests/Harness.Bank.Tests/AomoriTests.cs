using System.Net;

namespace Harness.Bank.Tests;

/// <summary>AOM-02, AOM-12..19: keyfobs, 利用解除 and the limit after it.</summary>
public sealed class AomoriTests
{
    [Test]
    public async Task After_deactivation_the_transfer_limit_is_200000_yen()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var (session, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var before = (await bank.GetAsync("/api/me", session)).Long("transferLimitYen");

        var off = await bank.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword, code = app.CodeNow() }, session);
        var me = await bank.GetAsync("/api/me", session);
        var next = await bank.LoginAsync(customer);

        Assert.That(before, Is.EqualTo(1_000_000));
        Assert.That(off.Status, Is.EqualTo(HttpStatusCode.OK), off.Text);
        Assert.That(off.Message, Is.EqualTo("ワンタイムパスワードの利用解除が完了しました。"));
        Assert.That(me.Long("transferLimitYen"), Is.EqualTo(200_000));
        Assert.That(me.Json.GetProperty("otp").GetProperty("status").GetString(), Is.EqualTo("未登録"));
        Assert.That(next.String("next"), Is.EqualTo("menu"));
    }

    [Test]
    public async Task A_transfer_asks_the_otp_and_a_limit_change_raises_the_limit_again()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var (session, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var transfer = new { bankName = "テスト銀行", branchName = "本店", accountNo = "1234567", accountName = "アオモリ", amountYen = "300000", confirmationPassword = customer.ConfirmationPassword };

        var withoutCode = await bank.PostAsync("/api/transfers", transfer, session);
        var limit = await bank.PostAsync("/api/limit", new { limitYen = "500000", confirmationPassword = customer.ConfirmationPassword, otpCode = app.CodeNow() }, session);

        Assert.That(withoutCode.Message, Is.EqualTo("ワンタイムパスワードを入力してください。"));
        Assert.That(limit.Long("transferLimitYen"), Is.EqualTo(500_000));
    }

    // 有効期限 is 1,000 days after the start; the reissue opens 90 days before it.
    [TestCase(91, HttpStatusCode.Conflict)]
    [TestCase(90, HttpStatusCode.OK)]
    [TestCase(89, HttpStatusCode.OK)]
    public async Task A_keyfob_is_reissued_from_90_days_before_its_expiry_with_an_otp(int daysBeforeExpiry, HttpStatusCode expected)
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);
        var expiry = TestBank.Start.AddDays(1000);
        var keyfob = await PskcFile.ActiveKeyfobAsync(bank, customer, session, "101199980021", expiry);

        bank.Clock.SetUtcNow(expiry.AddDays(-daysBeforeExpiry));
        var login = await bank.LoggedInAsync(customer, keyfob);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var reissue = await bank.PostAsync("/api/otp/hard", new { confirmationPassword = customer.ConfirmationPassword, code = keyfob.CodeNow() }, login);

        Assert.That(reissue.Status, Is.EqualTo(expected), reissue.Text);
        if (expected == HttpStatusCode.Conflict)
        {
            Assert.That(reissue.Message, Is.EqualTo("ハードウェアトークンの再発行は有効期限の90日前より可能です。"));
        }
    }

    /// <summary>A copied seed must not outlive the keyfob: from its 有効期限 on, its codes are refused without counting a failure.</summary>
    [TestCase(-1, HttpStatusCode.OK)]
    [TestCase(0, HttpStatusCode.Forbidden)]
    [TestCase(60, HttpStatusCode.Forbidden)]
    public async Task A_keyfob_code_is_refused_from_its_expiry_on(int secondsAfterExpiry, HttpStatusCode expected)
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);
        var expiry = TestBank.Start.AddDays(1000);
        var keyfob = await PskcFile.ActiveKeyfobAsync(bank, customer, session, "101199980021", expiry);

        bank.Clock.SetUtcNow(expiry.AddSeconds(secondsAfterExpiry));
        var login = await bank.LoginAsync(customer);
        var otp = await bank.PostAsync("/api/login/otp", new { code = keyfob.CodeNow() }, login.String("sessionId"));

        Assert.That(otp.Status, Is.EqualTo(expected), otp.Text);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.That(otp.Message, Is.EqualTo("トークンの有効期限が切れています。トークンの再発行をお申し込みください。"));
            var status = await bank.GetAsync($"/staff/api/customers/{customer.LoginId}");
            Assert.That(status.Json.GetProperty("otp").GetProperty("failCount").GetInt32(), Is.EqualTo(0));
        }
    }

    [Test]
    public async Task A_deactivated_keyfob_is_never_activated_again()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);
        var keyfob = await PskcFile.ActiveKeyfobAsync(bank, customer, session, "101199980021", TestBank.Start.AddDays(1000));
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        await bank.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword, code = keyfob.CodeNow() }, session);

        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var again = await bank.PostAsync("/api/otp/activate", new { serialNo = "101199980021", code = keyfob.CodeNow() }, session);
        var apply = await bank.PostAsync("/api/otp/hard", new { confirmationPassword = customer.ConfirmationPassword }, session);
        var repost = await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/keyfobs/post", new { serialNo = "101199980021" });

        Assert.That(again.Code, Is.EqualTo("token_ended"));
        Assert.That(apply.Status, Is.EqualTo(HttpStatusCode.OK), "a new hard issue is the way back");
        Assert.That(repost.Code, Is.EqualTo("no_stock"), "the deactivated keyfob never goes out again");
    }

    [Test]
    public async Task The_soft_issue_confirmation_takes_a_mail_password_and_the_app_is_provisioned_once()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var (_, _) = await bank.ActiveSoftTokenAsync(customer);
        var phone = "phone-" + customer.Email;
        var issued = bank.Outbox.Mails.Single(m => m.To == phone);

        var second = await bank.PostAsync("/app/v1/provision", new
        {
            serviceId = bank.Outbox.LastValue(phone, "サービスID"),
            userId = bank.Outbox.LastValue(phone, "ユーザID"),
            activationPassword = "1234",
            deviceId = "phone-2",
        });

        Assert.That(issued.Subject, Is.EqualTo("トークン発行のご案内"));
        Assert.That(issued.Body, Does.Contain($"\n{bank.Host.BaseUrl}/app/download?bank=aomori\n"));
        Assert.That(bank.Outbox.LastValue(phone, "サービスID"), Does.Match("^[0-9]{8}$"));
        Assert.That(bank.Outbox.LastValue(phone, "ユーザID"), Does.Match("^[0-9]{12}$"));
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.Conflict));
    }
}
