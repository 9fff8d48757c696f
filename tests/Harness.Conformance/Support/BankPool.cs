using System.Collections.Concurrent;
using Harness.Bank;
using Harness.Bank.Mail;
using Harness.Bank.Vip;
using Harness.Devices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Conformance.Support;

/// <summary>Started banks kept for the next scenario of the same profile. Starting a bank costs a few hundred milliseconds
/// (the web host, the database schema, the first request's endpoint and model building), far more than most API scenarios
/// take; a scenario instead rents an idle bank, points it at its own clock and devices, and empties its database
/// (<see cref="BankHost.ResetAsync"/>). Scenarios that run at the same time get different banks, so nothing is shared
/// between two of them but the process. In containers mode (<see cref="ContainersMode"/>) each pooled bank has a PostgreSQL
/// database of its own instead of a file.</summary>
public static class BankPool
{
    /// <summary>The profiles a scenario may name with @bank: (the banks the pool can start).</summary>
    public static IReadOnlyList<string> Profiles => Harness.Bank.Profiles.BankProfile.Names;

    private static readonly ConcurrentDictionary<string, ConcurrentBag<PooledBank>> Idle = new(StringComparer.Ordinal);
    private static readonly ConcurrentBag<PooledBank> All = [];

    /// <summary>A bank of <paramref name="profile"/> on the scenario's clock, mail server and token vendor, with an empty database.</summary>
    public static async Task<PooledBank> RentAsync(string profile, FakeTimeProvider clock, DeviceHost devices, TimeSpan vendorTimeout)
    {
        if (Idle.GetOrAdd(profile, _ => []).TryTake(out var bank))
        {
            bank.Target.Point(clock, devices, vendorTimeout);
            await bank.Host.ResetAsync();
            return bank;
        }

        var target = new ScenarioTarget();
        var database = new Harness.Bank.Tests.DatabaseSwitch();
        target.Point(clock, devices, vendorTimeout);
        var databasePath = Path.Combine(Path.GetTempPath(), $"harness-conformance-{profile}-{Guid.NewGuid():N}.db");
        // Containers mode: a database of the bank's own on the PostgreSQL container, emptied for each scenario like the file.
        var postgres = ContainersMode.Enabled ? await Harness.Containers.ServerContainers.NewDatabaseAsync() : null;
        BankHostOptions Options(int port) => new()
        {
            Port = port,
            Profile = Mutants.ProfileFor(profile),
            TimeProvider = new ScenarioClock(target),
            MailTransport = new ScenarioMail(target),
            TokenVendor = new ScenarioVendor(target),
            SeedDemoCustomers = false,
            PasswordHashCost = PasswordHashCost.ForTests,
            ConfigureServices = Mutants.ServicesFor(),
            // A file of the pool's own, so that a restart (RestartAsync) finds the same database again.
            DatabasePath = databasePath,
            PostgresConnectionString = postgres,
            ConfigureDatabase = o => o.AddInterceptors(database),
        };
        bank = new PooledBank(profile, await BankHost.StartAsync(Options(0)), target, Options, database);
        All.Add(bank);
        return bank;
    }

    /// <summary>The bank process stops and starts again on the same database and the same port (a restart in the middle of
    /// a scenario): whatever it had not written to the database is gone, what it had must still be there.</summary>
    public static async Task RestartAsync(PooledBank bank)
    {
        var port = new Uri(bank.Host.BaseUrl).Port;
        await bank.Host.DisposeAsync();
        bank.Host = await BankHost.StartAsync(bank.Options(port));
    }

    /// <summary>The scenario is over: the bank waits for the next one (its requests finished with the scenario's steps).</summary>
    public static void Return(PooledBank bank)
    {
        bank.Target.Point(null, null, TimeSpan.Zero);
        Idle.GetOrAdd(bank.Profile, _ => []).Add(bank);
    }

    public static async Task CloseAsync()
    {
        while (All.TryTake(out var bank))
        {
            await bank.Host.DisposeAsync();
            foreach (var file in new[] { "", "-wal", "-shm" })
            {
                File.Delete(bank.Host.DatabasePath + file);
            }
        }

        Idle.Clear();
    }
}

