using System.Net;

namespace Harness.Bank.Tests;

/// <summary>AKT-07, AOM-04, KMG-06, X-04: the lock at the profile's threshold, consecutive, reset by success.</summary>
public sealed class OtpLockTests
{
    [TestCase("akita")]
    [TestCase("kyoei")]
    [TestCase("aomori")]
    public async Task Nine_wrong_codes_then_the_right_one_logs_in_and_resets_the_count(string profile)
    {
        await using var bank = await TestBank.StartAsync(profile);
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);

        var session = (await bank.LoginAsync(customer)).String("sessionId");
        for (var i = 0; i < 9; i++)
        {
            var wrong = await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);
            Assert.That(wrong.Code, Is.EqualTo("otp_rejected"));
        }
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(9));

        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var right = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session);

        Assert.That(right.Status, Is.EqualTo(HttpStatusCode.OK), right.Text);
        Assert.That(right.String("next"), Is.EqualTo("menu"));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(0));
        Assert.That(await bank.TokenStateAsync(customer.LoginId), Is.EqualTo("Active"));
    }

    [TestCase("akita")]
    [TestCase("kyoei")]
    [TestCase("aomori")]
    public async Task Ten_wrong_codes_lock_and_the_right_code_is_then_refused(string profile)
    {
        await using var bank = await TestBank.StartAsync(profile);
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        var session = (await bank.LoginAsync(customer)).String("sessionId");

        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add((await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session)).Code);
        }
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var right = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session);

        Assert.That(answers, Is.EqualTo(Enumerable.Repeat("otp_rejected", 9).Append("otp_locked")));
        Assert.That(right.Status, Is.EqualTo((HttpStatusCode)423));
        Assert.That(right.Message, Is.EqualTo(bank.Host.Profile.Texts.OtpLockedMessage));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(10));
        Assert.That(await bank.TokenStateAsync(customer.LoginId), Is.EqualTo("Locked"));
    }

    [Test]
    public async Task A_lock_survives_a_restart_of_the_bank()
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        for (var i = 0; i < 10; i++)
        {
            await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);
        }

        await bank.RestartAsync();
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var again = await bank.LoginAsync(customer);
        var right = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, again.String("sessionId"));

        Assert.That(right.Code, Is.EqualTo("otp_locked"));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(10));
    }

    [Test]
    public async Task Akita_lifts_a_lock_only_by_stop_at_the_counter_and_a_new_issue()
    {
        await using var bank = await TestBank.StartAsync("akita");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        for (var i = 0; i < 10; i++)
        {
            await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);
        }

        var unlock = await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/unlock");
        var stop = await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/stop");
        var login = await bank.LoginAsync(customer);

        Assert.That(unlock.Code, Is.EqualTo("stop_and_reissue"));
        Assert.That(stop.Status, Is.EqualTo(HttpStatusCode.OK), stop.Text);
        Assert.That(login.String("next"), Is.EqualTo("menu"), "after 利用停止 the login asks no OTP until a new token is in use");
        var (_, newApp) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.That(await bank.LoggedInAsync(customer, newApp), Is.Not.Empty);
    }

    [Test]
    public async Task Aomori_staff_unlock_makes_the_same_token_work_again()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        for (var i = 0; i < 10; i++)
        {
            await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);
        }

        var unlock = await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/unlock");
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var right = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session);

        Assert.That(unlock.Status, Is.EqualTo(HttpStatusCode.OK), unlock.Text);
        Assert.That(right.Status, Is.EqualTo(HttpStatusCode.OK), right.Text);
    }
}
