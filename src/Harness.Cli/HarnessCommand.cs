using System.CommandLine;
using System.Reflection;
using System.Runtime.Loader;
using Harness.Gherkin.Checking;
using Harness.Gherkin.Configuration;
using Harness.Gherkin.Parsing;

namespace Harness.Cli;

/// <summary>The <c>harness</c> command line. Exit codes: 0 success, 1 findings or failures, 2 usage or configuration errors.</summary>
public static class HarnessCommand
{
    public const int Success = 0;
    public const int Findings = 1;
    public const int UsageError = 2;

    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "調べるフィーチャーファイルまたはフォルダー (既定: features/)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var bindings = new Option<string[]>("--bindings")
        {
            Description = "ステップ定義のアセンブリ (.dll)。reqnroll.json の bindingAssemblies に加えて読む",
            AllowMultipleArgumentsPerToken = true,
        };
        var config = new Option<string?>("--config")
        {
            Description = "reqnroll.json のパス (既定: 今のフォルダーから上へ探す)",
        };
        var check = new Command("check", "フィーチャーの全ステップをバインドだけして (実行せずに) 未定義・あいまいなステップと日本語の書き方の罠を path:line で示す")
        {
            paths, bindings, config,
        };
        var stepsBindings = new Option<string[]>("--bindings")
        {
            Description = "ステップ定義のアセンブリ (.dll)。reqnroll.json の bindingAssemblies に加えて読む",
            AllowMultipleArgumentsPerToken = true,
        };
        var stepsConfig = new Option<string?>("--config") { Description = "reqnroll.json のパス (既定: 今のフォルダーから上へ探す)" };
        var steps = new Command("steps", "Reqnroll のステップ定義から作ったステップ一覧 (分野ごとに説明, パターン, パラメーター, フィーチャーの例文) を Markdown で表示する")
        {
            stepsBindings, stepsConfig,
        };
        var bank = new Option<string>("--bank") { Description = "銀行プロファイル: akita, kyoei, komatsugawa, aomori, shinkin", Required = true };
        var port = new Option<int>("--port") { Description = "銀行のポート (既定 5080, 0 = 空いているポート)", DefaultValueFactory = _ => 5080 };
        var serve = new Command("serve", "参照銀行をデモのお客様と模擬デバイス付きで起動し、ブラウザーで操作できるようにする (Ctrl+C で終了)")
        {
            bank, port,
        };
        var runBanks = new Option<string[]>("--bank") { Description = "実行する銀行プロファイル (複数可。既定: 全部)", AllowMultipleArgumentsPerToken = true };
        var runTags = new Option<string?>("--tags") { Description = "タグ式 (例: \"@req:AKT-07 and not @ui\")" };
        var runChannel = new Option<string?>("--channel") { Description = "ui (画面) か api" };
        var runNoPdf = new Option<bool>("--no-pdf") { Description = "conformance.pdf を作らない" };
        var runSignKey = Harness.Reports.ReportCommand.SignKeyOption();
        var runContainers = new Option<bool>("--containers")
        {
            Description = "コンテナーモード: 銀行の記録を PostgreSQL に、メールを本物のメールサーバー (Postfix/Dovecot) に置いて実行する (Docker Engine が必要)",
        };
        var runNoBuild = new Option<bool>("--no-build") { Description = "スイートをビルドせずに実行する (ビルド済みのとき。CI 用)" };
        var run = new Command("run", "適合性スイートを実行して reports/<実行ID>/ に報告書を書く (メインの仕事)")
        {
            runBanks, runTags, runChannel, runNoPdf, runSignKey, runContainers, runNoBuild,
        };
        var root = new RootCommand("Harness: 日本のインターネットバンキングの OTP・メール通知パスワードの適合性テストハーネス") { check, steps, serve, run, Harness.Reports.ReportCommand.Create(output, error) };

