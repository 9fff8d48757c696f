using System.Net;

namespace Harness.Bank.Tests;

/// <summary>X-04: lock counting is atomic under concurrent attempts.</summary>
public sealed class ConcurrencyTests
{
    [Test]
    public async Task Many_concurrent_wrong_codes_stop_the_counter_exactly_at_the_threshold()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var sessions = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            sessions.Add((await bank.LoginAsync(customer)).String("sessionId"));
        }
        var wrong = app.WrongCode();
        var right = app.CodeNow();

        // 30 wrong attempts and 10 right ones (same step: at most one can ever succeed) at once.
        var attempts = sessions.Select((s, i) => bank.PostAsync("/api/login/otp", new { code = i % 4 == 3 ? right : wrong }, s));
        var replies = await Task.WhenAll(attempts);
        var audit = (await bank.GetAsync($"/staff/api/audit?loginId={customer.LoginId}")).Json.EnumerateArray()
            .Where(e => e.GetProperty("event").GetString() == "ログイン ワンタイムパスワード認証")
            .Select(e => e.GetProperty("result").GetString()).ToList();
        var firstRefusal = audit.IndexOf("ロック");

        Assert.That(replies.Select(r => r.Status), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Unauthorized, (HttpStatusCode)423));
        Assert.That(audit, Has.Count.EqualTo(40));
        Assert.That(firstRefusal, Is.GreaterThanOrEqualTo(9));
        Assert.That(audit.Skip(firstRefusal + 1), Is.All.EqualTo("拒否(ロック中)"), "nothing succeeds or counts after the lock");
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(10));
        Assert.That(await bank.TokenStateAsync(customer.LoginId), Is.EqualTo("Locked"));
    }
}
