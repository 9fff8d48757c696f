using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Harness.Bank.Tests;

public sealed class LogTests
{
    [Test]
    public async Task No_seed_or_password_reaches_the_application_log_even_at_debug_level()
    {
        var log = new CapturingLog();
        var clock = new FakeTimeProvider(TestBank.Start);
        var outbox = new Outbox();
        await using var host = await BankHost.StartAsync(new BankHostOptions
        {
            Profile = "kyoei",
            TimeProvider = clock,
            MailTransport = outbox,
            PasswordHashCost = PasswordHashCost.ForTests,
            MinimumLogLevel = LogLevel.Debug,
            ConfigureServices = s => s.AddSingleton<ILoggerProvider>(log),
        });
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var customer = host.DemoCustomers[0];
        var phone = "phone-" + customer.Email;

        var session = (await PostAsync(http, "/api/login", null, new { loginId = customer.LoginId, password = customer.Password })).GetProperty("sessionId").GetString()!;
        var issued = await PostAsync(http, "/api/otp/soft", session, new
        {
            mailAddress = phone, mailAddressConfirm = phone, activationPassword = "860524", activationPasswordConfirm = "860524",
            confirmationPassword = customer.ConfirmationPassword,
        });
        var app = await PostAsync(http, "/app/v1/provision", null, new
        {
            serviceId = issued.GetProperty("serviceId").GetString(), userId = issued.GetProperty("userId").GetString(), activationPassword = "860524", deviceId = "phone-1",
        });
        var seed = app.GetProperty("secret").GetString()!;
        var code = new Totp(Base32Encoding.ToBytes(seed), 60, OtpHashMode.Sha1, app.GetProperty("digits").GetInt32()).ComputeTotp(clock.GetUtcNow().UtcDateTime);
        await PostAsync(http, "/api/otp/activate", session, new { code });
        clock.Advance(TimeSpan.FromSeconds(60));
        var wrong = await http.PostAsJsonAsync("/api/login", new { loginId = customer.LoginId, password = "Wrong-" + customer.Password });

        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var text = string.Join('\n', log.Lines);
        Assert.That(text, Does.Contain("Microsoft.EntityFrameworkCore.Database.Command: Executed DbCommand"), "every SQL command was logged");
        foreach (var secret in new[] { customer.Password, "Wrong-" + customer.Password, customer.ConfirmationPassword, "860524", seed, session })
        {
            Assert.That(text, Does.Not.Contain(secret));
        }
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, string? session, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (session is not null)
        {
            request.Headers.Authorization = new("Bearer", session);
        }
        using var response = await http.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: {json}");
        return json;
    }

    private sealed class CapturingLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
