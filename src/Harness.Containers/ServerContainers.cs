using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Harness.Devices.Mail;
using Testcontainers.PostgreSql;

namespace Harness.Containers;

/// <summary>
/// Containers mode's servers: the images of Images/ built through Testcontainers (Docker's layer cache makes a rebuild
/// take seconds) and one container of each, started on first use and shared by everything in the process until
/// <see cref="DisposeAsync"/>. The base image is HARNESS_BASE_IMAGE, by default the Debian 12 that .ci/docker-engine
/// imports; with a registry, HARNESS_BASE_IMAGE=debian:bookworm-slim. Each user takes a database of its own
/// (<see cref="NewDatabaseAsync"/>) and mail addresses of its own, so nothing mixes.
/// <para>Fault scenarios stop and start the servers (<see cref="StopMailAsync"/>, <see cref="StopDatabaseAsync"/>); whoever
/// does so must be alone in the process at the time (the conformance suite runs @障害 features alone).</para>
/// </summary>
public static class ServerContainers
{
    public const string DefaultBaseImage = "harness/debian-base:bookworm";

    private static readonly Lazy<Task<PostgreSqlContainer>> Postgres = new(StartPostgresContainerAsync);
    private static readonly Lazy<Task<IContainer>> Mail = new(StartMailContainerAsync);

    /// <summary>Where progress lines go (image built, container started, server stopped); NUnit's progress in tests.</summary>
    public static Action<string> Log { get; set; } = _ => { };

    public static string BaseImage => Environment.GetEnvironmentVariable("HARNESS_BASE_IMAGE") is { Length: > 0 } image ? image : DefaultBaseImage;

    public static Task<PostgreSqlContainer> PostgresAsync() => Postgres.Value;

    public static Task<IContainer> MailAsync() => Mail.Value;

