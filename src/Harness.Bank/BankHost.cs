using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.HarnessClock;
using Harness.Bank.Mail;
using Harness.Bank.MailPasswords;
using Harness.Bank.Profiles;
using Harness.Bank.Screens;
using Harness.Bank.Staff;
using Harness.Bank.Tokens;
using Harness.Bank.Transfers;
using Harness.Bank.Vip;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Harness.Bank;

/// <summary>How to start the reference bank (CONTRACTS.md §1).</summary>
public sealed class BankHostOptions
{
    /// <summary>akita, kyoei, komatsugawa, aomori or shinkin: the profile data file.</summary>
    public string Profile { get; init; } = "aomori";
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
    /// <summary>0 = any free loopback port; binds 127.0.0.1 only.</summary>
    public int Port { get; init; }
    /// <summary>SQLite file; null = a fresh temp file.</summary>
    public string? DatabasePath { get; init; }
    /// <summary>Beyond the contract: a PostgreSQL connection string; when set, the same model runs there instead of SQLite.</summary>
    public string? PostgresConnectionString { get; init; }
    public string SmtpHost { get; init; } = "127.0.0.1";
    public int SmtpPort { get; init; } = 2525;
    public string VendorBaseUrl { get; init; } = "http://127.0.0.1:9999";
    public TimeSpan VendorTimeout { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Exposes POST /harness/clock (the TimeProvider must then be a FakeTimeProvider).</summary>
    public bool HarnessMode { get; init; }

    // Beyond the contract: seams for tests that run without an SMTP server or a vendor.
    /// <summary>Replaces SMTP (e.g. an in-memory outbox); null = MailKit to SmtpHost:SmtpPort.</summary>
    public IMailTransport? MailTransport { get; init; }
    /// <summary>Replaces the HTTP vendor client; null = POST {VendorBaseUrl}/vip/v1/validate.</summary>
    public ITokenVendor? TokenVendor { get; init; }
    /// <summary>Argon2id cost of new password hashes; tests use <see cref="PasswordHashCost.ForTests"/> to stay fast.</summary>
    public PasswordHashCost PasswordHashCost { get; init; } = PasswordHashCost.Recommended;
    /// <summary>How many password hashes may be computed at once; null = one fewer than the cores (at least one).</summary>
    public int? PasswordHashConcurrency { get; init; }
    public bool SeedDemoCustomers { get; init; } = true;
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;
    /// <summary>Runs after the bank's own registrations: the conformance suite's code-level mutants replace one service with
    /// a deliberately broken one here. Never set in production.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
    /// <summary>Runs after the bank's own database settings, for every context: the bank tests add an EF Core interceptor
    /// here that makes the database unreachable on demand (a server restart without a server). Never set in production.</summary>
    public Action<DbContextOptionsBuilder>? ConfigureDatabase { get; init; }
}

/// <summary>A demo customer seeded for a profile, for a CLI to print.</summary>
public sealed record DemoCustomer(string LoginId, string Password, string ConfirmationPassword, string Name, string Email, string Kind);

/// <summary>The reference bank running in-process on Kestrel, 127.0.0.1 only.</summary>
public sealed class BankHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _tempDatabase;
    private readonly string? _sqliteConnectionString;

    private readonly bool _seedDemoCustomers;

    private BankHost(WebApplication app, string baseUrl, BankProfile profile, string databasePath, string? tempDatabase, string? sqliteConnectionString,
        bool seedDemoCustomers)
    {
        _seedDemoCustomers = seedDemoCustomers;
        _sqliteConnectionString = sqliteConnectionString;
        _app = app;
        BaseUrl = baseUrl;
        Profile = profile;
        DatabasePath = databasePath;
        _tempDatabase = tempDatabase;
    }

    public string BaseUrl { get; }
    public BankProfile Profile { get; }
    public string DatabasePath { get; }

    /// <summary>The seeded demo customers of this profile with their passwords.</summary>
    public IReadOnlyList<DemoCustomer> DemoCustomers => Profile.DemoCustomers
        .Select(d => new DemoCustomer(d.LoginId, d.Password, d.ConfirmationPassword, d.Name, d.Email, d.Kind.ToString()))
        .ToList();

