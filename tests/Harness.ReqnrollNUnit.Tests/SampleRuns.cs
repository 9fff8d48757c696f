using System.Diagnostics;
using System.Xml.Linq;
using NUnit.Framework;

namespace Harness.ReqnrollNUnit.Tests;

/// <summary>One <c>dotnet test</c> of the built sample (tests/Harness.Gherkin.QaSample): its exit code, output, TRX results
/// (name, outcome, message), the hooks' journal and the run's NDJSON path.</summary>
public sealed record SampleRun(int ExitCode, string Output, IReadOnlyList<(string Name, string Outcome, string? Message)> Results, IReadOnlyList<string> Journal, string Messages);

/// <summary>Builds the sample once, then starts every run the tests need at the same time (each its own process and files).</summary>
public static class SampleRuns
{
    private static readonly Lazy<Task<string>> Built = new(BuildAsync);
    private static readonly string Work = Directory.CreateTempSubdirectory("adapter-tests-").FullName;

    public static string Root { get; } = FindRoot();

    /// <summary>Runs the sample assembly in <paramref name="binDirectory"/> (default: the build's) on one feature folder.</summary>
    public static async Task<SampleRun> RunAsync(string name, string? features, IEnumerable<string> extra, string? binDirectory = null)
    {
        var dll = Path.Combine(binDirectory ?? Path.GetDirectoryName(await Built.Value)!, "Harness.Gherkin.QaSample.dll");
        var dir = Directory.CreateDirectory(Path.Combine(Work, name)).FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "test", dll, "--logger", "trx;LogFileName=run.trx", "--results-directory", dir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        foreach (var argument in extra)
        {
            start.ArgumentList.Add(argument);
        }

        var journal = Path.Combine(dir, "journal.txt");
        var messages = Path.Combine(dir, "messages.ndjson");
        start.Environment["REQNROLL_TELEMETRY_ENABLED"] = "0";
        start.Environment["HARNESS_JOURNAL"] = journal;
        start.Environment["REQNROLL_FORMATTERS_MESSAGE"] = "outputFilePath=" + messages;
        start.Environment["HARNESS_FEATURES_DIR"] = features is null ? null : Path.Combine(Path.GetDirectoryName(dll)!, "adapter", features);
        var (code, output) = await ExecuteAsync(start);

        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var trx = Path.Combine(dir, "run.trx");
        var results = File.Exists(trx)
            ? XDocument.Load(trx).Descendants(ns + "UnitTestResult")
                .Select(r => ((string)r.Attribute("testName")!, (string)r.Attribute("outcome")!, (string?)r.Descendants(ns + "Message").FirstOrDefault()))
                .OrderBy(r => r.Item1, StringComparer.Ordinal)
                .ToList()
            : [];
        return new SampleRun(code, output, results, File.Exists(journal) ? File.ReadAllLines(journal) : [], messages);
    }

    /// <summary>A copy of the built sample, to change a file beside the assembly without touching the build.</summary>
    public static async Task<string> CopyAsync(string name)
    {
        var from = Path.GetDirectoryName(await Built.Value)!;
        var to = Path.Combine(Work, name + "-bin");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }

    private static async Task<string> BuildAsync()
    {
        var project = Path.Combine(Root, "tests", "Harness.Gherkin.QaSample", "Harness.Gherkin.QaSample.csproj");
        var output = Path.Combine(Work, "bin");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", project, "--nologo", "-v", "q", "-o", output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        var (code, text) = await ExecuteAsync(start);
        return code == 0 ? Path.Combine(output, "Harness.Gherkin.QaSample.dll") : throw new InvalidOperationException("サンプルをビルドできません:\n" + text);
    }

    private static async Task<(int Code, string Output)> ExecuteAsync(ProcessStartInfo start)
    {
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A hang guard only: a run that has not ended in 5 minutes is stopped with its children, not left behind.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} が 5 分で終わりませんでした。");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln が見つかりません。");
    }
}
