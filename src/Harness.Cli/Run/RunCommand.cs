using System.Diagnostics;
using System.Globalization;
using Harness.Bank.Profiles;
using Harness.Gherkin.Formatters;
using Harness.Gherkin.Parsing;
using Harness.Gherkin.TagExpressions;
using Harness.Reports;
using Harness.Reports.Integrity;

namespace Harness.Cli.Run;

/// <summary><c>run [--bank p]… [--tags expr] [--channel ui|api] [--containers] [--no-build]</c>: runs the conformance suite (the
/// reference bank in-process on the embedded defaults: SQLite, the embedded mailbox, the simulated vendor; with
/// <c>--containers</c> on PostgreSQL and a real mail server in Docker containers) with a line of progress per scenario, then
/// writes <c>reports/&lt;run-id&gt;/</c>. Exit 0 all passed, 1 any failed, 2 usage or configuration error.</summary>
internal static class RunCommand
{
    public sealed record Options(IReadOnlyList<string> Banks, string? Tags, string? Channel, bool Pdf, string? SignKey = null, bool Containers = false, bool NoBuild = false);

    /// <summary>The conformance suite's switch for containers mode (tests/Harness.Conformance, ContainersMode).</summary>
    public const string ContainersVariable = "HARNESS_CONTAINERS";

    /// <summary>Lines of the suite's output that say what the containers are doing (image built, server started or stopped).</summary>
    public const string ContainersLogPrefix = "[コンテナー]";

