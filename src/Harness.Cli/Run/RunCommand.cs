using System.Diagnostics;
using System.Globalization;
using Harness.Bank.Profiles;
using Harness.Gherkin.Configuration;
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

        return await RunAsync(options, Workspace.Of(root), DotnetTestSuite.RunAsync, TimeProvider.System, output, error, cancellationToken);
    }

    /// <summary>Where a run reads and writes: the repository (the suite's project, the set-up script), the feature folder and
    /// the reports folder. <see cref="Of"/> is the repository's own; tests point the folders elsewhere.</summary>
    internal sealed record Workspace(string Root, string FeaturesDir, string ReportsDir)
    {
        public static Workspace Of(string root) => new(root, Path.Combine(root, "features"), Path.Combine(root, "reports"));
    }

    internal static async Task<int> RunAsync(Options options, Workspace workspace, SuiteRunner suite, TimeProvider time, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = workspace.Root;
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

        string language;
        try
        {
            // The suite's language (reqnroll.json), so that run counts the scenarios that Reqnroll will run.
            language = RunnerConfiguration.Load(Path.Combine(root, RunnerConfiguration.FileName)).FeatureLanguage;
        }
        catch (ConfigurationException ex)
        {
            await error.WriteLineAsync("設定エラー: " + ex.Message);
            return HarnessCommand.UsageError;
        }

        var selection = new Selection(options.Banks, options.Channel, tags);
        var loader = new FeatureLoader(language);
        var features = FeatureLoader.Expand([workspace.FeaturesDir]).Select(f => loader.Load(f, workspace.FeaturesDir)).ToList();
        var broken = features.SelectMany(f => f.Problems).ToList();
        if (broken.Count > 0)
        {
            await error.WriteLineAsync("フィーチャーファイルを読めません:\n" + string.Join('\n', broken));
            return HarnessCommand.UsageError;
        }

        var total = features.SelectMany(f => f.Scenarios).Count(s => selection.Includes(s.Tags));
        if (total == 0)
        {
            var given = string.Concat(options.Banks.Select(b => " --bank " + b))
                + (options.Tags is null ? string.Empty : $" --tags \"{options.Tags}\"") + (options.Channel is null ? string.Empty : " --channel " + options.Channel);
            await error.WriteLineAsync($"使い方の誤り: 条件 ({given.Trim()}) に合うシナリオが {workspace.FeaturesDir} にありません。何も実行していません。--bank, --tags, --channel を見直してください。");
            return HarnessCommand.UsageError;
        }

        var needsBrowser = options.Pdf || features.SelectMany(f => f.Scenarios).Any(s => selection.Includes(s.Tags) && s.Tags.Contains("ui", StringComparer.Ordinal));
        if (needsBrowser && !await PackagesReadyAsync(root, output, error, cancellationToken))
        {
            return HarnessCommand.UsageError;
        }

        var runId = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var reports = workspace.ReportsDir;
        // The previous run is the newest one with a report; a run that executed nothing writes none (see below).
        var previous = Directory.Exists(reports)
            ? Directory.GetDirectories(reports).Where(d => File.Exists(Path.Combine(d, ReportGenerator.RunFile))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        var outputDir = Path.Combine(reports, runId);
        var work = Directory.CreateTempSubdirectory("harness-run-");
        var messages = Path.Combine(work.FullName, "messages.ndjson");
        var html = Path.Combine(work.FullName, "cucumber.html");
        await output.WriteLineAsync($"実行 {runId}: {total} シナリオ{(selection.Filter is { } f ? $" (条件: {f})" : string.Empty)}");
        if (options.Containers)
        {
            await output.WriteLineAsync("コンテナーモード: 銀行は PostgreSQL に記録し、メールは Postfix が受けて Dovecot (IMAP) から読みます。");
        }

        SuiteResult result;
        var progress = new RunProgress(total, output);
        try
        {
            var request = new SuiteRequest(root, workspace.FeaturesDir, selection.Filter, messages, html, work.FullName, options.NoBuild, options.Containers);
            var running = suite(request, output, cancellationToken);
            long read = 0;
            while (!running.IsCompleted)
            {
                read = await progress.ReadAsync(messages, read);
                await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken));
            }

            result = await running;
            await progress.ReadAsync(messages, read);
            await progress.FinishAsync();
        }
        catch (OperationCanceledException)
        {
            work.Delete(recursive: true);
            await error.WriteLineAsync("中断しました。");
            return HarnessCommand.UsageError;
        }

        // dotnet test's exit code and Reqnroll's testRunFinished also see what no scenario's result shows: a failed hook of the
        // run or of a feature (NUnit's OneTimeTearDown, in no test case), a test host that stopped after the last scenario.
        var scenarioFailed = progress.Failed + progress.Unimplemented > 0;
        var outsideFailure = result.ExitCode != 0 && !scenarioFailed;
        var runNotSucceeded = progress.RunSucceeded is null || (progress.RunSucceeded == false && !scenarioFailed);
        if (progress.Done < total || outsideFailure || runNotSucceeded)
        {
            await output.WriteLineAsync("dotnet test の出力 (最後の 40 行):\n" + string.Join('\n', result.Log.TakeLast(40)));
        }

        if (progress.Done == 0)
        {
            // Never a pass, and no report: the history's "previous run" is always one that ran.
            work.Delete(recursive: true);
            await error.WriteLineAsync(
                $"不合格: シナリオが 1 つも実行されませんでした (選んだ {total} シナリオのうち終わったのは 0、dotnet test の終了コード {result.ExitCode})。" +
                "スイートのビルドかテストの検出でつまずいています: 上の dotnet test の出力を見てください。報告書は作っていません。");
            return HarnessCommand.Findings;
        }

        var timings = SuiteTimings.Read(await File.ReadAllLinesAsync(messages, cancellationToken));
        ReportSummary summary;
        try
        {
            summary = await ReportGenerator.GenerateAsync(new ReportInput
            {
                MessagesPath = messages,
                RequirementsPath = Path.Combine(workspace.FeaturesDir, "requirements.yaml"),
                OutputDir = outputDir,
                ProfilesDir = Path.Combine(root, "src", "Harness.Bank", "Profiles"),
                PreviousRunDir = previous,
                CucumberHtmlPath = File.Exists(html) ? html : null,
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
            await output.WriteLineAsync($"{profile.Profile} ({profile.Institution}): 合格 {profile.Passed}・不合格 {profile.Failed}・未実装 {profile.Unimplemented}・未網羅 {profile.Uncovered}・手動確認 {profile.Manual}");
        }

        await output.WriteLineAsync(progress.CountsLine());
        await output.WriteLineAsync(timings.ToString());
        await output.WriteLineAsync($"報告書: {Path.Combine(outputDir, "conformance.html")}");
        if (ReportCommand.SignatureLine(summary) is { } signed)
        {
            await output.WriteLineAsync(signed);
        }
        var notRun = total - progress.Done;
        if (notRun > 0)
        {
            await error.WriteLineAsync($"不合格: 選んだ {total} シナリオのうち {notRun} シナリオが実行されませんでした (終わったのは {progress.Done})。上の dotnet test の出力を見てください。");
        }

        if (progress.Skipped > 0)
        {
            await error.WriteLineAsync($"不合格: 選んだ {total} シナリオのうち {progress.Skipped} シナリオがスキップされました (ステップがすべては実行されていないので、合格とは数えません)。");
        }

        if (progress.Unimplemented > 0)
        {
            await error.WriteLineAsync($"未実装: 選んだ {total} シナリオのうち {progress.Unimplemented} シナリオに未実装のステップ (UNDEFINED か PENDING) があります (ハーネスのステップが足りず、銀行を判定していません。合格とは数えません)。");
        }

        if (outsideFailure)
        {
            await error.WriteLineAsync($"不合格: dotnet test が終了コード {result.ExitCode.ToString(CultureInfo.InvariantCulture)} で終わりました (シナリオの外の失敗: フックやテストホスト)。上の出力を見てください。");
        }

        if (progress.RunSucceeded is null)
        {
            await error.WriteLineAsync("不合格: 実行の終わり (testRunFinished) が Cucumber Messages に記録されていません (テストホストが途中で止まったかもしれません)。上の出力を見てください。");
        }
        else if (runNotSucceeded)
        {
            await error.WriteLineAsync("不合格: Reqnroll は実行を不成功と記録しました (testRunFinished の success が false) が、不合格のシナリオはありません (シナリオの外の失敗: フック)。上の出力を見てください。");
        }

        var notPassed = progress.Skipped + progress.Unimplemented;
        var passed = summary.AllPassed && notRun == 0 && notPassed == 0 && !outsideFailure && !runNotSucceeded;
        await output.WriteLineAsync(
            passed ? "結果: 全シナリオ合格"
            : progress.Failed > 0 || summary.ScenariosFailed > 0 ? "結果: 不合格のシナリオがあります"
            : notRun > 0 ? "結果: 不合格 (実行されなかったシナリオがあります)"
            : notPassed > 0 ? "結果: 不合格 (スキップか未実装のシナリオがあります)"
            : "結果: 不合格 (シナリオの外で失敗しました)");
        return passed ? HarnessCommand.Success : HarnessCommand.Findings;
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

    /// <summary>Chromium and Japanese fonts for the screens and the PDF. Checked cheaply; when something is missing, the set-up
    /// the tests use (.ci/packages) installs it as root or names the command to run.</summary>
    private static async Task<bool> PackagesReadyAsync(string root, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (MissingPackages().Count == 0)
        {
            return true;
        }

        var start = new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(root, ".ci", "packages") }, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash を起動できません。");
        await Task.WhenAll(Pass(process.StandardOutput, output), Pass(process.StandardError, error), process.WaitForExitAsync(cancellationToken));
        if (process.ExitCode == 0 && MissingPackages() is { Count: > 0 } still)
        {
            await error.WriteLineAsync($"準備が足りません: Debian パッケージ {string.Join(", ", still)} を入れられませんでした (画面のシナリオと PDF に使います)。");
            return false;
        }

        return process.ExitCode == 0;

        static async Task Pass(StreamReader from, TextWriter to)
        {
            while (await from.ReadLineAsync(CancellationToken.None) is { } line)
            {
                await to.WriteLineAsync(line);
            }
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
}
