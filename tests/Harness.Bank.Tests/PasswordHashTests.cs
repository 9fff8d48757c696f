using System.Net;
using System.Net.Http.Json;
using Harness.Bank.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Bank.Tests;

public sealed class PasswordHashTests
{
    [Test]
    public async Task A_recommended_hash_is_argon2id_with_its_parameters_in_the_string_and_checks_the_password()
    {
        var hasher = new PasswordHasher(PasswordHashCost.Recommended, 1);

        var stored = await hasher.HashAsync("Pass-秘密-1", CancellationToken.None);

        Assert.That(stored, Does.StartWith("$argon2id$v=19$m=7168,t=5,p=1$"));
        Assert.That(stored.Split('$'), Has.Length.EqualTo(6));
        Assert.That(await hasher.VerifyAsync("Pass-秘密-1", stored, CancellationToken.None), Is.EqualTo(true));
        Assert.That(await hasher.VerifyAsync("Pass-秘密-2", stored, CancellationToken.None), Is.EqualTo(false));
        Assert.That(hasher.NeedsRehash(stored), Is.EqualTo(false));
        Assert.That(hasher.Computations, Is.EqualTo(3), "one hash, two checks");
    }

    [Test]
    public async Task A_hash_carries_its_own_cost_so_a_hasher_of_another_cost_still_checks_it_and_asks_for_a_rehash()
    {
        var weak = new PasswordHasher(PasswordHashCost.ForTests, 1);
        var recommended = new PasswordHasher(PasswordHashCost.Recommended, 1);
        var stored = await weak.HashAsync("abc12345", CancellationToken.None);

        Assert.That(stored, Does.StartWith("$argon2id$v=19$m=8,t=1,p=1$"));
        Assert.That(await recommended.VerifyAsync("abc12345", stored, CancellationToken.None), Is.EqualTo(true));
        Assert.That(recommended.NeedsRehash(stored), Is.EqualTo(true));
        Assert.That(weak.NeedsRehash(stored), Is.EqualTo(false));
    }

    [Test]
    public void An_old_pbkdf2_hash_still_checks_and_asks_for_a_rehash()
    {
        var hasher = new PasswordHasher(PasswordHashCost.ForTests, 1);
        var old = PasswordHasher.HashPbkdf2("abc12345", 1_000);

        Assert.That(old, Does.StartWith("pbkdf2-sha512$1000$"));
        Assert.That(PasswordHasher.Verify("abc12345", old), Is.EqualTo(true));
        Assert.That(PasswordHasher.Verify("abc12346", old), Is.EqualTo(false));
        Assert.That(hasher.NeedsRehash(old), Is.EqualTo(true));
    }

    [TestCase("")]
    [TestCase("plain-text")]
    [TestCase("$argon2id$v=19$m=8,t=1,p=1$AAAA")]
    [TestCase("$argon2id$v=19$m=8,t=1,p=4$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("$argon2id$v=19$m=8,t=x,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("$argon2id$v=19$m=8,t=1,p=1$!!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("pbkdf2-sha512$-5$AAAA$AAAA")]
    [TestCase("pbkdf2-sha512$1000$!!!!$AAAA")]
    public void A_malformed_stored_hash_never_matches(string stored)
    {
        Assert.That(PasswordHasher.Verify("abc12345", stored), Is.EqualTo(false));
    }

    [Test]
    public async Task A_login_with_an_old_pbkdf2_hash_succeeds_and_stores_the_password_again_as_argon2id()
    {
        await using var bank = await TestBank.StartAsync("akita");
        var customer = await bank.NewCustomerAsync("upgrade01");
        await SetPasswordHashAsync(bank.DatabasePath, customer.LoginId, PasswordHasher.HashPbkdf2(customer.Password, 1_000));

        var wrong = await bank.PostAsync("/api/login", new { loginId = customer.LoginId, password = "wrong-pass" });
        var afterWrong = await PasswordHashAsync(bank.DatabasePath, customer.LoginId);
        var first = await bank.LoginAsync(customer);
        var upgraded = await PasswordHashAsync(bank.DatabasePath, customer.LoginId);
        var second = await bank.LoginAsync(customer);

        Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(afterWrong, Does.StartWith("pbkdf2-sha512$1000$"), "a wrong password upgrades nothing");
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Text);
        Assert.That(upgraded, Does.StartWith("$argon2id$v=19$m=8,t=1,p=1$"));
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.Text);
        Assert.That(await PasswordHashAsync(bank.DatabasePath, customer.LoginId), Is.EqualTo(upgraded), "a current hash is not stored again");
    }

    [Test]
    public async Task An_unknown_id_spends_one_hash_computation_like_a_wrong_password()
    {
        var hasher = new PasswordHasher(PasswordHashCost.ForTests, 1);
        await using var host = await BankHost.StartAsync(new BankHostOptions
        {
            Profile = "kyoei",
            TimeProvider = new FakeTimeProvider(TestBank.Start),
            MailTransport = new Outbox(),
            ConfigureServices = s => s.AddSingleton(hasher),
        });
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var customer = host.DemoCustomers[0];

        var before = hasher.Computations;
        using var unknownId = await http.PostAsJsonAsync("/api/login", new { loginId = "nobody", password = customer.Password });
        var afterUnknown = hasher.Computations;
        using var wrongPassword = await http.PostAsJsonAsync("/api/login", new { loginId = customer.LoginId, password = "wrong-pass" });
        var afterWrong = hasher.Computations;

        Assert.That(unknownId.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await unknownId.Content.ReadAsStringAsync(), Is.EqualTo(await wrongPassword.Content.ReadAsStringAsync()));
        Assert.That(afterUnknown - before, Is.EqualTo(1));
        Assert.That(afterWrong - afterUnknown, Is.EqualTo(1));
    }

    private static async Task SetPasswordHashAsync(string databasePath, string loginId, string hash)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE Customers SET PasswordHash = $hash WHERE LoginId = $id";
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$id", loginId);
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }

    private static async Task<string> PasswordHashAsync(string databasePath, string loginId)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PasswordHash FROM Customers WHERE LoginId = $id";
        command.Parameters.AddWithValue("$id", loginId);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
