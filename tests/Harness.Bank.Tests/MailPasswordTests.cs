using System.Net;

namespace Harness.Bank.Tests;

/// <summary>AKT-09..11, KYO-09..12: メール通知パスワード.</summary>
public sealed class MailPasswordTests
{
    private static async Task<(TestBank Bank, DemoCustomer Customer, string Session)> EnrolledAsync(string profile)
    {
        var bank = await TestBank.StartAsync(profile);
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);
        var change = await bank.PostAsync("/api/settings/mail-password", new { use = true }, session);
        Assert.That(change.Status, Is.EqualTo(HttpStatusCode.OK), change.Text);
        if (bank.Host.Profile.MailPassword.EnrolmentNeedsConfirmation)
        {
            var confirm = await bank.PostAsync("/api/settings/mail-password/confirm", new
            {
                confirmationPassword = customer.ConfirmationPassword,
                mailPassword = bank.Outbox.LastValue(customer.Email, "メール通知パスワード"),
            }, session);
            Assert.That(confirm.Status, Is.EqualTo(HttpStatusCode.OK), confirm.Text);
        }
        return (bank, customer, session);
    }

    private static object OtherAccount(DemoCustomer customer, string? mailPassword, string amount = "10000") => new
    {
        bankName = "テスト銀行",
        branchName = "本店",
        accountNo = "1234567",
        accountName = "ヤマダ タロウ",
        amountYen = amount,
        confirmationPassword = customer.ConfirmationPassword,
        mailPassword,
    };

    [Test]
    public async Task Akita_enrolment_is_confirmed_with_the_mailed_password_sent_from_the_manuals_address()
    {
        var (bank, customer, session) = await EnrolledAsync("akita");
        await using var _ = bank;

        var me = await bank.GetAsync("/api/me", session);
        var mail = bank.Outbox.Mails.Single();

        Assert.That(me.String("mailPassword"), Is.EqualTo("利用する"));
        Assert.That(mail.From, Is.EqualTo("AKITAKENSHINYOUKUMIAI <info@akita-kenshin.jp>"));
        Assert.That(mail.To, Is.EqualTo(customer.Email));
        Assert.That(bank.Outbox.LastValue(customer.Email, "メール通知パスワード"), Does.Match("^[0-9]{8}$"));
    }

    [Test]
    public async Task Four_wrong_mail_passwords_then_the_right_one_transfers()
    {
        var (bank, customer, session) = await EnrolledAsync("kyoei");
        await using var _ = bank;
        await bank.PostAsync("/api/transfers/prepare", new { }, session);
        var right = bank.Outbox.LastValue(customer.Email, "メール通知パスワード");
        var wrong = right == "00000000" ? "11111111" : "00000000";

        var codes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add((await bank.PostAsync("/api/transfers", OtherAccount(customer, wrong), session)).Code);
        }
        var ok = await bank.PostAsync("/api/transfers", OtherAccount(customer, right), session);

        Assert.That(codes, Is.EqualTo(Enumerable.Repeat("mail_password_rejected", 4)));
        Assert.That(ok.Status, Is.EqualTo(HttpStatusCode.OK), ok.Text);
        Assert.That(ok.Long("balanceYen"), Is.EqualTo(4_990_000));
    }

    [Test]
    public async Task The_fifth_wrong_mail_password_forces_a_logout()
    {
        var (bank, customer, session) = await EnrolledAsync("akita");
        await using var _ = bank;
        await bank.PostAsync("/api/transfers/prepare", new { }, session);
        var right = bank.Outbox.LastValue(customer.Email, "メール通知パスワード");
        var wrong = right == "00000000" ? "11111111" : "00000000";

        for (var i = 0; i < 4; i++)
        {
            await bank.PostAsync("/api/transfers", OtherAccount(customer, wrong), session);
        }
        var fifth = await bank.PostAsync("/api/transfers", OtherAccount(customer, wrong), session);
        var after = await bank.PostAsync("/api/transfers", OtherAccount(customer, right), session);

        Assert.That(fifth.Code, Is.EqualTo("forced_logout"));
        Assert.That(fifth.Message, Does.Contain("強制ログアウト"));
        Assert.That(after.Code, Is.EqualTo("not_logged_in"));
        Assert.That((await bank.GetAsync("/api/me", session)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_mail_password_is_void_after_logout_and_the_next_login()
    {
        var (bank, customer, session) = await EnrolledAsync("kyoei");
        await using var _ = bank;
        await bank.PostAsync("/api/transfers/prepare", new { }, session);
        var old = bank.Outbox.LastValue(customer.Email, "メール通知パスワード");

        await bank.PostAsync("/api/logout", null, session);
        var next = await bank.LoggedInAsync(customer);
        var reply = await bank.PostAsync("/api/transfers", OtherAccount(customer, old), next);

        Assert.That(reply.Code, Is.EqualTo("mail_password_rejected"));
    }

    [Test]
    public async Task A_mail_password_stays_valid_within_the_session_until_a_new_one_is_issued()
    {
        var (bank, customer, session) = await EnrolledAsync("kyoei");
        await using var _ = bank;
        await bank.PostAsync("/api/transfers/prepare", new { }, session);
        var first = bank.Outbox.LastValue(customer.Email, "メール通知パスワード");

        var once = await bank.PostAsync("/api/transfers", OtherAccount(customer, first), session);
        var twice = await bank.PostAsync("/api/transfers", OtherAccount(customer, first), session);
        await bank.PostAsync("/api/transfers/prepare", new { }, session);
        var second = bank.Outbox.LastValue(customer.Email, "メール通知パスワード");
        var afterReissue = await bank.PostAsync("/api/transfers", OtherAccount(customer, first), session);

        Assert.That(once.Status, Is.EqualTo(HttpStatusCode.OK), once.Text);
        Assert.That(twice.Status, Is.EqualTo(HttpStatusCode.OK), twice.Text);
        Assert.That(second, Is.Not.EqualTo(first), "two random 8-digit passwords (a 1 in 10^8 coincidence)");
        Assert.That(afterReissue.Code, Is.EqualTo("mail_password_rejected"));
    }

    [Test]
    public async Task A_payee_registered_in_advance_needs_no_mail_password()
    {
        var (bank, customer, session) = await EnrolledAsync("kyoei");
        await using var _ = bank;
        var payee = await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/payees",
            new { bankName = "協栄信用組合", branchName = "本店", accountNo = "7654321", accountName = "キョウエイ ハナコ" });
        var mailsBefore = bank.Outbox.Mails.Count;

        var prepare = await bank.PostAsync("/api/transfers/prepare", new { payeeId = payee.Int("id") }, session);
        var transfer = await bank.PostAsync("/api/transfers", new
        {
            payeeId = payee.Int("id"),
            amountYen = "30000",
            confirmationPassword = customer.ConfirmationPassword,
        }, session);

        Assert.That(prepare.Json.GetProperty("mailPasswordRequired").GetBoolean(), Is.EqualTo(false));
        Assert.That(transfer.Status, Is.EqualTo(HttpStatusCode.OK), transfer.Text);
        Assert.That(bank.Outbox.Mails, Has.Count.EqualTo(mailsBefore));
    }

    [Test]
    public async Task Otp_and_mail_password_exclude_each_other_where_the_profile_says()
    {
        var (bank, customer, session) = await EnrolledAsync("kyoei");
        await using var _ = bank;

        var issue = await bank.PostAsync("/api/otp/soft", new
        {
            mailAddress = "phone@example.jp",
            mailAddressConfirm = "phone@example.jp",
            activationPassword = "1234",
            activationPasswordConfirm = "1234",
            confirmationPassword = customer.ConfirmationPassword,
        }, session);

        Assert.That(issue.Code, Is.EqualTo("exclusive"));
    }

    [Test]
    public async Task A_mail_server_outage_refuses_the_enrolment_and_changes_nothing()
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);
        bank.Outbox.Down = true;

        var change = await bank.PostAsync("/api/settings/mail-password", new { use = true }, session);
        var me = await bank.GetAsync("/api/me", session);

        Assert.That(change.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(change.Message, Does.StartWith("現在メールを送信できないため"));
        Assert.That(me.String("mailPassword"), Is.EqualTo("利用しない"));
    }
}
