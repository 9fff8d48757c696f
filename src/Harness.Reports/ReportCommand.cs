using System.CommandLine;
using System.Globalization;

namespace Harness.Reports;

/// <summary>
/// <c>report &lt;ndjson&gt; --out &lt;dir&gt;</c> as a System.CommandLine command the harness CLI adds to its root
/// (<c>root.Add(ReportCommand.Create(Console.Out, Console.Error))</c>). Exit codes as the CLI's: 0 all scenarios passed,
/// 1 some failed or are 未実装, 2 a usage or input error (malformed register or NDJSON, no Chromium) with a Japanese message.
/// </summary>
public static class ReportCommand
{
    public const int Success = 0;
    public const int Failures = 1;
    public const int UsageError = 2;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var messages = new Argument<string>("ndjson") { Description = "実行結果の Cucumber Messages NDJSON" };
        var outDir = new Option<string>("--out") { Description = "報告書の出力フォルダー", Required = true };
        var requirements = new Option<string>("--requirements") { Description = "要件台帳 (既定: features/requirements.yaml)", DefaultValueFactory = _ => Path.Combine("features", "requirements.yaml") };
        var features = new Option<string?>("--features") { Description = "マニュアルの記載 (<銀行>/マニュアルの記載.yaml, common/マニュアルの記載.yaml) を読むフォルダー (既定: 要件台帳のフォルダー)" };
        var profiles = new Option<string?>("--profiles") { Description = "銀行プロファイルのフォルダー (ハッシュを run.json に記録)" };
        var evidence = new Option<string?>("--evidence") { Description = "実行が残した証跡ファイルのフォルダー (evidence/files/ に写す)" };
        var previous = new Option<string?>("--previous") { Description = "前回の報告書の出力フォルダー (比較を載せる)" };
        var commit = new Option<string?>("--commit") { Description = "実行したプロジェクトのコミット" };
        var cucumberHtml = new Option<string?>("--cucumber-html") { Description = "Reqnroll が書いた Cucumber の HTML レポート (秘密情報を除いて cucumber.html に写し、報告書からリンクする)" };
        var noPdf = new Option<bool>("--no-pdf") { Description = "conformance.pdf を作らない (Chromium がない場所での確認用)" };
        var signKey = SignKeyOption();
        var command = new Command("report", "実行結果 (NDJSON) と要件台帳から適合性試験報告書 (HTML・PDF・junit.xml・証跡・manifest.sha256) を作る")
        {
            messages, outDir, requirements, features, profiles, evidence, previous, commit, cucumberHtml, noPdf, signKey,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = new ReportInput
            {
                MessagesPath = parse.GetValue(messages)!,
                OutputDir = parse.GetValue(outDir)!,
                RequirementsPath = parse.GetValue(requirements)!,
                FeaturesDir = parse.GetValue(features),
                ProfilesDir = parse.GetValue(profiles),
                EvidenceDir = parse.GetValue(evidence),
                PreviousRunDir = parse.GetValue(previous),
                CucumberHtmlPath = parse.GetValue(cucumberHtml),
                Pdf = !parse.GetValue(noPdf),
                SignKeyPath = parse.GetValue(signKey),
                RunMetadata = new RunMetadata { Commit = parse.GetValue(commit) },
            };
            return await RunAsync(input, output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The console line that says the manifest is signed and how to check it, or null when it is not.</summary>
    public static string? SignatureLine(ReportSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Files.Contains(Integrity.Manifest.SignatureFile, StringComparer.Ordinal)
            ? $"署名: {Integrity.Manifest.SignatureFile} (確かめ方: cd {summary.OutputDir} && openssl dgst -sha256 -verify {Integrity.Manifest.PublicKeyFile} -signature {Integrity.Manifest.SignatureFile} {Integrity.Manifest.FileName} && sha256sum -c {Integrity.Manifest.FileName})"
            : null;
    }

    /// <summary><c>--sign-key</c>, shared with the <c>run</c> command.</summary>
    public static Option<string?> SignKeyOption() => new("--sign-key")
    {
        Description = "manifest.sha256 に署名する秘密鍵 (PEM, 暗号化なし, RSA 2048 ビット以上か ECDSA)。manifest.sha256.sig と公開鍵 manifest.sha256.pub.pem を書く",
    };

    /// <summary>Runs <c>report …</c> on its own (without the rest of the CLI), e.g. from tests.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Harness の報告書生成") { Create(output, error) };
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync("使い方の誤り: " + e.Message).ConfigureAwait(false);
            }

            return UsageError;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    public static async Task<int> RunAsync(ReportInput input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ReportSummary summary;
        try
        {
            summary = await ReportGenerator.GenerateAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (ReportException ex)
        {
            await error.WriteLineAsync("エラー: " + ex.Message).ConfigureAwait(false);
            return UsageError;
        }

        foreach (var p in summary.Profiles)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{p.Profile} ({p.Institution}): 合格 {p.Passed}・不合格 {p.Failed}・未実装 {p.Unimplemented}・未網羅 {p.Uncovered}・手動確認 {p.Manual}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"シナリオ: 合格 {summary.ScenariosPassed}・不合格 {summary.ScenariosFailed}・未実装 {summary.ScenariosUnimplemented}・その他 {summary.ScenariosOther}")).ConfigureAwait(false);
        await output.WriteLineAsync("報告書: " + Path.Combine(summary.OutputDir, ReportGenerator.HtmlFile)).ConfigureAwait(false);
        if (SignatureLine(summary) is { } signed)
        {
            await output.WriteLineAsync(signed).ConfigureAwait(false);
        }
        return summary.AllPassed ? Success : Failures;
    }
}