        // No response files: "@" starts a tag (--tags "@req:AKT-07 and not @ui"), not a file of arguments.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync("使い方の誤り: " + e.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("'harness --help' で使い方を表示します。").ConfigureAwait(false);
            return UsageError;
        }

        if (parse.CommandResult.Command == check)
        {
            return Check(parse.GetValue(paths) ?? [], parse.GetValue(bindings) ?? [], parse.GetValue(config), output, error);
        }

        if (parse.CommandResult.Command == serve)
        {
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            return await Serve.ServeCommand.RunAsync(parse.GetValue(bank)!, parse.GetValue(port), output, error, stop.Token).ConfigureAwait(false);
        }

        if (parse.CommandResult.Command == run)
        {
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            return await Run.RunCommand.RunAsync(
                new Run.RunCommand.Options(parse.GetValue(runBanks) ?? [], parse.GetValue(runTags), parse.GetValue(runChannel), !parse.GetValue(runNoPdf), parse.GetValue(runSignKey),
                    parse.GetValue(runContainers), parse.GetValue(runNoBuild)),
                output, error, stop.Token).ConfigureAwait(false);
        }

        if (parse.CommandResult.Command == steps)
        {
            return Steps(parse.GetValue(stepsBindings) ?? [], parse.GetValue(stepsConfig), output, error);
        }

        // Commands with their own action (report) answer with their own exit code (0, 1 or 2).
        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    private static int Steps(string[] bindingPaths, string? configPath, TextWriter output, TextWriter error)
    {
        if (!TryLoad(configPath, bindingPaths, error, out var configuration, out var assemblies))
        {
            return UsageError;
        }

        if (BuildBindings(configuration, assemblies, error) is not { } bindings)
        {
            return UsageError;
        }

        using var disposeBindings = bindings;
        var root = Run.RunCommand.FindRoot(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
        return StepCatalogue.Print(bindings, configuration, root, output, error) ? Success : Findings;
    }

    /// <summary>Reqnroll's binding registry and step matching for the assemblies, from the same reqnroll.json text and binding
    /// culture for <c>check</c> and <c>steps</c>; null (with a Japanese message on <paramref name="error"/>) when Reqnroll
    /// cannot build it.</summary>
    private static ReqnrollBindings? BuildBindings(RunnerConfiguration configuration, List<Assembly> assemblies, TextWriter error)
    {
        try
        {
            var json = configuration.SourcePath is { } source ? File.ReadAllText(source) : null;
            return ReqnrollBindings.Build(assemblies, json, configuration.BindingCulture);
        }
        catch (Exception ex) when (ex is Reqnroll.ReqnrollException or Reqnroll.BoDi.ObjectContainerException or ReflectionTypeLoadException or FileNotFoundException)
        {
            error.WriteLine($"設定エラー: Reqnroll がステップ定義のアセンブリを読めません ({string.Join(", ", assemblies.Select(a => Path.GetFileName(a.Location)))}): {ex.Message}");
            return null;
        }
    }

    private static bool TryLoad(string? configPath, string[] bindingPaths, TextWriter error, out RunnerConfiguration configuration, out List<Assembly> assemblies)
    {
        try
        {
            configPath ??= RunnerConfiguration.Find(Directory.GetCurrentDirectory());
            if (configPath is not null && !File.Exists(configPath))
            {
                throw new ConfigurationException(configPath, null, "ファイルがありません");
            }

            configuration = configPath is null ? RunnerConfiguration.Default : RunnerConfiguration.Load(configPath);
            if (bindingPaths.Length == 0 && configuration.BindingAssemblies.Count == 0 && ConformanceBindings(error) is { } conformance)
            {
                // In this repository the steps of features/ are the conformance suite's: use its build when nothing else is named.
                bindingPaths = [conformance];
            }

            assemblies = LoadBindingAssemblies(configuration, configPath, bindingPaths);
            return true;
        }
        catch (ConfigurationException ex)
        {
            error.WriteLine("設定エラー: " + ex.Message);
            configuration = RunnerConfiguration.Default;
            assemblies = [];
            return false;
        }
    }

    private static int Check(string[] paths, string[] bindingPaths, string? configPath, TextWriter output, TextWriter error)
    {
        if (!TryLoad(configPath, bindingPaths, error, out var configuration, out var assemblies))
        {
            return UsageError;
        }

        if (paths.Length == 0)
        {
            paths = ["features"];
        }

        IReadOnlyList<string> files;
        try
        {
            files = FeatureLoader.Expand(paths);
        }
        catch (FileNotFoundException ex)
        {
            error.WriteLine("使い方の誤り: " + ex.Message);
            return UsageError;
        }

        var root = Directory.GetCurrentDirectory();
        var loader = new FeatureLoader(configuration.FeatureLanguage);
        var features = files.Select(f => loader.Load(f, root)).ToList();
        if (BuildBindings(configuration, assemblies, error) is not { } bindings)
        {
            return UsageError;
        }

        using var disposeBindings = bindings;
        var report = BindingCheck.Run(bindings, features);

        foreach (var bindingError in report.BindingErrors)
        {
            output.WriteLine("バインディングエラー: " + bindingError);
        }

        if (report.StepDefinitions == 0)
        {
            output.WriteLine(assemblies.Count == 0
                ? "エラー: ステップ定義が 0 個です。ステップ定義のアセンブリが指定されていません。--bindings でビルドした .dll を指定するか、reqnroll.json の bindingAssemblies に書いてください。"
                : $"エラー: ステップ定義が 0 個です。読んだアセンブリ ({string.Join(", ", assemblies.Select(a => Path.GetFileName(a.Location)))}) に [Binding] クラスのステップ定義がありません。" +
                  "ステップ定義のプロジェクトをビルドしたか、--bindings の .dll が正しいかを確かめてください。");
            output.WriteLine();
        }

        foreach (var finding in report.Findings)
        {
            output.WriteLine(finding.ToString());
            output.WriteLine();
        }

        output.WriteLine(report.Summary);
        output.WriteLine(report.Succeeded ? "結果: OK" : "結果: NG");
        return report.Succeeded ? Success : Findings;
    }

    /// <summary>The build of tests/Harness.Conformance (its step definitions), when run inside the repository; built first
    /// (<c>dotnet build tests/Harness.Conformance</c>) when it is missing or older than one of its .cs files.</summary>
    private static string? ConformanceBindings(TextWriter error)
    {
        var root = Run.RunCommand.FindRoot(Directory.GetCurrentDirectory());
        var project = root is null ? null : Path.Combine(root, "tests", "Harness.Conformance");
        if (project is null || !File.Exists(Path.Combine(project, "Harness.Conformance.csproj")))
        {
            return null;
        }

        var built = Newest(Path.Combine(project, "bin"), "Harness.Conformance.dll");
        var newestSource = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(project, f))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
        if (built is not null && File.GetLastWriteTimeUtc(built) >= newestSource)
        {
            return built;
        }

        error.WriteLine(built is null
            ? "ステップ定義 (tests/Harness.Conformance) がまだビルドされていないので、ビルドします: dotnet build tests/Harness.Conformance"
            : "ステップ定義 (tests/Harness.Conformance) のビルドがソースより古いので、ビルドし直します: dotnet build tests/Harness.Conformance");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", Path.Combine(project, "Harness.Conformance.csproj"), "--nologo", "-v", "q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.Environment["REQNROLL_TELEMETRY_ENABLED"] = "0";
        using var process = System.Diagnostics.Process.Start(start)
            ?? throw new ConfigurationException("dotnet build を起動できません。dotnet build tests/Harness.Conformance を実行してから、もう一度 check してください。");
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new ConfigurationException(
                $"ステップ定義のビルドに失敗しました (終了コード {process.ExitCode})。dotnet build tests/Harness.Conformance を実行してエラーを直し、もう一度 check してください。\n" +
                string.Join("\n", (log.Result + errors).Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Distinct().Take(10)));
        }

        return Newest(Path.Combine(project, "bin"), "Harness.Conformance.dll")
            ?? throw new ConfigurationException("ビルドしたのに tests/Harness.Conformance/bin に Harness.Conformance.dll がありません。dotnet build tests/Harness.Conformance の出力を確かめてください。");
    }

    private static bool IsBuildOutput(string project, string file)
    {
        var relative = Path.GetRelativePath(project, file);
        return relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string? Newest(string directory, string fileName) => Directory.Exists(directory)
        ? Directory.EnumerateFiles(directory, fileName, SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
        : null;

    private static List<Assembly> LoadBindingAssemblies(RunnerConfiguration configuration, string? configPath, string[] bindingPaths)
    {
        var assemblies = new List<Assembly>();
        foreach (var path in bindingPaths)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new ConfigurationException(path, null, "--bindings に指定したアセンブリがありません");
            }

            assemblies.Add(Load(full));
        }

        foreach (var name in configuration.BindingAssemblies)
        {
            var candidates = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(configPath) ?? "." }
                .Select(d => Path.Combine(d, name + ".dll"))
                .Concat(bindingPaths.Select(p => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(p))!, name + ".dll")));
            var found = candidates.FirstOrDefault(File.Exists)
                ?? throw new ConfigurationException(configPath ?? RunnerConfiguration.FileName, "bindingAssemblies",
                    $"アセンブリ '{name}' が見つかりません。ビルドしてから --bindings でその .dll を指定してください");
            assemblies.Add(Load(found));
        }

        return assemblies;
    }

    private static Assembly Load(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var candidate = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
