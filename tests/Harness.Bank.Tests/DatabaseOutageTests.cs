using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harness.Bank.Tests;

/// <summary>X-08: while the bank's database cannot be reached every operation is refused with one Japanese message and
/// nothing is recorded; once it is back the bank works again without a restart.</summary>
public sealed partial class DatabaseOutageTests
{
    private const string Refusal = "現在お取り扱いできません。しばらくしてから再度お試しください。";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private static async Task<(TestBank Bank, DatabaseSwitch Database)> StartAsync(string profile)
    {
        var database = new DatabaseSwitch();
        var bank = await TestBank.StartAsync(profile, configureDatabase: o => o.AddInterceptors(database));
        return (bank, database);
    }

    private static async Task<int> AuditCountAsync(TestBank bank, string loginId) =>
        (await bank.GetAsync($"/staff/api/audit?loginId={loginId}")).Json.GetArrayLength();

    private static void AssertRefused(Reply reply)
    {
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), reply.Text);
        Assert.That(reply.Code, Is.EqualTo("unavailable"));
        Assert.That(reply.Message, Is.EqualTo(Refusal));
    }

    [TestCase("wrong", "down", "connection-refused")]
    [TestCase("wrong", "at-commit", "connection-reset")]
    [TestCase("wrong", "at-commit", "sqlite-cannot-open")]
    [TestCase("right", "down", "sqlite-cannot-open")]
    [TestCase("right", "at-commit", "postgres-shutdown")]
    [TestCase("right", "down", "postgres-starting")]
    public async Task A_code_entered_while_the_database_fails_counts_nothing_and_the_right_code_works_afterwards(string entered, string mode, string failure)
    {
        var (bank, database) = await StartAsync("akita");
        await using var _ = bank;
        var customer = bank.Host.DemoCustomers[0];
        var (_, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        var session = (await bank.LoginAsync(customer)).String("sessionId");
        await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);
        await bank.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(2));
        var audit = await AuditCountAsync(bank, customer.LoginId);

        database.Fail(mode, failure);
        var during = await bank.PostAsync("/api/login/otp", new { code = entered == "right" ? app.CodeNow() : app.WrongCode() }, session);
        database.Up();

        AssertRefused(during);
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(2));
        Assert.That(await AuditCountAsync(bank, customer.LoginId), Is.EqualTo(audit));
        // The same code of the same time step: had the refused attempt recorded its step, this would be a replay.
        var after = await bank.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session);
        Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), after.Text);
        Assert.That(after.String("next"), Is.EqualTo("menu"));
        Assert.That(await bank.FailCountAsync(customer.LoginId), Is.EqualTo(0));
    }

    [TestCase("down", "postgres-starting")]
    [TestCase("at-commit", "connection-reset")]
    public async Task A_login_while_the_database_fails_is_refused_and_starts_no_session(string mode, string failure)
    {
        var (bank, database) = await StartAsync("shinkin");
        await using var _ = bank;
        var customer = bank.Host.DemoCustomers[0];
        var audit = await AuditCountAsync(bank, customer.LoginId);

        database.Fail(mode, failure);
        var during = await bank.LoginAsync(customer);
        database.Up();

        AssertRefused(during);
        Assert.That(await AuditCountAsync(bank, customer.LoginId), Is.EqualTo(audit));
        var after = await bank.LoginAsync(customer);
        Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), after.Text);
        Assert.That((await bank.GetAsync("/api/me", after.String("sessionId"))).String("loginId"), Is.EqualTo(customer.LoginId));
    }

    [TestCase("down", "connection-refused")]
    [TestCase("at-commit", "postgres-shutdown")]
    [TestCase("at-commit", "sqlite-cannot-open")]
    public async Task A_transfer_while_the_database_fails_moves_no_money_and_the_same_transfer_then_goes_through(string mode, string failure)
    {
        var (bank, database) = await StartAsync("shinkin");
        await using var _ = bank;
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);
        var balance = (await bank.GetAsync("/api/me", session)).Long("balanceYen");
        var audit = await AuditCountAsync(bank, customer.LoginId);
        var transfer = new
        {
            bankName = "テスト銀行", branchName = "本店", accountNo = "1234567", accountName = "ヤマダ タロウ",
            amountYen = "10000", confirmationPassword = customer.ConfirmationPassword,
        };

        database.Fail(mode, failure);
        var during = await bank.PostAsync("/api/transfers", transfer, session);
        database.Up();

        AssertRefused(during);
        Assert.That((await bank.GetAsync("/api/me", session)).Long("balanceYen"), Is.EqualTo(balance));
        Assert.That(await AuditCountAsync(bank, customer.LoginId), Is.EqualTo(audit));
        var after = await bank.PostAsync("/api/transfers", transfer, session);
        Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), after.Text);
        Assert.That(after.Long("balanceYen"), Is.EqualTo(balance - 10_000));
    }

    [Test]
    public async Task Each_check_login_and_transfer_writes_in_exactly_one_save_so_a_failing_save_leaves_nothing_half_done()
    {
        var (akita, akitaDb) = await StartAsync("akita");
        await using var _ = akita;
        var customer = akita.Host.DemoCustomers[0];
        var (_, app) = await akita.ActiveSoftTokenAsync(customer);
        akita.Clock.Advance(TimeSpan.FromSeconds(60));
        var saves = new List<(string, int)>();
        akitaDb.TakeSaves();

        var session = (await akita.LoginAsync(customer)).String("sessionId");
        saves.Add(("ログイン", akitaDb.TakeSaves()));
        await akita.PostAsync("/api/login/otp", new { code = app.WrongCode() }, session);
        saves.Add(("ワンタイムパスワード誤り", akitaDb.TakeSaves()));
        await akita.PostAsync("/api/login/otp", new { code = app.CodeNow() }, session);
        saves.Add(("ワンタイムパスワード認証", akitaDb.TakeSaves()));

        var (kyoei, kyoeiDb) = await StartAsync("kyoei");
        await using var __ = kyoei;
        var payer = kyoei.Host.DemoCustomers[0];
        var payerSession = await kyoei.LoggedInAsync(payer);
        Assert.That((await kyoei.PostAsync("/api/settings/mail-password", new { use = true }, payerSession)).Status, Is.EqualTo(HttpStatusCode.OK));
        if (kyoei.Host.Profile.MailPassword.EnrolmentNeedsConfirmation)
        {
            Assert.That((await kyoei.PostAsync("/api/settings/mail-password/confirm", new
            {
                confirmationPassword = payer.ConfirmationPassword,
                mailPassword = kyoei.Outbox.LastValue(payer.Email, "メール通知パスワード"),
            }, payerSession)).Status, Is.EqualTo(HttpStatusCode.OK));
        }
        kyoeiDb.TakeSaves();
        await kyoei.PostAsync("/api/transfers/prepare", new { }, payerSession);
        saves.Add(("メール通知パスワード発行", kyoeiDb.TakeSaves()));
        var mailPassword = kyoei.Outbox.LastValue(payer.Email, "メール通知パスワード");
        object Transfer(string offered) => new
        {
            bankName = "テスト銀行", branchName = "本店", accountNo = "1234567", accountName = "ヤマダ タロウ",
            amountYen = "10000", confirmationPassword = payer.ConfirmationPassword, mailPassword = offered,
        };
        var wrong = await kyoei.PostAsync("/api/transfers", Transfer(mailPassword == "00000000" ? "11111111" : "00000000"), payerSession);
        saves.Add(("メール通知パスワード誤り", kyoeiDb.TakeSaves()));
        var done = await kyoei.PostAsync("/api/transfers", Transfer(mailPassword), payerSession);
        saves.Add(("振込・振替", kyoeiDb.TakeSaves()));

        Assert.That(wrong.Code, Is.EqualTo("mail_password_rejected"));
        Assert.That(done.Status, Is.EqualTo(HttpStatusCode.OK), done.Text);
        Assert.That(saves, Is.EqualTo(new[]
        {
            ("ログイン", 1), ("ワンタイムパスワード誤り", 1), ("ワンタイムパスワード認証", 1),
            ("メール通知パスワード発行", 1), ("メール通知パスワード誤り", 1), ("振込・振替", 1),
        }));
    }

    [Test]
    public async Task A_screen_while_the_database_is_down_shows_the_message_in_the_banks_layout_with_the_way_back_to_login()
    {
        var (bank, database) = await StartAsync("shinkin");
        await using var _ = bank;
        var customer = bank.Host.DemoCustomers[0];
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(bank.Host.BaseUrl),
        };
        var loginPage = await browser.GetStringAsync("/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["loginId"] = customer.LoginId,
            ["password"] = customer.Password,
            ["channel"] = "pc",
            ["__RequestVerificationToken"] = TokenField().Match(loginPage).Groups[1].Value,
        });

        database.Down(DatabaseFailures.ConnectionRefused);
        using var login = await browser.PostAsync("/login", form);
        var loginText = await login.Content.ReadAsStringAsync();
        using var staff = await browser.GetAsync("/staff");
        var staffText = await staff.Content.ReadAsStringAsync();
        database.Up();
        using var loginAgain = await browser.PostAsync("/login", form);
        database.Down(DatabaseFailures.ConnectionReset);
        using var menu = await browser.GetAsync("/menu");
        var menuText = await menu.Content.ReadAsStringAsync();
        database.Up();
        using var menuAfter = await browser.GetAsync("/menu");

        foreach (var (response, text, back) in new[] { (login, loginText, "/login\">ログイン画面へ戻る"), (menu, menuText, "/login\">ログイン画面へ戻る"), (staff, staffText, "/staff\">窓口画面へ戻る") })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/html; charset=utf-8"));
            Assert.That(text, Does.Contain($"<title>エラー | {bank.Host.Profile.InstitutionName}</title>"));
            Assert.That(text, Does.Contain($"<h1>エラー</h1>\n<p class=\"error\" role=\"alert\">{Refusal}</p>"));
            Assert.That(text, Does.Contain($"<p><a href=\"{back}</a></p>"));
        }
        Assert.That(loginAgain.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(menuAfter.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await menuAfter.Content.ReadAsStringAsync(), Does.Contain("<h1>メニュー</h1>"));
    }

    [Test]
    public async Task The_outage_is_logged_once_at_warning_with_its_kind_and_no_secret()
    {
        var log = new CapturingLog();
        var database = new DatabaseSwitch();
        await using var host = await BankHost.StartAsync(new BankHostOptions
        {
            Profile = "shinkin",
            TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestBank.Start),
            MailTransport = new Outbox(),
            PasswordHashCost = PasswordHashCost.ForTests,
            ConfigureServices = s => s.AddSingleton<ILoggerProvider>(log),
            ConfigureDatabase = o => o.AddInterceptors(database),
        });
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var customer = host.DemoCustomers[0];

        database.Down(DatabaseFailures.PostgresShutdown);
        using var login = await http.PostAsJsonAsync("/api/login", new { loginId = customer.LoginId, password = customer.Password });
        database.Up();

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(log.Lines.Where(l => l.Category == "Harness.Bank.Data.DatabaseOutageMiddleware"), Is.EqualTo(new[]
        {
            (LogLevel.Warning, "Harness.Bank.Data.DatabaseOutageMiddleware", "database unreachable, POST /api/login refused with 503: PostgreSQL 57P01"),
        }));
        Assert.That(log.Lines.Where(l => l.Message.Contains(customer.Password, StringComparison.Ordinal)), Is.Empty);
    }

    private sealed class CapturingLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _lines = new();

        public IReadOnlyList<(LogLevel Level, string Category, string Message)> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception)));
        }
    }

    [TestCase("bug")]
    [TestCase("sqlite-constraint")]
    [TestCase("postgres-undefined-table")]
    [TestCase("read-timeout")]
    [TestCase("sqlite-busy")]
    [TestCase("save-of-a-constraint")]
    public async Task An_error_that_is_not_an_outage_stays_a_500_and_is_not_passed_off_as_one(string kind)
    {
        var (bank, database) = await StartAsync("shinkin");
        await using var _ = bank;
        var session = await bank.LoggedInAsync(bank.Host.DemoCustomers[0]);
        Func<Exception> failure = kind switch
        {
            "bug" => () => new InvalidOperationException("Sequence contains no elements"),
            "sqlite-constraint" => () => new Microsoft.Data.Sqlite.SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19),
            "postgres-undefined-table" => () => new Npgsql.PostgresException("relation \"Customers\" does not exist", "ERROR", "ERROR", "42P01"),
            "read-timeout" => DatabaseFailures.ReadTimeout,
            "sqlite-busy" => DatabaseFailures.SqliteBusy,
            _ => () => new DbUpdateException("An error occurred while saving the entity changes.",
                new Npgsql.PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")),
        };

        database.Down(failure);
        var api = await bank.GetAsync("/api/me", session);
        using var screen = await bank.Http.GetAsync("/staff");
        database.Up();

        Assert.That(api.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(api.Text, Is.EqualTo(""));
        Assert.That(screen.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(await screen.Content.ReadAsStringAsync(), Is.EqualTo(""));
        Assert.That((await bank.GetAsync("/api/me", session)).Status, Is.EqualTo(HttpStatusCode.OK));
    }
}
