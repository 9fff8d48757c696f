using System.Diagnostics;

namespace Harness.Cli.Run;

/// <summary>What <c>run</c> asks of the suite: the features to read, the dotnet test filter, and where Reqnroll's formatters
/// write the run's Cucumber Messages (NDJSON) and its HTML report.</summary>
internal sealed record SuiteRequest(string Root, string FeaturesDir, string? Filter, string MessagesPath, string HtmlPath, string ResultsDir, bool NoBuild, bool Containers);

/// <summary>How the suite ended: dotnet test's exit code and its output (shown when scenarios did not run).</summary>
internal sealed record SuiteResult(int ExitCode, IReadOnlyList<string> Log);

/// <summary>Runs the suite; <paramref name="output"/> gets the lines meant for the console while it runs.</summary>
internal delegate Task<SuiteResult> SuiteRunner(SuiteRequest request, TextWriter output, CancellationToken cancellationToken);

/// <summary>The suite under <c>dotnet test</c> (tests/Harness.Conformance, run by Reqnroll).</summary>
internal static class DotnetTestSuite
{
    /// <summary>The adapter's variable naming the feature folder (Harness.ReqnrollNUnit, FeatureSuite): <c>features/</c> as it
    /// is now, not the copy the last build left beside the test assembly.</summary>
    public const string FeaturesVariable = "HARNESS_FEATURES_DIR";

    public static async Task<SuiteResult> RunAsync(SuiteRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "test", Path.Combine(request.Root, "tests", "Harness.Conformance", "Harness.Conformance.csproj"), "--nologo", "--results-directory", request.ResultsDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = request.Root,
        };
        if (request.Filter is not null)
        {
            start.ArgumentList.Add("--filter");
            start.ArgumentList.Add(request.Filter);
        }

        if (request.NoBuild)
        {
            start.ArgumentList.Add("--no-build");
        }

        if (request.Containers)
        {
            // The containers' progress lines are NUnit progress output, which the console logger shows from "normal" on.
            start.ArgumentList.Add("--logger");
            start.ArgumentList.Add("console;verbosity=normal");
        }

        start.Environment[FeaturesVariable] = request.FeaturesDir;
        start.Environment["REQNROLL_FORMATTERS_MESSAGE"] = "outputFilePath=" + request.MessagesPath;
        start.Environment["REQNROLL_FORMATTERS_HTML"] = "outputFilePath=" + request.HtmlPath;
        start.Environment["REQNROLL_TELEMETRY_ENABLED"] = "0";
        // Reqnroll's formatter opens the messages file exclusively, which .NET enforces with a lock on Linux: without it
        // in the suite's process, run can follow the file as scenarios finish (it is written as the run goes).
        start.Environment["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "1";
        // Explicitly either way, so that a HARNESS_CONTAINERS exported in the shell does not decide the mode behind the option.
        start.Environment[RunCommand.ContainersVariable] = request.Containers ? "1" : "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet test を起動できません。");
        var log = new List<string>();
        try
        {
            await Task.WhenAll(Collect(process.StandardOutput, log, output), Collect(process.StandardError, log, output), process.WaitForExitAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new SuiteResult(process.ExitCode, log);
    }

    private static async Task Collect(StreamReader reader, List<string> into, TextWriter output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.Add(line);
            }

            if (line.TrimStart().StartsWith(RunCommand.ContainersLogPrefix, StringComparison.Ordinal))
            {
                await output.WriteLineAsync(line.TrimStart());
            }
        }
    }
}
