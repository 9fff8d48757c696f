using System.Net;

namespace Harness.Bank.Tests;

/// <summary>Smaller rules of the register: AOM-18, KYO-02, AKT-01, AKT-08.</summary>
public sealed class RuleTests
{
    [Test]
    public async Task Aomori_sets_up_a_new_phone_only_from_the_day_after_deactivation()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var (session, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        await bank.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword, code = app.CodeNow() }, session);
        await bank.PostAsync("/api/otp/soft/mail-password", null, session);
        var issue = await bank.PostAsync("/api/otp/soft", new
        {
            mailAddress = "new-phone@example.jp", mailAddressConfirm = "new-phone@example.jp",
            activationPassword = "5678", activationPasswordConfirm = "5678",
            confirmationPassword = customer.ConfirmationPassword,
            mailPassword = bank.Outbox.LastValue(customer.Email, "メール通知パスワード"),
        }, session);
        var provision = new { serviceId = issue.String("serviceId"), userId = issue.String("userId"), activationPassword = "5678", deviceId = "phone-2" };

        var sameDay = await bank.PostAsync("/app/v1/provision", provision);
        // TestBank.Start is 09:00 JST; the next JST day starts 15 hours later.
        bank.Clock.SetUtcNow(TestBank.Start.AddHours(15));
        var nextDay = await bank.PostAsync("/app/v1/provision", provision);

        // The manual's 翌日以降 is about the new phone's app (download and use), so the bank checks it at 初期設定;
        // トークン発行 on the day of 利用解除 is accepted (register AOM-18, assumption).
        Assert.That(issue.Status, Is.EqualTo(HttpStatusCode.OK), issue.Text);
        Assert.That(sameDay.Code, Is.EqualTo("next_day"));
        Assert.That(sameDay.Message, Is.EqualTo("ワンタイムパスワードの利用解除を行った翌日以降に初期設定を行ってください。"));
        Assert.That(nextDay.Status, Is.EqualTo(HttpStatusCode.OK), nextDay.Text);
    }

    [Test]
    public async Task Kyoei_asks_the_otp_whatever_device_the_login_names()
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];
        await bank.ActiveSoftTokenAsync(customer);

        var pc = await bank.LoginAsync(customer, "pc");
        var smartphone = await bank.LoginAsync(customer, "smartphone");

        // 「パソコンをご利用のお客様のみの取扱い」 says who is offered the OTP, not that a smartphone login may skip it.
        Assert.That((pc.String("next"), smartphone.String("next")), Is.EqualTo(("otp", "otp")));
    }

    [Test]
    public async Task Akita_refuses_the_mail_password_while_otp_is_in_use()
    {
        await using var bank = await TestBank.StartAsync("akita");
        var customer = bank.Host.DemoCustomers[0];
        var (session, _) = await bank.ActiveSoftTokenAsync(customer);

        var change = await bank.PostAsync("/api/settings/mail-password", new { use = true }, session);

        Assert.That(change.Code, Is.EqualTo("exclusive"));
        Assert.That(change.Message, Is.EqualTo("「ワンタイムパスワード」と「メール通知パスワード」はどちらか一方のみご利用いただけます。"));
    }

    [Test]
    public async Task Akita_customers_cancel_otp_only_at_the_counter()
    {
        await using var bank = await TestBank.StartAsync("akita");
        var customer = bank.Host.DemoCustomers[0];
        var (session, _) = await bank.ActiveSoftTokenAsync(customer);

        var online = await bank.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword }, session);
        var counter = await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/cancel");
        var next = await bank.LoginAsync(customer);

        Assert.That(online.Code, Is.EqualTo("staff_only"));
        Assert.That(counter.Message, Is.EqualTo("ご利用解除が完了しました。"));
        Assert.That(next.String("next"), Is.EqualTo("menu"));
    }
}