    public static async Task<int> RunAsync(Options options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = FindRoot(Directory.GetCurrentDirectory());
        if (root is null)
        {
            await error.WriteLineAsync("使い方の誤り: Harness のリポジトリのルート (Harness.sln のあるフォルダー) かその下で実行してください。");
            return HarnessCommand.UsageError;
        }

        var unknown = options.Banks.Where(b => !BankProfile.Names.Contains(b, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            await error.WriteLineAsync($"使い方の誤り: 銀行プロファイル {string.Join(", ", unknown.Select(u => $"'{u}'"))} はありません。使えるのは {string.Join(", ", BankProfile.Names)} です。");
            return HarnessCommand.UsageError;
        }

        if (options.Channel is not (null or "ui" or "api"))
        {
            await error.WriteLineAsync($"使い方の誤り: --channel は ui か api です (値: {options.Channel})。");
            return HarnessCommand.UsageError;
        }

        TagExpression? tags = null;
        try
        {
            tags = options.Tags is null ? null : TagExpression.Parse(options.Tags);
        }
        catch (TagExpressionException ex)
        {
            await error.WriteLineAsync("使い方の誤り: --tags: " + ex.Message);
            return HarnessCommand.UsageError;
        }

        if (options.SignKey is { } keyPath)
        {
            // Checked before the suite runs, so a wrong key does not cost the run.
            try
            {
                using var key = SigningKey.Load(keyPath);
            }
            catch (ReportException ex)
            {
                await error.WriteLineAsync("使い方の誤り: --sign-key: " + ex.Message);
                return HarnessCommand.UsageError;
            }
        }

        if (options.Containers && await Harness.Containers.DockerEngine.FindMissingAsync() is { } noDocker)
        {
            // Checked before the suite runs: without an engine every scenario would fail the same way.
            await error.WriteLineAsync("準備が足りません: --containers には Docker Engine が必要です。" + noDocker);
            return HarnessCommand.UsageError;
        }

        var selection = new Selection(options.Banks, options.Channel, tags);
        var loader = new FeatureLoader("ja");
        var features = FeatureLoader.Expand([Path.Combine(root, "features")]).Select(f => loader.Load(f, root)).ToList();
        var broken = features.SelectMany(f => f.Problems).ToList();
        if (broken.Count > 0)
        {
            await error.WriteLineAsync("フィーチャーファイルを読めません:\n" + string.Join('\n', broken));
            return HarnessCommand.UsageError;
        }

        var total = features.SelectMany(f => f.Scenarios).Count(s => selection.Includes(s.Tags));
        if (total == 0)
        {
            await error.WriteLineAsync("使い方の誤り: 条件に合うシナリオがありません。--bank, --tags, --channel を見直してください。");
            return HarnessCommand.UsageError;
        }

        var needsBrowser = options.Pdf || features.SelectMany(f => f.Scenarios).Any(s => selection.Includes(s.Tags) && s.Tags.Contains("ui", StringComparer.Ordinal));
        if (needsBrowser && MissingPackages() is { Count: > 0 } missing)
        {
            await error.WriteLineAsync(
                $"準備が足りません: Debian パッケージ {string.Join(", ", missing)} がありません (画面のシナリオと PDF に使います)。" +
                $"root で 'apt-get install -y {string.Join(' ', missing)}' を実行するか、bash .ci/test で入れてください。");
            return HarnessCommand.UsageError;
        }

        var runId = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var reports = Path.Combine(root, "reports");
        var previous = Directory.Exists(reports)
            ? Directory.GetDirectories(reports).Where(d => File.Exists(Path.Combine(d, "run.json"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        var outputDir = Path.Combine(reports, runId);
        var work = Directory.CreateTempSubdirectory("harness-run-");
        var messages = Path.Combine(work.FullName, "messages.ndjson");
        await output.WriteLineAsync($"実行 {runId}: {total} シナリオ{(selection.Filter is { } f ? $" (条件: {f})" : string.Empty)}");
        if (options.Containers)
        {
            await output.WriteLineAsync("コンテナーモード: 銀行は PostgreSQL に記録し、メールは Postfix が受けて Dovecot (IMAP) から読みます。");
        }

        int testExit;
        try
        {
            testExit = await RunSuiteAsync(root, selection.Filter, messages, work.FullName, total, options, output, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("中断しました。");
            return HarnessCommand.UsageError;
        }

        if (!File.Exists(messages))
        {
            await error.WriteLineAsync($"スイートが実行結果を残しませんでした (dotnet test の終了コード {testExit})。ビルドエラーなら上の出力を見てください。");
            return HarnessCommand.UsageError;
        }

        var timings = SuiteTimings.Read(await File.ReadAllLinesAsync(messages, cancellationToken));
        ReportSummary summary;
        try
        {
            summary = await ReportGenerator.GenerateAsync(new ReportInput
            {
                MessagesPath = messages,
                RequirementsPath = Path.Combine(root, "features", "requirements.yaml"),
                OutputDir = outputDir,
                ProfilesDir = Path.Combine(root, "src", "Harness.Bank", "Profiles"),
                PreviousRunDir = previous,
                Pdf = options.Pdf,
                SignKeyPath = options.SignKey,
                RunMetadata = await MetadataAsync(root, runId, options),
            }, cancellationToken);
        }
        catch (ReportException ex)
        {
            await error.WriteLineAsync("報告書を作れません: " + ex.Message);
            return HarnessCommand.UsageError;
        }
        finally
        {
            work.Delete(recursive: true);
        }

        foreach (var profile in summary.Profiles)
        {
            await output.WriteLineAsync($"{profile.Profile} ({profile.Institution}): 合格 {profile.Passed}・不合格 {profile.Failed}・未網羅 {profile.Uncovered}・手動確認 {profile.Manual}");
        }

        await output.WriteLineAsync(timings.ToString());
        await output.WriteLineAsync($"報告書: {Path.Combine(outputDir, "conformance.html")}");
        if (ReportCommand.SignatureLine(summary) is { } signed)
        {
            await output.WriteLineAsync(signed);
        }
        await output.WriteLineAsync(summary.AllPassed ? "結果: 全シナリオ合格" : "結果: 不合格のシナリオがあります");
        return summary.AllPassed ? HarnessCommand.Success : HarnessCommand.Findings;
    }

    /// <summary>Runs the suite under dotnet test and reports each finished scenario from its messages as they are written.</summary>
    private static async Task<int> RunSuiteAsync(string root, string? filter, string messages, string results, int total, Options options, TextWriter output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "test", Path.Combine(root, "tests", "Harness.Conformance", "Harness.Conformance.csproj"), "--nologo", "--results-directory", results },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        if (filter is not null)
        {
            start.ArgumentList.Add("--filter");
            start.ArgumentList.Add(filter);
        }

        if (options.NoBuild)
        {
            start.ArgumentList.Add("--no-build");
        }

        if (options.Containers)
        {
            // The containers' progress lines are NUnit progress output, which the console logger shows from "normal" on.
            start.ArgumentList.Add("--logger");
            start.ArgumentList.Add("console;verbosity=normal");
        }

        start.Environment["HARNESS_MESSAGES_PATH"] = messages;
        // Explicitly either way, so that a HARNESS_CONTAINERS exported in the shell does not decide the mode behind the option.
        start.Environment[ContainersVariable] = options.Containers ? "1" : "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet test を起動できません。");
        var log = new List<string>();
        var pump = Task.WhenAll(Collect(process.StandardOutput, log, output), Collect(process.StandardError, log, output));
        var progress = new Progress(total, output);
        long read = 0;
        while (!process.HasExited)
        {
            read = await progress.ReadAsync(messages, read);
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMilliseconds(300), cancellationToken);
            }
            catch (TimeoutException)
            {
            }
        }

        await pump;
        await progress.ReadAsync(messages, read);
        if (progress.Done < total && process.ExitCode is not (0 or 1))
        {
            await output.WriteLineAsync("dotnet test の出力:\n" + string.Join('\n', log.TakeLast(40)));
        }

        return process.ExitCode;
    }

    private static async Task Collect(StreamReader reader, List<string> into, TextWriter output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.Add(line);
            }

            if (line.TrimStart().StartsWith(ContainersLogPrefix, StringComparison.Ordinal))
            {
                await output.WriteLineAsync(line.TrimStart());
            }
        }
    }

    private static async Task<RunMetadata> MetadataAsync(string root, string runId, Options options) => new()
    {
        RunId = runId,
        Commit = (await Capture("git", root, "rev-parse", "HEAD"))?.Trim(),
        DotnetVersion = Environment.Version.ToString(),
        PlaywrightVersion = typeof(Microsoft.Playwright.IPage).Assembly.GetName().Version?.ToString(),
        ChromiumVersion = (await Capture("/usr/bin/chromium", root, "--version"))?.Trim(),
        Locale = "ja-JP",
        TimeZone = "Asia/Tokyo",
        VirtualClockStart = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9)),
        Command = "harness run" + string.Concat(options.Banks.Select(b => " --bank " + b))
            + (options.Tags is null ? string.Empty : $" --tags \"{options.Tags}\"")
            + (options.Channel is null ? string.Empty : " --channel " + options.Channel)
            + (options.Pdf ? string.Empty : " --no-pdf")
            + (options.Containers ? " --containers" : string.Empty)
            + (options.SignKey is null ? string.Empty : " --sign-key <鍵>"),
    };

    private static async Task<string?> Capture(string file, string directory, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Chromium (Playwright cannot download its own browser here) and Japanese fonts (else screenshots show boxes).</summary>
    private static List<string> MissingPackages()
    {
        var missing = new List<string>();
        if (!File.Exists("/usr/bin/chromium") && Environment.GetEnvironmentVariable("HARNESS_CHROMIUM") is not { Length: > 0 })
        {
            missing.Add("chromium");
        }

        if (!Directory.Exists("/usr/share/fonts/opentype/noto") && !Directory.Exists("/usr/share/fonts/truetype/noto"))
        {
            missing.Add("fonts-noto-cjk");
        }

        return missing;
    }

    internal static string? FindRoot(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Which scenarios run: the banks, the channel and the tag expression, as a predicate and as a dotnet test filter.</summary>
    internal sealed class Selection(IReadOnlyList<string> banks, string? channel, TagExpression? tags)
    {
        public bool Includes(IReadOnlyCollection<string> scenarioTags) =>
            (banks.Count == 0 || banks.Any(b => scenarioTags.Contains("bank:" + b, StringComparer.Ordinal)))
            && (channel is null || (channel == "ui") == scenarioTags.Contains("ui", StringComparer.Ordinal))
            && (tags is null || tags.Evaluate(scenarioTags));

        public string? Filter
        {
            get
            {
                var parts = new List<string>();
                if (banks.Count > 0)
                {
                    parts.Add("(" + string.Join('|', banks.Select(b => "TestCategory=bank:" + b)) + ")");
                }

                if (channel is not null)
                {
                    parts.Add(channel == "ui" ? "TestCategory=ui" : "TestCategory!=ui");
                }

                if (tags is not null)
                {
                    parts.Add(tags.ToTestFilter());
                }

                return parts.Count == 0 ? null : string.Join('&', parts);
            }
        }
    }

    /// <summary>Follows the messages file: a line per finished scenario, and the failure's message as it happens.</summary>
    private sealed class Progress(int total, TextWriter output)
    {
        private readonly Dictionary<string, string> _pickleNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _testCasePickles = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _started = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _featureOfPickle = new(StringComparer.Ordinal);
        private string _partial = string.Empty;

        public int Done { get; private set; }

        public int Failed { get; private set; }

        public async Task<long> ReadAsync(string path, long offset)
        {
            if (!File.Exists(path))
            {
                return offset;
            }

            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = _partial + await reader.ReadToEndAsync();
            var lines = text.Split('\n');
            _partial = lines[^1];
            foreach (var line in lines[..^1])
            {
                if (line.Length > 0)
                {
                    await HandleAsync(MessageSerializer.Deserialize(line));
                }
            }

            return stream.Position;
        }

        private async Task HandleAsync(Io.Cucumber.Messages.Types.Envelope e)
        {
            if (e.GherkinDocument is { } doc && doc.Feature is { } feature)
            {
                _featureOfPickle[doc.Uri] = feature.Name;
            }
            else if (e.Pickle is { } pickle)
            {
                _pickleNames[pickle.Id] = $"{_featureOfPickle.GetValueOrDefault(pickle.Uri, pickle.Uri)} / {pickle.Name}";
            }
            else if (e.TestCase is { } testCase)
            {
                _testCasePickles[testCase.Id] = testCase.PickleId;
            }
            else if (e.TestCaseStarted is { } started)
            {
                _started[started.Id] = _testCasePickles.GetValueOrDefault(started.TestCaseId, string.Empty);
            }
            else if (e.TestStepFinished is { } step && step.TestStepResult.Status is not (Io.Cucumber.Messages.Types.TestStepResultStatus.PASSED or Io.Cucumber.Messages.Types.TestStepResultStatus.SKIPPED))
            {
                _failures.TryAdd(step.TestCaseStartedId, $"{step.TestStepResult.Status}: {step.TestStepResult.Message}");
            }
            else if (e.TestCaseFinished is { } finished)
            {
                Done++;
                var name = _pickleNames.GetValueOrDefault(_started.GetValueOrDefault(finished.TestCaseStartedId, string.Empty), "?");
                var width = total.ToString(CultureInfo.InvariantCulture).Length;
                var counter = $"[{Done.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{total}]";
                if (_failures.TryGetValue(finished.TestCaseStartedId, out var failure))
                {
                    Failed++;
                    await output.WriteLineAsync($"{counter} 不合格 {name}\n        {failure.Split('\n')[0]}");
                }
                else
                {
                    await output.WriteLineAsync($"{counter} 合格   {name}");
                }
            }
        }
    }
}
