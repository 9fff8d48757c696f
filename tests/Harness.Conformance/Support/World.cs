using Harness.Bank;
using Harness.Devices;
using Reqnroll;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Conformance.Support;

public enum Channel
{
    Api,
    Ui,
}

/// <summary>One scenario's world: the shared virtual clock, the customer's devices and the reference bank of the scenario's
/// profile (tag <c>@bank:&lt;profile&gt;</c>), reached through the channel of its tag (<c>@ui</c> or <c>@api</c>, default API).</summary>
public sealed class World : IAsyncDisposable
{
    /// <summary>Every scenario starts at 2026-11-23 09:00 JST on the virtual clock.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9));

    /// <summary>Scenarios tagged so start at the Unix epoch (1970-01-01 00:00:00 UTC) instead: the RFC 4226/6238 test vectors are
    /// at times before <see cref="Start"/>, and the virtual clock only moves forward.</summary>
    public const string EpochTag = "仮想時計:UNIX時刻0";

    private readonly ScenarioContext _scenario;
    private DeviceHost? _devices;
    private PooledBank? _bank;
    private bool _mailServerStopped;
    private bool _databaseStopped;

    public World(ScenarioContext scenario)
    {
        _scenario = scenario;
        var tags = scenario.ScenarioInfo.CombinedTags;
        var banks = tags.Where(t => t.StartsWith("bank:", StringComparison.Ordinal)).Select(t => t["bank:".Length..]).Distinct().ToList();
        ProfileName = banks.Count switch
        {
            1 => BankPool.Profiles.Contains(banks[0], StringComparer.Ordinal)
                ? banks[0]
                : throw new InvalidOperationException($"@bank:{banks[0]} という銀行プロファイルはありません。使えるのは {string.Join(", ", BankPool.Profiles.Select(n => "@bank:" + n))} です。"),
            0 => throw new InvalidOperationException("シナリオ (またはその例) に @bank:<プロファイル> タグがありません。"),
            _ => throw new InvalidOperationException($"@bank: タグが複数あります: {string.Join(", ", banks)}。シナリオアウトラインの例ごとに一つにしてください。"),
        };
        var hasUi = tags.Contains("ui", StringComparer.Ordinal);
        var hasApi = tags.Contains("api", StringComparer.Ordinal);
        if (hasUi && hasApi)
        {
            throw new InvalidOperationException("@ui と @api が両方付いています。両方で実行するには例を二つに分けて、それぞれに付けてください。");
        }

        Channel = hasUi ? Channel.Ui : Channel.Api;
        Clock = new FakeTimeProvider(tags.Contains(EpochTag, StringComparer.Ordinal) ? DateTimeOffset.UnixEpoch : Start);
    }

    public FakeTimeProvider Clock { get; }

    public string ProfileName { get; }

    public Channel Channel { get; }

    /// <summary>The customer's devices and the token vendor; in containers mode the bank mails to the mail container and the
    /// phones read it over IMAP.</summary>
    public DeviceHost Devices => _devices ??= ContainersMode.Enabled ? DeviceHost.Start(Clock, ContainersMode.MailServer) : DeviceHost.Start(Clock);

    /// <summary>The devices if the scenario started them (evidence hooks read them without starting any).</summary>
    public DeviceHost? StartedDevices => _devices;

    /// <summary>The bank, started on first use with the devices' mail server and token vendor, in harness mode.</summary>
    public BankHost Bank => _bank?.Host ?? throw new InvalidOperationException("銀行がまだ起動していません (StartBankAsync を先に)。");

    public async Task<BankHost> StartBankAsync()
    {
        _bank ??= await BankPool.RentAsync(ProfileName, Clock, Devices, VendorTimeout);
        return _bank.Host;
    }

    /// <summary>The bank stops and starts again on the same database and port (see <see cref="BankPool.RestartAsync"/>).</summary>
    public Task RestartBankAsync() => BankPool.RestartAsync(_bank ?? throw new InvalidOperationException("銀行がまだ起動していません。"));

    /// <summary>The mail server takes no mail: the embedded one answers 421 to every connection; in containers mode Postfix
    /// stops (only @障害 features, which run alone, may do this to the shared container).</summary>
    public async Task StopMailServerAsync()
    {
        if (ContainersMode.Enabled)
        {
            RequireAlone("メールサーバー");
            _mailServerStopped = true;
            await Harness.Containers.ServerContainers.StopMailAsync();
        }
        else
        {
            Devices.Mail.InjectOutage();
        }
    }

    public async Task StartMailServerAsync()
    {
        if (ContainersMode.Enabled)
        {
            await Harness.Containers.ServerContainers.StartMailAsync();
            _mailServerStopped = false;
        }
        else
        {
            Devices.Mail.EndOutage();
        }
    }

    /// <summary>The bank's database cannot be reached while the bank runs on: in containers mode the PostgreSQL server stops
    /// (only @障害 features, which run alone, may do this to the shared container); embedded, every connection and command
    /// of the bank fails the way SQLite fails when it cannot open its file.</summary>
    public async Task StopDatabaseAsync()
    {
        var bank = _bank ?? throw new InvalidOperationException("銀行がまだ起動していません。");
        if (ContainersMode.Enabled)
        {
            RequireAlone("データベース");
            _databaseStopped = true;
            await Harness.Containers.ServerContainers.StopDatabaseAsync();
        }
        else
        {
            _databaseStopped = true;
            bank.Database.Down(Harness.Bank.Tests.DatabaseFailures.SqliteCannotOpen);
        }
    }

    public async Task StartDatabaseAsync()
    {
        var bank = _bank ?? throw new InvalidOperationException("銀行がまだ起動していません。");
        if (ContainersMode.Enabled)
        {
            await Harness.Containers.ServerContainers.StartDatabaseAsync();
        }
        else
        {
            bank.Database.Up();
        }

        _databaseStopped = false;
    }

    /// <summary>In containers mode the servers are shared by every scenario of the run: only a feature that runs alone may stop them.</summary>
    private void RequireAlone(string server)
    {
        if (!Scenario.CombinedTags.Contains(ContainersMode.StoppingTag, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"コンテナーモードでは{server}はすべてのシナリオが共有しています。止めるシナリオの機能には @{ContainersMode.StoppingTag} を付けてください " +
                "(reqnroll.json の generator.addNonParallelizableMarkerForTags により、ほかの機能と同時には走りません)。");
        }
    }

    /// <summary>How long the bank waits for the token vendor, on the virtual clock.</summary>
    public static readonly TimeSpan VendorTimeout = TimeSpan.FromSeconds(2);

    public ScenarioInfo Scenario => _scenario.ScenarioInfo;

    public async ValueTask DisposeAsync()
    {
        // Idempotent: the AfterScenario hook stops the bank first, then the container disposes the world again. Each part is
        // undone even when an earlier one fails: a server left stopped or a bank kept from the pool would fail every later scenario.
        try
        {
            if (_mailServerStopped)
            {
                // A scenario that failed with the shared mail container stopped must not take it from the next one.
                await StartMailServerAsync();
            }
        }
        finally
        {
            try
            {
                if (_databaseStopped)
                {
                    // Before the bank goes back to the pool: the next scenario empties its database first.
                    await StartDatabaseAsync();
                }
            }
            finally
            {
                if (_bank is { } bank)
                {
                    _bank = null;
                    BankPool.Return(bank);
                }

                if (_devices is { } devices)
                {
                    _devices = null;
                    await devices.DisposeAsync();
                }
            }
        }
    }
}
