using System.Net;

namespace Harness.Bank.Tests;

/// <summary>X-02, X-03, AOM-03, KYO-03: replay refused, the window exactly the profile's steps.</summary>
public sealed class OtpWindowTests
{
    [TestCase("akita")]
    [TestCase("kyoei")]
    [TestCase("aomori")]
    public async Task A_code_once_accepted_is_refused_again_and_so_is_an_earlier_step(string profile)
    {
        await using var bank = await TestBank.StartAsync(profile);
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var earlier = app.CodeNow();
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var now = app.CodeNow();

        var first = await bank.PostAsync("/api/login/otp", new { code = now }, (await bank.LoginAsync(customer)).String("sessionId"));
        var replay = await bank.PostAsync("/api/login/otp", new { code = now }, (await bank.LoginAsync(customer)).String("sessionId"));
        var older = await bank.PostAsync("/api/login/otp", new { code = earlier }, (await bank.LoginAsync(customer)).String("sessionId"));

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Text);
        Assert.That(replay.Code, Is.EqualTo("otp_rejected"));
        Assert.That(older.Code, Is.EqualTo("otp_rejected"));
    }

    // akita: 60 s steps, one step back and one forward. The code of the step that starts at 0 s.
    [TestCase(0, HttpStatusCode.OK)]
    [TestCase(59, HttpStatusCode.OK)]
    [TestCase(60, HttpStatusCode.OK)]
    [TestCase(119, HttpStatusCode.OK)]
    [TestCase(120, HttpStatusCode.Unauthorized)]
    public async Task A_code_is_accepted_for_exactly_one_step_after_its_own(int secondsLater, HttpStatusCode expected)
    {
        await using var bank = await TestBank.StartAsync("akita");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(600));
        var stepStart = bank.Clock.GetUtcNow();
        Assert.That(stepStart.ToUnixTimeSeconds() % 60, Is.EqualTo(0));
        var code = app.CodeAt(stepStart);

        bank.Clock.Advance(TimeSpan.FromSeconds(secondsLater));
        var reply = await bank.PostAsync("/api/login/otp", new { code }, (await bank.LoginAsync(customer)).String("sessionId"));

        Assert.That(reply.Status, Is.EqualTo(expected), reply.Text);
    }

    // A phone whose clock runs ahead: the next step's code is accepted, the one after is not.
    [TestCase(1, HttpStatusCode.OK)]
    [TestCase(2, HttpStatusCode.Unauthorized)]
    public async Task A_code_is_accepted_for_exactly_one_step_before_its_own(int stepsAhead, HttpStatusCode expected)
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(600));
        var now = bank.Clock.GetUtcNow();

        var code = app.CodeAt(now.AddSeconds(60 * stepsAhead));
        var reply = await bank.PostAsync("/api/login/otp", new { code }, (await bank.LoginAsync(customer)).String("sessionId"));

        Assert.That(reply.Status, Is.EqualTo(expected), reply.Text);
    }
}
