using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Harness.Bank.Mail;
using Harness.Bank.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Harness.Bank.Benchmark;

/// <param name="Rounds">Each round logs every customer in; even rounds then pass the OTP step as fast as the bank allows
/// (throughput), odd rounds at a fixed rate of <paramref name="OtpRatePerSecond"/> (latency at that load).</param>
public sealed record BenchmarkOptions(int Customers = 200, int Rounds = 6, int Concurrency = 64, string Profile = "kyoei", int OtpRatePerSecond = 1000);

/// <param name="CpuMsPerRequest">Processor time of the whole process (bank and load generator) per request: what one
/// request costs, whatever else runs on the machine.</param>
public sealed record PhaseFigures(string Name, int Count, double PerSecond, double P50Ms, double P99Ms, double CpuMsPerRequest);

public sealed record BenchmarkReport(IReadOnlyList<PhaseFigures> Phases, long PeakWorkingSetBytes, int ProcessorCount, bool CountersExact, string Detail)
{
    public override string ToString()
    {
        var lines = Phases.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.Name,-42} {p.Count,5} requests {p.PerSecond,7:F0}/s  p50 {p.P50Ms,7:F1} ms  p99 {p.P99Ms,7:F1} ms  cpu {p.CpuMsPerRequest,6:F2} ms/request"));
        return string.Join('\n', lines) + "\n" + string.Create(CultureInfo.InvariantCulture,
            $"peak working set (bank and load generator in one process): {PeakWorkingSetBytes / 1024 / 1024} MB on {ProcessorCount} cores\ncounters exact afterwards: {CountersExact} ({Detail})");
    }
}

