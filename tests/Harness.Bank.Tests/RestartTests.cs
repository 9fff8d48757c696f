using System.Net;

namespace Harness.Bank.Tests;

/// <summary>A restart loses nothing: used time steps, sessions, mail passwords' validity, limits.</summary>
public sealed class RestartTests
{
    [Test]
    public async Task A_restart_keeps_used_steps_sessions_mail_passwords_and_limits()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var (session, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var code = app.CodeNow();
        var first = await bank.PostAsync("/api/login/otp", new { code }, (await bank.LoginAsync(customer)).String("sessionId"));
        await bank.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword, code = app.CodeAt(bank.Clock.GetUtcNow().AddSeconds(60)) }, session);
        await bank.PostAsync("/api/otp/soft/mail-password", null, session);
        var mailPassword = bank.Outbox.LastValue(customer.Email, "メール通知パスワード");

        await bank.RestartAsync();
        var me = await bank.GetAsync("/api/me", session);
        var issue = await bank.PostAsync("/api/otp/soft", new
        {
            mailAddress = "phone2@example.jp", mailAddressConfirm = "phone2@example.jp",
            activationPassword = "1234", activationPasswordConfirm = "1234",
            confirmationPassword = customer.ConfirmationPassword, mailPassword,
        }, session);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Text);
        Assert.That(me.Status, Is.EqualTo(HttpStatusCode.OK), "the session survived");
        Assert.That(me.Long("transferLimitYen"), Is.EqualTo(200_000));
        Assert.That(issue.Status, Is.EqualTo(HttpStatusCode.OK), "the mail password of this session is still valid: " + issue.Text);
    }

    [Test]
    public async Task A_replayed_code_is_refused_after_a_restart()
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var code = app.CodeNow();
        await bank.PostAsync("/api/login/otp", new { code }, (await bank.LoginAsync(customer)).String("sessionId"));

        await bank.RestartAsync();
        var replay = await bank.PostAsync("/api/login/otp", new { code }, (await bank.LoginAsync(customer)).String("sessionId"));

        Assert.That(replay.Code, Is.EqualTo("otp_rejected"));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(1));
    }
}
