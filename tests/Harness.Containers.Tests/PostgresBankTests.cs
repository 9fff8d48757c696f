using System.Net;

namespace Harness.Containers.Tests;

/// <summary>
/// The bank on PostgreSQL (containers mode): the lock rules of the SQLite bank tests (OtpLockTests) hold, and a
/// restart of the bank loses nothing — locks, fail counters, used time steps, sessions, lowered limits, mail
/// passwords' validity (RestartTests) — because all of it lives in the database.
/// </summary>
[Category("containers")]
public sealed class PostgresBankTests
{
    [SetUp]
    public Task RequireDocker() => Docker.RequireAsync();

    [TestCase("akita")]
    [TestCase("aomori")]
    public async Task Ten_wrong_codes_lock_and_the_right_code_is_then_refused(string profile)
    {
        await using var bank = await PostgresBank.StartAsync(profile);
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        var session = (await bank.LoginAsync(customer)).String("sessionId");

        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
            answers.Add((await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session)).Code);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var right = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session);

        Assert.That(answers, Is.EqualTo(Enumerable.Repeat("otp_rejected", 9).Append("otp_locked")));
        Assert.That(right.Status, Is.EqualTo((HttpStatusCode)423));
        Assert.That(right.Message, Is.EqualTo(bank.Host.Profile.Texts.OtpLockedMessage));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(10));
        Assert.That(await bank.TokenStateAsync(customer.LoginId), Is.EqualTo("Locked"));
    }

    [Test]
    public async Task Nine_wrong_codes_then_the_right_one_logs_in_and_resets_the_count()
    {
        await using var bank = await PostgresBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        for (var i = 0; i < 9; i++)
            Assert.That((await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session)).Code, Is.EqualTo("otp_rejected"));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(9));

        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var right = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session);

        Assert.That(right.Status, Is.EqualTo(HttpStatusCode.OK), right.Text);
        Assert.That(right.String("next"), Is.EqualTo("menu"));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(0));
        Assert.That(await bank.TokenStateAsync(customer.LoginId), Is.EqualTo("Active"));
    }

    [Test]
    public async Task A_lock_survives_a_restart_of_the_bank()
    {
        await using var bank = await PostgresBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        for (var i = 0; i < 10; i++)
            await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);

        await bank.RestartAsync();
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var again = await bank.LoginAsync(customer);
        var right = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, again.String("sessionId"));

        Assert.That(right.Code, Is.EqualTo("otp_locked"));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(10));
        Assert.That(await bank.TokenStateAsync(customer.LoginId), Is.EqualTo("Locked"));
    }

    [Test]
    public async Task The_fail_count_survives_a_restart_and_the_tenth_failure_in_all_locks()
    {
        await using var bank = await PostgresBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        for (var i = 0; i < 6; i++)
            await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);

        await bank.RestartAsync();
        var countAfterRestart = await bank.FailCountAsync(customer.LoginId);
        session = (await bank.LoginAsync(customer)).String("sessionId");
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
            answers.Add((await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session)).Code);

        Assert.That(countAfterRestart, Is.EqualTo(6));
        Assert.That(answers, Is.EqualTo(new[] { "otp_rejected", "otp_rejected", "otp_rejected", "otp_locked" }));
        Assert.That(await bank.TokenStateAsync(customer.LoginId), Is.EqualTo("Locked"));
    }

    [Test]
    public async Task A_restart_keeps_used_steps_sessions_mail_passwords_and_limits()
    {
        await using var bank = await PostgresBank.StartAsync("aomori");
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
        await using var bank = await PostgresBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var code = app.CodeNow();
        var first = await bank.PostAsync("/api/login/otp", new { code }, (await bank.LoginAsync(customer)).String("sessionId"));

        await bank.RestartAsync();
        var replay = await bank.PostAsync("/api/login/otp", new { code }, (await bank.LoginAsync(customer)).String("sessionId"));

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Text);
        Assert.That(replay.Code, Is.EqualTo("otp_rejected"));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(1));
    }
}