    /// <summary>A connection string to a database of its own on the shared server (the bank creates it on start).</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var postgres = await PostgresAsync().ConfigureAwait(false);
        var shared = postgres.GetConnectionString();
        const string Default = "Database=postgres";
        // Checked, not assumed: were the format to change, every bank would share one database and each reset drop it under the others.
        if (!shared.Contains(Default, StringComparison.Ordinal))
            throw new InvalidOperationException($"PostgreSQL のコンテナーの接続文字列に {Default} がありません: {shared}");
        return shared.Replace(Default, $"Database=bank_{Guid.NewGuid():N}", StringComparison.Ordinal);
    }

    /// <summary>The mail container as the devices see it: SMTP for the bank, IMAP for the phones, on loopback ports.</summary>
    public static async Task<ExternalMailServer> MailServerAsync()
    {
        var mail = await MailAsync().ConfigureAwait(false);
        // The ports are published on every interface; 127.0.0.1 rather than "localhost", which may first try ::1.
        return new ExternalMailServer("127.0.0.1", mail.GetMappedPublicPort(25), new ImapServer("127.0.0.1", mail.GetMappedPublicPort(143)));
    }

    /// <summary>The mail server stops taking mail (Postfix stops; a connection to its SMTP port is closed at once). The
    /// mailboxes stay readable over IMAP, as when only a provider's outgoing side is down.</summary>
    public static async Task StopMailAsync() => await ExecAsync(await MailAsync().ConfigureAwait(false), "メールサーバー (Postfix) を止める", "postfix", "stop").ConfigureAwait(false);

    /// <summary>Postfix starts again; <c>postfix start</c> returns once it listens.</summary>
    public static async Task StartMailAsync() => await ExecAsync(await MailAsync().ConfigureAwait(false), "メールサーバー (Postfix) を起動する", "postfix", "start").ConfigureAwait(false);

    /// <summary>The database server stops (a fast shutdown: open sessions are ended). Connections are refused until
    /// <see cref="StartDatabaseAsync"/>; the data stays.</summary>
    public static async Task StopDatabaseAsync()
    {
        var postgres = await PostgresAsync().ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await postgres.StopAsync().ConfigureAwait(false);
        Log(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL のコンテナー: {watch.Elapsed.TotalSeconds:F1} 秒で停止"));
    }

    /// <summary>The database server starts again on the same port with the same data.</summary>
    public static async Task StartDatabaseAsync() => await StartTimedAsync("PostgreSQL", await PostgresAsync().ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Removes both containers; the second even when removing the first fails.</summary>
    public static async Task DisposeAsync()
    {
        try
        {
            if (Postgres.IsValueCreated && Postgres.Value.IsCompletedSuccessfully)
                await Postgres.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            if (Mail.IsValueCreated && Mail.Value.IsCompletedSuccessfully)
                await Mail.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<PostgreSqlContainer> StartPostgresContainerAsync()
    {
        var image = await BuildAsync("postgres", "harness/postgres:15").ConfigureAwait(false);
        // A fixed host port, so that the banks' connection strings still hold after the server is stopped and started.
        var container = new PostgreSqlBuilder(image)
            .WithPortBinding(FreeLoopbackPort(), PostgreSqlBuilder.PostgreSqlPort)
            .WithCreateParameterModifier(OnLoopbackOnly)
            .Build();
        await StartOrRemoveAsync("PostgreSQL", container).ConfigureAwait(false);
        return container;
    }

    private static async Task<IContainer> StartMailContainerAsync()
    {
        var image = await BuildAsync("mail", "harness/mail:bookworm").ConfigureAwait(false);
        var container = new ContainerBuilder(image)
            .WithPortBinding(25, assignRandomHostPort: true)
            .WithPortBinding(143, assignRandomHostPort: true)
            .WithCreateParameterModifier(OnLoopbackOnly)
            // Postfix listens before Dovecot starts (see entrypoint.sh); Dovecot logs this once it listens.
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("starting up for imap"))
            .Build();
        await StartOrRemoveAsync("メールサーバー", container).ConfigureAwait(false);
        return container;
    }

    private static async Task<IImage> BuildAsync(string folder, string name)
    {
        var watch = Stopwatch.StartNew();
        var image = new ImageFromDockerfileBuilder()
            .WithDockerfileDirectory(Path.Combine(AppContext.BaseDirectory, "Images", folder))
            .WithDockerfile("Dockerfile")
            .WithBuildArgument("BASE_IMAGE", BaseImage)
            .WithName(name)
            .WithCleanUp(false)
            .WithDeleteIfExists(false)
            .Build();
        try
        {
            await image.CreateAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"イメージ {name} を作れませんでした (ベースイメージ {BaseImage})。レジストリがなければ root で `bash .ci/docker-engine` を実行して " +
                $"{DefaultBaseImage} を作るか、HARNESS_BASE_IMAGE で使えるベースイメージを指定してください。原因: {e.Message}", e);
        }
        Log(string.Create(CultureInfo.InvariantCulture, $"イメージ {name}: {watch.Elapsed.TotalSeconds:F1} 秒で用意 (ベース {BaseImage})"));
        return image;
    }

    /// <summary>The first start: a container that never became ready is removed at once. Nothing else holds it (Ryuk is
    /// off and <see cref="DisposeAsync"/> only sees containers that started), so it would outlive the run.</summary>
    private static async Task StartOrRemoveAsync(string what, IContainer container)
    {
        try
        {
            await StartTimedAsync(what, container).ConfigureAwait(false);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task StartTimedAsync(string what, IContainer container)
    {
        var watch = Stopwatch.StartNew();
        await container.StartAsync().ConfigureAwait(false);
        Log(string.Create(CultureInfo.InvariantCulture, $"{what} のコンテナー: {watch.Elapsed.TotalSeconds:F1} 秒で起動"));
    }

    private static async Task ExecAsync(IContainer container, string what, params string[] command)
    {
        var result = await container.ExecAsync(command).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{what}ことができませんでした ({string.Join(' ', command)} の終了コード {result.ExitCode}): {result.Stderr}{result.Stdout}");
        Log($"{what}: {string.Join(' ', command)}");
    }

    /// <summary>Docker publishes a port on every interface of the host unless told otherwise; these servers take any IMAP
    /// password and a well-known PostgreSQL one, so only this machine may reach them.</summary>
    private static void OnLoopbackOnly(Docker.DotNet.Models.CreateContainerParameters parameters)
    {
        foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(b => b ?? []) ?? [])
            binding.HostIP = "127.0.0.1";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
