using Harness.Containers;
using Harness.Devices.Mail;
using Reqnroll;

namespace Harness.Conformance.Support;

/// <summary>
/// Containers mode (<c>HARNESS_CONTAINERS=1</c>, set by <c>harness run --containers</c>): the banks keep their state in a
/// PostgreSQL container, a database per pooled bank, emptied for each scenario; they send their mail to a real mail
/// server (Postfix) and the phones read it over IMAP (Dovecot). Both containers are started once for the test run.
/// Unset or 0: everything in process (SQLite, the embedded mail server).
/// </summary>
[Binding]
public sealed class ContainersMode
{
    public const string Variable = "HARNESS_CONTAINERS";

    private static ExternalMailServer? _mailServer;

    public static bool Enabled => Read(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The mail container, once the test run has started it.</summary>
    public static ExternalMailServer MailServer =>
        _mailServer ?? throw new InvalidOperationException("コンテナーモードのメールサーバーがまだ起動していません。");

    public static bool Read(string? value) => value switch
    {
        null or "" or "0" or "false" => false,
        "1" or "true" => true,
        _ => throw new InvalidOperationException(
            $"環境変数 {Variable} の値「{value}」は使えません。1 (コンテナーモード) か 0 (プロセス内, 既定) を指定してください。"),
    };

    /// <summary>The tag of the features that may stop the shared servers: reqnroll.json runs them alone
    /// (generator.addNonParallelizableMarkerForTags).</summary>
    public const string StoppingTag = "障害";

    [BeforeTestRun]
    public static async Task StartContainersAsync()
    {
        if (!Enabled)
        {
            return;
        }

        if (await DockerEngine.FindMissingAsync() is { } missing)
        {
            throw new InvalidOperationException($"コンテナーモード ({Variable}=1) には Docker Engine が必要です: {missing}");
        }

        ServerContainers.Log = line => NUnit.Framework.TestContext.Progress.WriteLine("[コンテナー] " + line);
        await Task.WhenAll(ServerContainers.PostgresAsync(), ServerContainers.MailAsync());
        _mailServer = await ServerContainers.MailServerAsync();
    }

    /// <summary>After the banks (Hooks.CloseAsync, the default order) have closed their connections: lower orders run first.</summary>
    [AfterTestRun(Order = HookAttribute.DefaultOrder + 10000)]
    public static Task RemoveContainersAsync() => Enabled ? ServerContainers.DisposeAsync() : Task.CompletedTask;
}