    public static async Task<BankHost> StartAsync(BankHostOptions options, CancellationToken cancellationToken = default)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var profile = BankProfile.Load(options.Profile);
        string? temp = null;
        var databasePath = options.DatabasePath ?? (temp = Path.Combine(Path.GetTempPath(), $"harness-bank-{profile.Id}-{Guid.NewGuid():N}.db"));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(BankHost).Assembly.GetName().Name });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var services = builder.Services;
        var sqlite = options.PostgresConnectionString is null ? $"Data Source={databasePath};Pooling=True;Default Timeout=30" : null;
        services.AddSingleton(profile);
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton(new PasswordHasher(options.PasswordHashCost, options.PasswordHashConcurrency ?? PasswordHasher.DefaultConcurrency));
        services.AddSingleton<CustomerLocks>();
        services.AddSingleton<Screens.PendingSoftIssues>();
        services.AddSingleton<BankAddress>();
        if (options.PostgresConnectionString is { } postgres)
        {
            services.AddSingleton(new WriteGate(serialise: false));
            // The bank's own data source (disposed with the bank), so that an outage can drop its broken pooled connections.
            services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
            services.AddDbContext<BankDb>((sp, o) =>
            {
                o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>());
                options.ConfigureDatabase?.Invoke(o);
            });
        }
        else
        {
            services.AddSingleton(new WriteGate(serialise: true));
            // One instance for the bank's lifetime: it remembers which pooled native connections are tuned already.
            var tuning = new SqliteTuning();
            services.AddDbContext<BankDb>(o =>
            {
                o.UseSqlite(sqlite).AddInterceptors(tuning);
                options.ConfigureDatabase?.Invoke(o);
            });
        }
        services.AddScoped<AuditLog>();
        services.AddScoped<Sessions>();
        services.AddScoped<OtpChecks>();
        services.AddScoped<MailPasswordService>();
        services.AddScoped<BankMails>();
        services.AddScoped<StaffContext>();
        services.AddScoped<LoginOperations>();
        services.AddScoped<OtpOperations>();
        services.AddScoped<VipOperations>();
        services.AddScoped<MailPasswordOperations>();
        services.AddScoped<TransferOperations>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "bank_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddHttpContextAccessor();
        services.AddScoped(sp => new Html(sp.GetRequiredService<IHttpContextAccessor>().HttpContext!,
            sp.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>(), profile));
        if (options.MailTransport is { } mail)
        {
            services.AddSingleton(mail);
        }
        else
        {
            services.AddSingleton<IMailTransport>(sp => new SmtpMailTransport(options.SmtpHost, options.SmtpPort, sp.GetRequiredService<ILogger<SmtpMailTransport>>()));
        }
        if (options.TokenVendor is { } vendor)
        {
            services.AddSingleton(vendor);
        }
        else
        {
            services.AddSingleton(new VendorTimeout(options.VendorTimeout));
            services.AddHttpClient<ITokenVendor, HttpTokenVendor>(http =>
            {
                http.BaseAddress = new Uri(options.VendorBaseUrl.TrimEnd('/') + "/");
                http.Timeout = Timeout.InfiniteTimeSpan;
            });
        }
        // Malformed bodies throw, so BadRequestMiddleware answers them in Japanese.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });

        options.ConfigureServices?.Invoke(services);
        var app = builder.Build();
        app.UseMiddleware<BadRequestMiddleware>();
        app.UseMiddleware<DatabaseOutageMiddleware>();
        app.UseAntiforgery();
        app.MapCustomerScreens();
        app.MapStaffScreen();
        app.MapLogin();
        app.MapOtp();
        app.MapProvisioning();
        app.MapVip();
        app.MapMailPasswordSettings();
        app.MapTransfers();
        app.MapStaff();
        if (options.HarnessMode)
        {
            var fake = options.TimeProvider as FakeTimeProvider
                ?? throw new ArgumentException("harness mode needs a FakeTimeProvider to move", nameof(options));
            app.MapHarnessClock(fake);
        }

        await PrepareDatabaseAsync(app.Services, profile, options.SeedDemoCustomers, cancellationToken);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var baseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        app.Services.GetRequiredService<BankAddress>().BaseUrl = baseUrl;
        return new BankHost(app, baseUrl, profile, databasePath, temp, sqlite, options.SeedDemoCustomers);
    }

    /// <summary>Forgets every customer, token, session, mail password and audit entry, as if the bank had just been started on
    /// an empty database (demo customers seeded again where the options asked for them). The harness reuses one host for
    /// many scenarios this way instead of paying a start per scenario; nothing else may be using the bank meanwhile.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        // Closes the idle pooled connections of the bank's own PostgreSQL data source before its database is dropped
        // (EF's own pool clearing does not reach a data source the bank made itself).
        _app.Services.GetService<NpgsqlDataSource>()?.Clear();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BankDb>();
            await db.Database.EnsureDeletedAsync(cancellationToken);
        }

        await PrepareDatabaseAsync(_app.Services, Profile, _seedDemoCustomers, cancellationToken);
    }

    private static async Task PrepareDatabaseAsync(IServiceProvider services, BankProfile profile, bool seed, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BankDb>();
        await db.Database.EnsureCreatedAsync(ct);
        if (!seed || await db.Customers.AnyAsync(ct))
        {
            return;
        }
        var hasher = scope.ServiceProvider.GetRequiredService<PasswordHasher>();
        foreach (var demo in profile.DemoCustomers)
        {
            await StaffApi.OpenAsync(db, hasher, profile, demo.LoginId, demo.Password, demo.ConfirmationPassword, demo.Name, demo.Email, demo.Kind, demo.BalanceYen, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_sqliteConnectionString is not null)
        {
            // Only this bank's pooled connections: the other banks of the process (tests run side by side) keep theirs.
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_sqliteConnectionString);
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
        }
        if (_tempDatabase is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_tempDatabase + suffix);
            }
        }
    }
}

/// <summary>A body that is not JSON of the expected shape gets a Japanese 400 instead of the framework's text.</summary>
internal sealed class BadRequestMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Problem.BadInput("入力内容の形式が正しくありません。").ToResult().ExecuteAsync(context);
        }
    }
}