public sealed class PooledBank(string profile, BankHost host, ScenarioTarget target, Func<int, BankHostOptions> options, Harness.Bank.Tests.DatabaseSwitch database)
{
    /// <summary>Makes the bank's database unreachable in process (embedded mode; containers mode stops the server instead).</summary>
    public Harness.Bank.Tests.DatabaseSwitch Database { get; } = database;

    public string Profile { get; } = profile;

    public BankHost Host { get; set; } = host;

    public ScenarioTarget Target { get; } = target;

    /// <summary>The bank's options on a given port (0 = any free one).</summary>
    public Func<int, BankHostOptions> Options { get; } = options;
}

/// <summary>What a pooled bank's clock, mail and vendor point at: the renting scenario's.</summary>
public sealed class ScenarioTarget
{
    private volatile Current? _current;

    public void Point(FakeTimeProvider? clock, DeviceHost? devices, TimeSpan vendorTimeout)
    {
        var previous = _current;
        _current = clock is null || devices is null ? null : new Current(clock, devices, vendorTimeout);
        previous?.Dispose();
    }

    public FakeTimeProvider Clock => Now.Clock;

    public Current Now => _current ?? throw new InvalidOperationException("この銀行を借りているシナリオがありません。");

    public sealed class Current(FakeTimeProvider clock, DeviceHost devices, TimeSpan vendorTimeout) : IDisposable
    {
        private readonly HttpClient _vendorHttp = new() { BaseAddress = new Uri(devices.VendorBaseUrl.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };

        public FakeTimeProvider Clock => clock;

        public IMailTransport Mail { get; } = ContainersMode.Enabled
            ? new DeliveredMailTransport(new SmtpMailTransport(devices.SmtpHost, devices.SmtpPort, NullLogger<SmtpMailTransport>.Instance), devices)
            : new SmtpMailTransport(devices.SmtpHost, devices.SmtpPort, NullLogger<SmtpMailTransport>.Instance);

        public ITokenVendor Vendor => new HttpTokenVendor(_vendorHttp, clock, new VendorTimeout(vendorTimeout), NullLogger<HttpTokenVendor>.Instance);

        public void Dispose() => _vendorHttp.Dispose();
    }
}

/// <summary>The renting scenario's virtual clock, for a bank that outlives scenarios.</summary>
public sealed class ScenarioClock(ScenarioTarget target) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => target.Clock.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => target.Clock.LocalTimeZone;

    public override long TimestampFrequency => target.Clock.TimestampFrequency;

    public override long GetTimestamp() => target.Clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        target.Clock.CreateTimer(callback, state, dueTime, period);
}

public sealed class ScenarioMail(ScenarioTarget target) : IMailTransport
{
    public Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken) => target.Now.Mail.SendAsync(mail, cancellationToken);
}

public sealed class ScenarioVendor(ScenarioTarget target) : ITokenVendor
{
    public Task<VendorAnswer> ValidateAsync(string credentialId, string securityCode, CancellationToken cancellationToken) =>
        target.Now.Vendor.ValidateAsync(credentialId, securityCode, cancellationToken);
}

/// <summary>
/// Containers mode: the bank's SMTP to the mail container, answering only once the mail is in the recipient's IMAP
/// mailbox. Postfix queues a mail and delivers it a moment later, whereas the embedded server delivers before it answers;
/// scenarios read the mailbox right after the bank's answer, so without this the two modes would not see the same thing.
/// The wait ends when the server reports the mail (IMAP IDLE); <see cref="HangGuard"/> only keeps a lost mail from hanging
/// the run.
/// </summary>
public sealed class DeliveredMailTransport(IMailTransport smtp, DeviceHost devices) : IMailTransport
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public async Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var mailbox = devices.MailSourceFor(mail.To);
        var before = mailbox.Count;
        if (!await smtp.SendAsync(mail, cancellationToken))
        {
            return false;
        }

        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(HangGuard);
        try
        {
            // The scenario's clock stands still while the bank answers, so the virtual deadline is never what ends this wait.
            await mailbox.WaitForMailAsync(new Harness.Devices.Mail.MailQuery(SubjectContains: mail.Subject), TimeSpan.FromMinutes(5), before, guard.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"メールサーバーが受け取ったメール「{mail.Subject}」が {HangGuard.TotalSeconds:F0} 秒たっても {mail.To} のメールボックスに配達されません。");
        }

        return true;
    }
}
