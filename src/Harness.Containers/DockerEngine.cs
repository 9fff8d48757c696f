using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using DotNet.Testcontainers.Configurations;

namespace Harness.Containers;

/// <summary>
/// Whether a Docker Engine that Testcontainers 4.x can drive (API 1.44 or later) answers. Without one, containers mode
/// stops with a plain Japanese message naming what is missing (the containers tests: ignored on a developer's machine,
/// failed under CI=true, where an engine is part of the job).
/// </summary>
public static class DockerEngine
{
    public static readonly Version MinimumApi = new(1, 44);

    private static readonly Lazy<Task<string?>> Missing = new(ProbeAsync);

    /// <summary>Null when the engine answers; else what is missing and how to get it, in Japanese.</summary>
    public static async Task<string?> FindMissingAsync() =>
        await Missing.Value is { } missing ? missing + " root で `bash .ci/docker-engine` を実行すると入ります (README の「コンテナーモード」)。" : null;

    private static async Task<string?> ProbeAsync()
    {
        // Ryuk's image cannot be pulled without a registry, and the mapped ports are reached through loopback.
        // Set before Testcontainers reads its settings; a value the caller exported wins.
        foreach (var (name, value) in new[] { ("TESTCONTAINERS_RYUK_DISABLED", "true"), ("TESTCONTAINERS_HOST_OVERRIDE", "localhost") })
        {
            if (Environment.GetEnvironmentVariable(name) is null)
                Environment.SetEnvironmentVariable(name, value);
        }
        Uri? endpoint;
        try
        {
            endpoint = TestcontainersSettings.OS.DockerEndpointAuthConfig?.Endpoint;
        }
        catch (TypeInitializationException e)
        {
            return $"Docker Engine を探せませんでした: {e.InnerException?.Message ?? e.Message}";
        }
        return await MissingAtAsync(endpoint).ConfigureAwait(false);
    }

    /// <summary>What is wrong with the engine at <paramref name="endpoint"/> (null: none found), or null when it will do.</summary>
    internal static async Task<string?> MissingAtAsync(Uri? endpoint)
    {
        if (endpoint is null)
            return "Docker Engine が見つかりません (/var/run/docker.sock も DOCKER_HOST もありません)。コンテナーモードは動きません。";
        try
        {
            using var http = Client(endpoint);
            var version = await http.GetFromJsonAsync<EngineVersion>("version").ConfigureAwait(false);
            if (version is null || !Version.TryParse(version.ApiVersion, out var api) || api < MinimumApi)
                return string.Create(CultureInfo.InvariantCulture,
                    $"Docker Engine {version?.Version ?? "?"} の API {version?.ApiVersion ?? "?"} は古すぎます (Testcontainers には {MinimumApi} 以上、Docker 25 以降が必要)。");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or System.Text.Json.JsonException)
        {
            return $"Docker Engine ({endpoint}) に接続できません: {e.Message}。dockerd が動いていません。";
        }
    }

    private static HttpClient Client(Uri endpoint)
    {
        if (endpoint.Scheme == "unix")
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.AbsolutePath), ct).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler) { BaseAddress = new Uri("http://docker/") };
        }
        return new HttpClient { BaseAddress = new UriBuilder(endpoint) { Scheme = "http" }.Uri };
    }

    private sealed record EngineVersion([property: JsonPropertyName("Version")] string? Version, [property: JsonPropertyName("ApiVersion")] string? ApiVersion);
}
