using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Containers.Tests;

/// <summary>
/// The main job in containers mode, <c>harness run --containers</c>, on the fault scenarios (@障害): the bank on PostgreSQL
/// and the mail through Postfix and Dovecot, started by the suite; the scenarios stop Postfix and the database server in
/// their containers and start them again. Every scenario must pass, and the containers' own progress lines show the
/// stops really happened. (The whole suite in containers mode is the nightly job: `.ci/run`.)
/// </summary>
[Category("containers")]
[NonParallelizable]
public sealed partial class FaultScenariosInContainersTests
{
    [SetUp]
    public Task RequireDocker() => Docker.RequireAsync();

    [Test]
    public async Task The_fault_scenarios_pass_with_the_real_servers_stopped_and_started_again()
    {
        var (exit, output) = await RunAsync("run", "--containers", "--no-build", "--no-pdf", "--tags", "@障害");
        var report = Report().Match(output).Groups[1].Value;
        try
        {
            Assert.That(exit, Is.EqualTo(0), output);
            var total = int.Parse(Total().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Multiple(() =>
            {
                Assert.That(total, Is.EqualTo(27), output);
                Assert.That(Regex.Count(output, @"^\[ *\d+/\d+\] 合格 ", RegexOptions.Multiline), Is.EqualTo(total), output);
                Assert.That(output, Does.Contain("コンテナーモード: 銀行は PostgreSQL に記録し、メールは Postfix が受けて Dovecot (IMAP) から読みます。"));
                Assert.That(Regex.Count(output, "^\\[コンテナー\\] メールサーバー \\(Postfix\\) を止める: postfix stop$", RegexOptions.Multiline), Is.EqualTo(6), output);
                Assert.That(Regex.Count(output, "^\\[コンテナー\\] メールサーバー \\(Postfix\\) を起動する: postfix start$", RegexOptions.Multiline), Is.EqualTo(6), output);
                Assert.That(Regex.Count(output, @"^\[コンテナー\] PostgreSQL のコンテナー: \d+\.\d 秒で停止$", RegexOptions.Multiline), Is.EqualTo(10), output);
                Assert.That(output, Does.Contain("結果: 全シナリオ合格"));
                using var run = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(report)!, "run.json")));
                Assert.That(run.RootElement.GetProperty("command").GetString(), Is.EqualTo("harness run --tags \"@障害\" --no-pdf --containers"));
            });
        }
        finally
        {
            // The run's report folder is this test's, not the user's latest run.
            if (report.Length > 0)
                Directory.Delete(Path.GetDirectoryName(report)!, recursive: true);
        }
    }

    /// <summary>The CLI (already built), from the repository root, its output forwarded as progress while it runs.</summary>
    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var root = Root();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "run", "--project", Path.Combine(root, "src", "Harness.Cli"), "--no-build", "--" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        async Task Pump(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (lines)
                    lines.Add(line);
                TestContext.Progress.WriteLine(line);
            }
        }
        await Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError), process.WaitForExitAsync());
        return (process.ExitCode, string.Join('\n', lines));
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Harness.sln が見つかりません。");
    }

    [GeneratedRegex(@"^報告書: (.+)$", RegexOptions.Multiline)]
    private static partial Regex Report();

    [GeneratedRegex(@"^実行 \S+: (\d+) シナリオ", RegexOptions.Multiline)]
    private static partial Regex Total();
}
