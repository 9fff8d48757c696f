using System.Net;

namespace Harness.Bank.Tests;

/// <summary>X-07: input that is not the expected half-width digits gets a Japanese message, counts nothing, changes nothing.</summary>
public sealed class BadInputTests
{
    private static readonly string[] BadCodes =
    [
        "１２３４５６７８",           // full-width digits
        "1234567a",                  // a letter
        "1234 678",                  // a blank
        "",                          // nothing
        "123456789",                 // one digit too many
        new string('1', 10_000),     // 10,000 characters
        "' OR '1'='1",               // SQL
        "<script>alert(1)</script>", // script
    ];

    [Test]
    public async Task A_malformed_login_code_is_refused_in_Japanese_and_counts_no_failure()
    {
        await using var bank = await TestBank.StartAsync("akita");
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        var audit = (await bank.GetAsync($"/staff/api/audit?loginId={customer.LoginId}")).Json.GetArrayLength();

        var replies = new List<(HttpStatusCode, string)>();
        foreach (var code in BadCodes)
        {
            var reply = await bank.PostAsync("/api/login/otp", new { code }, session);
            replies.Add((reply.Status, reply.Message));
        }

        Assert.That(replies.Select(r => r.Item1), Is.All.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(replies[0].Item2, Is.EqualTo("ワンタイムパスワードは半角数字8桁で入力してください。"));
        Assert.That(replies[3].Item2, Is.EqualTo("ワンタイムパスワードを入力してください。"));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(0));
        Assert.That((await bank.GetAsync($"/staff/api/audit?loginId={customer.LoginId}")).Json.GetArrayLength(), Is.EqualTo(audit));
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.That((await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("１０００")]
    [TestCase("1000円")]
    [TestCase(" 1000")]
    [TestCase("1000; DROP TABLE Customers")]
    public async Task A_malformed_amount_is_refused_and_moves_no_money(string amount)
    {
        await using var bank = await TestBank.StartAsync("shinkin");
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);

        var reply = await bank.PostAsync("/api/transfers", new
        {
            bankName = "テスト銀行", branchName = "本店", accountNo = "1234567", accountName = "シンキン",
            amountYen = amount, confirmationPassword = customer.ConfirmationPassword,
        }, session);

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(reply.Message, Is.EqualTo("振込金額は半角数字1～10桁で入力してください。"));
        Assert.That((await bank.GetAsync("/api/me", session)).Long("balanceYen"), Is.EqualTo(5_000_000));
    }

    [Test]
    public async Task A_body_that_is_not_json_gets_a_Japanese_400()
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await bank.Http.PostAsync("/api/login", content);
        var reply = await Reply.ReadAsync(response);

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(reply.Message, Is.EqualTo("入力内容の形式が正しくありません。"));
    }

    [Test]
    public async Task A_wrong_id_and_a_wrong_password_are_answered_alike()
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];

        var unknownId = await bank.PostAsync("/api/login", new { loginId = "nobody", password = customer.Password });
        var wrongPassword = await bank.PostAsync("/api/login", new { loginId = customer.LoginId, password = "wrong-pass" });

        Assert.That(unknownId.Text, Is.EqualTo(wrongPassword.Text));
        Assert.That(unknownId.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
