using Harness.Containers;

namespace Harness.Containers.Tests;

/// <summary>What containers mode says when the engine is not there (no Docker needed: these run everywhere).</summary>
public sealed class DockerEngineTests
{
    [Test]
    public async Task No_engine_found_is_said_plainly()
    {
        Assert.That(await DockerEngine.MissingAtAsync(null),
            Is.EqualTo("Docker Engine が見つかりません (/var/run/docker.sock も DOCKER_HOST もありません)。コンテナーモードは動きません。"));
    }

    [Test]
    public async Task An_engine_that_does_not_answer_is_named_with_its_socket()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"harness-no-docker-{Guid.NewGuid():N}.sock");

        var missing = await DockerEngine.MissingAtAsync(new Uri("unix://" + socket));

        Assert.That(missing, Does.StartWith($"Docker Engine (unix://{socket}) に接続できません: "));
        Assert.That(missing, Does.EndWith("。dockerd が動いていません。"));
    }
}
