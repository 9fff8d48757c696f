using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Testcontainers.PostgreSql;

namespace Harness.Containers.Tests;

/// <summary>
/// The images of Images/ built through Testcontainers (Docker's layer cache makes a rebuild take seconds) and one
/// container of each, started on first use and removed after the last test. The base image is HARNESS_BASE_IMAGE, by
/// default the Debian 12 that .ci/docker-engine imports; with a registry, HARNESS_BASE_IMAGE=debian:bookworm-slim.
/// </summary>
internal static class Containers
{
    public const string DefaultBaseImage = "harness/debian-base:bookworm";

    private static readonly Lazy<Task<PostgreSqlContainer>> Postgres = new(StartPostgresAsync);
    private static readonly Lazy<Task<IContainer>> Mail = new(StartMailAsync);

    public static string BaseImage => Environment.GetEnvironmentVariable("HARNESS_BASE_IMAGE") is { Length: > 0 } image ? image : DefaultBaseImage;

    public static Task<PostgreSqlContainer> PostgresAsync() => Postgres.Value;

    public static Task<IContainer> MailAsync() => Mail.Value;

    /// <summary>A connection string to a database of its own on the shared server (the bank creates it on start).</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var postgres = await PostgresAsync();
        return postgres.GetConnectionString().Replace("Database=postgres", $"Database=bank_{Guid.NewGuid():N}", StringComparison.Ordinal);
    }

    public static async Task DisposeAsync()
    {
        if (Postgres.IsValueCreated && Postgres.Value.IsCompletedSuccessfully)
            await Postgres.Value.Result.DisposeAsync();
        if (Mail.IsValueCreated && Mail.Value.IsCompletedSuccessfully)
            await Mail.Value.Result.DisposeAsync();
    }

    private static async Task<PostgreSqlContainer> StartPostgresAsync()
    {
        var image = await BuildAsync("postgres", "harness/postgres:15");
        var container = new PostgreSqlBuilder(image).Build();
        await StartTimedAsync("PostgreSQL", container);
        return container;
    }

    private static async Task<IContainer> StartMailAsync()
    {
        var image = await BuildAsync("mail", "harness/mail:bookworm");
        var container = new ContainerBuilder(image)
            .WithPortBinding(25, assignRandomHostPort: true)
            .WithPortBinding(143, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("daemon started"))
            .Build();
        await StartTimedAsync("メールサーバー", container);
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
            await image.CreateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"イメージ {name} を作れませんでした (ベースイメージ {BaseImage})。レジストリがなければ root で `bash .ci/docker-engine` を実行して " +
                $"{DefaultBaseImage} を作るか、HARNESS_BASE_IMAGE で使えるベースイメージを指定してください。原因: {e.Message}", e);
        }
        TestContext.Progress.WriteLine($"イメージ {name}: {watch.Elapsed.TotalSeconds:F1} 秒で用意 (ベース {BaseImage})");
        return image;
    }

    private static async Task StartTimedAsync(string what, IContainer container)
    {
        var watch = Stopwatch.StartNew();
        await container.StartAsync();
        TestContext.Progress.WriteLine($"{what} のコンテナー: {watch.Elapsed.TotalSeconds:F1} 秒で起動");
    }
}

/// <summary>Removes the shared containers after the last test of the assembly.</summary>
[SetUpFixture]
public sealed class ContainersLifetime
{
    /// <summary>
    /// MimeKit looks up its charsets once, on first use: ISO-2022-JP must be registered before any test touches MimeKit
    /// (BankHost registers it only when a bank starts, which is too late if a mail was built or read before).
    /// </summary>
    [OneTimeSetUp]
    public void RegisterJapaneseEncodings() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    [OneTimeTearDown]
    public Task RemoveContainersAsync() => Containers.DisposeAsync();
}
