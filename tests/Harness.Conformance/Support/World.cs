using Harness.Bank;
using Harness.Bank.Profiles;
using Harness.Devices;
using Harness.Gherkin;
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

    private readonly ScenarioContext _scenario;
    private DeviceHost? _devices;
    private BankHost? _bank;

    public World(ScenarioContext scenario)
    {
        _scenario = scenario;
        var tags = scenario.ScenarioInfo.CombinedTags;
        var banks = tags.Where(t => t.StartsWith("bank:", StringComparison.Ordinal)).Select(t => t["bank:".Length..]).Distinct().ToList();
        ProfileName = banks.Count switch
        {
            1 => BankProfile.Names.Contains(banks[0], StringComparer.Ordinal)
                ? banks[0]
                : throw new InvalidOperationException($"@bank:{banks[0]} という銀行プロファイルはありません。使えるのは {string.Join(", ", BankProfile.Names.Select(n => "@bank:" + n))} です。"),
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
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public string ProfileName { get; }

    public Channel Channel { get; }

    public BankProfile Profile => Bank.Profile;

    public DeviceHost Devices => _devices ??= DeviceHost.Start(Clock);

    /// <summary>The devices if the scenario started them (evidence hooks read them without starting any).</summary>
    public DeviceHost? StartedDevices => _devices;

    /// <summary>The bank, started on first use with the devices' mail server and token vendor, in harness mode.</summary>
    public BankHost Bank => _bank ?? throw new InvalidOperationException("銀行がまだ起動していません (StartBankAsync を先に)。");

    public async Task<BankHost> StartBankAsync()
    {
        if (_bank is not null)
        {
            return _bank;
        }

        _bank = await BankHost.StartAsync(new BankHostOptions
        {
            Profile = Mutants.ProfileFor(ProfileName),
            TimeProvider = Clock,
            SmtpHost = Devices.SmtpHost,
            SmtpPort = Devices.SmtpPort,
            VendorBaseUrl = Devices.VendorBaseUrl,
            VendorTimeout = TimeSpan.FromSeconds(2),
            HarnessMode = true,
            SeedDemoCustomers = false,
            PasswordHashIterations = 1_000,
            ConfigureServices = Mutants.ServicesFor(),
        });
        return _bank;
    }

    public ScenarioInfo Scenario => _scenario.ScenarioInfo;

    public async ValueTask DisposeAsync()
    {
        // Idempotent: the AfterScenario hook stops the bank first, then the container disposes the world again.
        if (_bank is { } bank)
        {
            _bank = null;
            await bank.DisposeAsync();
        }

        if (_devices is { } devices)
        {
            _devices = null;
            await devices.DisposeAsync();
        }
    }
}
