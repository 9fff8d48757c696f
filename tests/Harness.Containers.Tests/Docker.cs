using Harness.Containers;

namespace Harness.Containers.Tests;

/// <summary>The containers tests without a Docker Engine: ignored, with the reason, on a developer's machine; failed under
/// CI (CI=true), where an engine is part of the job.</summary>
internal static class Docker
{
    /// <summary>Call first in each test: returns when the engine is there, else ends the test.</summary>
    public static async Task RequireAsync()
    {
        if (await DockerEngine.FindMissingAsync() is not { } missing)
            return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail("CI では Docker Engine が必要です: " + missing);
        Assert.Ignore(missing);
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
    public void Prepare()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        ServerContainers.Log = TestContext.Progress.WriteLine;
    }

    [OneTimeTearDown]
    public Task RemoveContainersAsync() => ServerContainers.DisposeAsync();
}
