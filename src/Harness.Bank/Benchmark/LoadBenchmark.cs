using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Harness.Bank.Mail;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Harness.Bank.Benchmark;

public sealed record BenchmarkOptions(int Customers = 200, int Rounds = 5, int Concurrency = 64, string Profile = "kyoei");

public sealed record PhaseFigures(string Name, int Count, double PerSecond, double P50Ms, double P99Ms);

public sealed record BenchmarkReport(IReadOnlyList<PhaseFigures> Phases, long PeakWorkingSetBytes, int ProcessorCount, bool CountersExact, string Detail)
{
    public override string ToString()
    {
        var lines = Phases.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.Name,-28} {p.Count,7} requests  {p.PerSecond,8:F0}/s  p50 {p.P50Ms,6:F1} ms  p99 {p.P99Ms,6:F1} ms"));
        return string.Join('\n', lines) + "\n" + string.Create(CultureInfo.InvariantCulture,
            $"peak working set (bank and load generator in one process): {PeakWorkingSetBytes / 1024 / 1024} MB on {ProcessorCount} cores\ncounters exact afterwards: {CountersExact} ({Detail})");
    }
}

/// <summary>
/// Drives the API on loopback with many customers doing login + OTP + transfer, phase by phase, and
/// checks afterwards that every lock counter is exactly zero. Latency is measured with Stopwatch
/// (a monotonic timer); the bank itself still reads time only from its FakeTimeProvider.
/// </summary>
public static class LoadBenchmark
{
    public static async Task<BenchmarkReport> RunAsync(BenchmarkOptions options, TextWriter progress, CancellationToken ct = default)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var outbox = new LastMailPerRecipient();
        await using var host = await BankHost.StartAsync(new BankHostOptions
        {
            Profile = options.Profile,
            TimeProvider = clock,
            MailTransport = outbox,
            HarnessMode = true,
        }, ct);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency }) { BaseAddress = new Uri(host.BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
        var customers = Enumerable.Range(1, options.Customers).Select(i => string.Create(CultureInfo.InvariantCulture, $"bench{i:D5}")).ToList();

        progress.WriteLine($"setting up {customers.Count} customers with active soft tokens ...");
        var secrets = new ConcurrentDictionary<string, byte[]>();
        await ForAllAsync(customers, options.Concurrency, async id =>
        {
            await PostAsync(http, "/staff/api/customers", null, new { loginId = id, password = "Pass-" + id, confirmationPassword = "kakunin99", name = "負荷 " + id, email = id + "@example.jp", balanceYen = "100000000" }, ct);
            var session = (await PostAsync(http, "/api/login", null, new { loginId = id, password = "Pass-" + id }, ct)).GetProperty("sessionId").GetString()!;
            var phone = "phone-" + id + "@example.jp";
            var issued = await PostAsync(http, "/api/otp/soft", session, new { mailAddress = phone, mailAddressConfirm = phone, activationPassword = "1234", activationPasswordConfirm = "1234", confirmationPassword = "kakunin99" }, ct);
            var app = await PostAsync(http, "/app/v1/provision", null, new { serviceId = issued.GetProperty("serviceId").GetString(), userId = issued.GetProperty("userId").GetString(), activationPassword = "1234", deviceId = id }, ct);
            var secret = Base32Encoding.ToBytes(app.GetProperty("secret").GetString()!);
            secrets[id] = secret;
            await PostAsync(http, "/api/otp/activate", session, new { code = Code(secret, clock) }, ct);
        });

        var login = new ConcurrentBag<double>();
        var otp = new ConcurrentBag<double>();
        var transfer = new ConcurrentBag<double>();
        var loginTime = TimeSpan.Zero;
        var otpTime = TimeSpan.Zero;
        var transferTime = TimeSpan.Zero;
        var failures = 0;
        for (var round = 0; round < options.Rounds; round++)
        {
            clock.Advance(TimeSpan.FromSeconds(60));
            progress.WriteLine($"round {round + 1}/{options.Rounds}");
            var sessions = new ConcurrentDictionary<string, string>();
            loginTime += await TimedAsync(customers, options.Concurrency, login, async id =>
                sessions[id] = (await PostAsync(http, "/api/login", null, new { loginId = id, password = "Pass-" + id }, ct)).GetProperty("sessionId").GetString()!);
            otpTime += await TimedAsync(customers, options.Concurrency, otp, async id =>
            {
                var reply = await PostAsync(http, "/api/login/otp", sessions[id], new { code = Code(secrets[id], clock) }, ct);
                if (reply.GetProperty("next").GetString() != "menu")
                {
                    Interlocked.Increment(ref failures);
                }
            });
            transferTime += await TimedAsync(customers, options.Concurrency, transfer, async id =>
                await PostAsync(http, "/api/transfers", sessions[id], new { bankName = "テスト銀行", branchName = "本店", accountNo = "1234567", accountName = "フカ", amountYen = "1000", confirmationPassword = "kakunin99" }, ct));
        }

        var wrongCounters = 0;
        await ForAllAsync(customers, options.Concurrency, async id =>
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"/staff/api/customers/{id}", ct);
            var otpStatus = status.GetProperty("otp");
            if (otpStatus.GetProperty("failCount").GetInt32() != 0 || otpStatus.GetProperty("state").GetString() != "Active"
                || status.GetProperty("balanceYen").GetInt64() != 100_000_000 - 1000L * options.Rounds)
            {
                Interlocked.Increment(ref wrongCounters);
            }
        });
        using var self = Process.GetCurrentProcess();
        return new BenchmarkReport(
            [
                Figures("login (id + password)", login, loginTime),
                Figures("OTP verification", otp, otpTime),
                Figures("transfer (確認用パスワード)", transfer, transferTime),
            ],
            self.PeakWorkingSet64,
            Environment.ProcessorCount,
            failures == 0 && wrongCounters == 0,
            $"{failures} OTP refusals, {wrongCounters} customers with a wrong counter, state or balance");
    }

    private static string Code(byte[] secret, TimeProvider clock) =>
        new Totp(secret, 60, OtpHashMode.Sha1, 8).ComputeTotp(clock.GetUtcNow().UtcDateTime);

    private static PhaseFigures Figures(string name, ConcurrentBag<double> latencies, TimeSpan elapsed)
    {
        var sorted = latencies.OrderBy(x => x).ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new PhaseFigures(name, sorted.Length, sorted.Length / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99));
    }

    private static async Task<TimeSpan> TimedAsync(IReadOnlyList<string> ids, int concurrency, ConcurrentBag<double> latencies, Func<string, Task> call)
    {
        var phase = Stopwatch.StartNew();
        await ForAllAsync(ids, concurrency, async id =>
        {
            var one = Stopwatch.StartNew();
            await call(id);
            latencies.Add(one.Elapsed.TotalMilliseconds);
        });
        return phase.Elapsed;
    }

    private static Task ForAllAsync(IReadOnlyList<string> ids, int concurrency, Func<string, Task> call) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (id, _) => await call(id));

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, string? session, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (session is not null)
        {
            request.Headers.Authorization = new("Bearer", session);
        }
        using var response = await http.SendAsync(request, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {json}");
        }
        return json;
    }

    private sealed class LastMailPerRecipient : IMailTransport
    {
        public Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