/// <summary>
/// Drives the API on loopback with many customers doing login + OTP + transfer, phase by phase, and checks afterwards,
/// in the bank's own database, every customer's OTP fail count, token state, last used time step and balance.
/// A closed loop of N concurrent callers at saturation always measures latency = N / throughput, so the OTP latency
/// target is measured open-loop as well: requests are sent at a fixed rate, and each one's latency counts from the moment
/// it was due, not from when it could be sent (no coordinated omission).
/// Latency is measured with Stopwatch (a monotonic timer) and the fixed rate is paced on the system clock; the bank itself
/// still reads time only from its FakeTimeProvider.
/// </summary>
public static class LoadBenchmark
{
    public static async Task<BenchmarkReport> RunAsync(BenchmarkOptions options, TextWriter progress, CancellationToken ct = default)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        await using var host = await BankHost.StartAsync(new BankHostOptions
        {
            Profile = options.Profile,
            TimeProvider = clock,
            MailTransport = new NoMail(),
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

        var login = new Phase("login: password step (Argon2id)");
        var otpMax = new Phase(string.Create(CultureInfo.InvariantCulture, $"OTP step, {options.Concurrency} callers at once"));
        var otpPaced = new Phase(string.Create(CultureInfo.InvariantCulture, $"OTP step, {options.OtpRatePerSecond}/s offered"));
        var transfer = new Phase("transfer (確認用パスワード)");
        var refusals = 0;
        for (var round = 0; round < options.Rounds; round++)
        {
            clock.Advance(TimeSpan.FromSeconds(60));
            progress.WriteLine($"round {round + 1}/{options.Rounds}");
            var sessions = new ConcurrentDictionary<string, string>();
            await login.ClosedLoopAsync(customers, options.Concurrency, async id =>
                sessions[id] = (await PostAsync(http, "/api/login", null, new { loginId = id, password = "Pass-" + id }, ct)).GetProperty("sessionId").GetString()!);
            async Task Otp(string id)
            {
                var reply = await PostAsync(http, "/api/login/otp", sessions[id], new { code = Code(secrets[id], clock) }, ct);
                if (reply.GetProperty("next").GetString() != "menu")
                {
                    Interlocked.Increment(ref refusals);
                }
            }
            if (round % 2 == 0)
            {
                await otpMax.ClosedLoopAsync(customers, options.Concurrency, Otp);
            }
            else
            {
                await otpPaced.FixedRateAsync(customers, options.OtpRatePerSecond, Otp, ct);
            }
            await transfer.ClosedLoopAsync(customers, options.Concurrency, async id =>
                await PostAsync(http, "/api/transfers", sessions[id], new { bankName = "テスト銀行", branchName = "本店", accountNo = "1234567", accountName = "フカ", amountYen = "1000", confirmationPassword = "kakunin99" }, ct));
        }

        var wrong = await WrongCountersAsync(host.DatabasePath, customers, clock.GetUtcNow().ToUnixTimeSeconds() / 60, 100_000_000 - (1000L * options.Rounds), ct);
        using var self = Process.GetCurrentProcess();
        return new BenchmarkReport(
            [login.Figures(), otpMax.Figures(), otpPaced.Figures(), transfer.Figures()],
            self.PeakWorkingSet64,
            Environment.ProcessorCount,
            refusals == 0 && wrong == 0,
            $"{refusals} OTP refusals, {wrong} of {customers.Count} customers with a wrong fail count, token state, last used time step or balance");
    }

    private static string Code(byte[] secret, TimeProvider clock) =>
        new Totp(secret, 60, OtpHashMode.Sha1, 8).ComputeTotp(clock.GetUtcNow().UtcDateTime);

    /// <summary>Reads the bank's own rows: each customer's newest token must be Active with no failure and the final
    /// round's time step as its last used one, and the balance down by exactly one transfer a round.</summary>
    private static async Task<int> WrongCountersAsync(string databasePath, IReadOnlyList<string> customers, long expectedStep, long expectedBalance, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.LoginId, c.BalanceYen, t.State, t.FailCount, t.LastUsedStep
            FROM Customers c JOIN Tokens t ON t.Id = (SELECT MAX(Id) FROM Tokens WHERE CustomerId = c.Id)
            """;
        var wanted = customers.ToHashSet(StringComparer.Ordinal);
        var right = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (wanted.Contains(reader.GetString(0)) && reader.GetInt64(1) == expectedBalance && reader.GetInt32(2) == (int)TokenState.Active
                && reader.GetInt32(3) == 0 && !reader.IsDBNull(4) && reader.GetInt64(4) == expectedStep)
            {
                right++;
            }
        }
        return customers.Count - right;
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

    /// <summary>Latencies, wall time and process CPU time of one kind of request over all rounds.</summary>
    private sealed class Phase(string name)
    {
        private readonly ConcurrentBag<double> _latencies = [];
        private TimeSpan _elapsed;
        private TimeSpan _cpu;

        public async Task ClosedLoopAsync(IReadOnlyList<string> ids, int concurrency, Func<string, Task> call)
        {
            var cpu = CpuNow();
            var phase = Stopwatch.StartNew();
            await ForAllAsync(ids, concurrency, async id =>
            {
                var one = Stopwatch.StartNew();
                await call(id);
                _latencies.Add(one.Elapsed.TotalMilliseconds);
            });
            _elapsed += phase.Elapsed;
            _cpu += CpuNow() - cpu;
        }

        /// <summary>Sends request i when it is due (i / rate after the start), whether or not earlier ones have answered,
        /// and counts its latency from that moment.</summary>
        public async Task FixedRateAsync(IReadOnlyList<string> ids, int perSecond, Func<string, Task> call, CancellationToken ct)
        {
            var cpu = CpuNow();
            var phase = Stopwatch.StartNew();
            var running = new List<Task>(ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / perSecond);
                var wait = due - phase.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, TimeProvider.System, ct);
                }
                var id = ids[i];
                running.Add(Task.Run(async () =>
                {
                    await call(id);
                    _latencies.Add((phase.Elapsed - due).TotalMilliseconds);
                }, ct));
            }
            await Task.WhenAll(running);
            _elapsed += phase.Elapsed;
            _cpu += CpuNow() - cpu;
        }

        public PhaseFigures Figures()
        {
            var sorted = _latencies.OrderBy(x => x).ToArray();
            double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            return new PhaseFigures(name, sorted.Length, sorted.Length == 0 ? 0 : sorted.Length / _elapsed.TotalSeconds,
                Percentile(0.50), Percentile(0.99), sorted.Length == 0 ? 0 : _cpu.TotalMilliseconds / sorted.Length);
        }

        private static TimeSpan CpuNow()
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime;
        }
    }

    private sealed class NoMail : IMailTransport
    {
        public Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
