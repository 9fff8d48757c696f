using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Harness.Reports.Conformance;
using Harness.Reports.History;
using Harness.Reports.Html;
using Harness.Reports.Integrity;
using Harness.Reports.JUnit;
using Harness.Reports.Ledger;
using Harness.Reports.Pdf;
using Harness.Reports.Register;
using Harness.Reports.Runs;

namespace Harness.Reports;

/// <summary>
/// Makes the conformance report from files only: a run's Cucumber Messages NDJSON and the requirement register.
/// Writes into <see cref="ReportInput.OutputDir"/>: conformance.html, conformance.pdf, junit.xml, messages.ndjson
/// (the run's messages without secrets), evidence/, cucumber.html (Cucumber's HTML report, when given, sanitized the same way),
/// run.json and, last, manifest.sha256 over all of them.
/// A malformed input throws <see cref="ReportException"/> with a Japanese message naming the file (and line).
/// </summary>
public static class ReportGenerator
{
    public const string HtmlFile = "conformance.html";
    public const string PdfFile = "conformance.pdf";
    public const string JUnitFile = "junit.xml";
    public const string MessagesFile = "messages.ndjson";
    public const string RunFile = "run.json";
    public const string EvidenceFolder = "evidence";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<ReportSummary> GenerateAsync(ReportInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var signingKey = input.SignKeyPath is { } keyPath ? SigningKey.Load(keyPath) : null;
        var register = RequirementRegister.Load(input.RequirementsPath);
        var run = RunReader.Read(input.MessagesPath);
        var messagesHash = new FileHash(Path.GetFileName(input.MessagesPath), Sha256Of(input.MessagesPath)); // before the copy may replace it
        var history = input.PreviousRunDir is { } previousDir ? HistoryComparison.Compare(previousDir, ReadPrevious(previousDir), run) : null;
        var conformance = ConformanceAnalysis.Analyse(register, run);
        var featuresDir = input.FeaturesDir ?? Path.GetDirectoryName(Path.GetFullPath(input.RequirementsPath))!;
        var ledgers = LedgerAnalysis.Analyse(ManualLedger.Load(featuresDir, [.. register.Profiles.Select(p => p.Id)]), run);

        var output = Path.GetFullPath(input.OutputDir);
        Directory.CreateDirectory(output);
        cancellationToken.ThrowIfCancellationRequested();

        foreach (var evidence in run.AllEvidence)
        {
            var path = Path.Combine(output, evidence.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, evidence.Content, cancellationToken).ConfigureAwait(false);
        }

        var extraEvidence = CopyEvidenceDir(input.EvidenceDir, output);
        WriteMessagesCopy(input.MessagesPath, Path.Combine(output, MessagesFile));
        JUnitWriter.Write(Path.Combine(output, JUnitFile), run);
        var cucumberHtml = await CopyCucumberHtmlAsync(input.CucumberHtmlPath, output, cancellationToken).ConfigureAwait(false);

        var printer = input.Pdf ? await PdfPrinter.StartAsync(input.ChromiumPath).ConfigureAwait(false) : null;
        try
        {
            var facts = Facts(input, run, messagesHash, printer?.ChromiumVersion, signingKey);
            var htmlPath = Path.Combine(output, HtmlFile);
            var html = HtmlReport.Render(new ReportDocument(register, run, conformance, history, Labels(facts), extraEvidence) { CucumberHtmlCopied = cucumberHtml, Ledgers = ledgers });
            await File.WriteAllTextAsync(htmlPath, html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            if (printer is not null)
            {
                await printer.PrintAsync(htmlPath, Path.Combine(output, PdfFile)).ConfigureAwait(false);
            }

            await File.WriteAllTextAsync(Path.Combine(output, RunFile), JsonSerializer.Serialize(facts, JsonOptions) + "\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (printer is not null)
            {
                await printer.DisposeAsync().ConfigureAwait(false);
            }
        }

        var files = Manifest.Write(output);
        IReadOnlyList<string> signature = signingKey is null ? [] : Manifest.Sign(output, signingKey);
        return new ReportSummary(
            output,
            [.. conformance.Profiles.Select(p => new ProfileSummary(p.Profile.Id, p.Profile.Institution, p.Passed, p.Failed, p.Unimplemented, p.Uncovered, p.Manual))],
            run.Scenarios.Count(s => s.Status == ScenarioStatus.Passed),
            run.Scenarios.Count(s => s.Status == ScenarioStatus.Failed),
            run.Scenarios.Count(s => s.Status == ScenarioStatus.Unimplemented),
            run.Scenarios.Count(s => s.Status is not (ScenarioStatus.Passed or ScenarioStatus.Failed or ScenarioStatus.Unimplemented)),
            [.. files, Manifest.FileName, .. signature],
            history);
    }

    private static RunResults ReadPrevious(string previousDir)
    {
        var path = Path.Combine(previousDir, MessagesFile);
        if (!File.Exists(path))
        {
            throw new ReportException($"前回の実行 {previousDir} に {MessagesFile} がありません (前回の報告書の出力フォルダーを指定してください)。");
        }

        return RunReader.Read(path);
    }

    /// <summary>The copy goes through a temporary file so a run that wrote its NDJSON into the output folder gets it replaced by the sanitized copy.</summary>
    private static void WriteMessagesCopy(string source, string destination)
    {
        var temporary = destination + ".tmp";
        RunReader.WriteSanitizedCopy(source, temporary);
        File.Move(temporary, destination, overwrite: true);
    }

    /// <summary>Writes cucumber.html from Cucumber's HTML report with its messages sanitized; true when written, false when left out
    /// (its messages could not be read, so its attachments could not be checked), null when there is none to copy.</summary>
    private static async Task<bool?> CopyCucumberHtmlAsync(string? source, string output, CancellationToken cancellationToken)
    {
        if (source is null || !File.Exists(source))
        {
            return null;
        }

        var destination = Path.Combine(output, CucumberHtml.FileName);
        var sanitized = CucumberHtml.Sanitize(await File.ReadAllTextAsync(source, Encoding.UTF8, cancellationToken).ConfigureAwait(false));
        if (sanitized is null)
        {
            File.Delete(destination);
            return false;
        }

        await File.WriteAllTextAsync(destination, sanitized, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Files the run left as evidence (traces, .eml, journals) go under evidence/files/, except secret ones (<see cref="SecretPolicy"/>).</summary>
    private static List<string> CopyEvidenceDir(string? evidenceDir, string output)
    {
        if (evidenceDir is null)
        {
            return [];
        }

        if (!Directory.Exists(evidenceDir))
        {
            throw new ReportException($"証跡フォルダー {evidenceDir} がありません。");
        }

        var source = Path.GetFullPath(evidenceDir);
        var copied = new List<string>();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/');
            if (SecretPolicy.IsSecretAttachment(null, relative))
            {
                continue;
            }

            var target = $"{EvidenceFolder}/files/{relative}";
            var destination = Path.Combine(output, target);
            if (!string.Equals(Path.GetFullPath(destination), file, StringComparison.Ordinal))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination, overwrite: true);
            }

            copied.Add(target);
        }

        return copied;
    }

    private static RunFacts Facts(ReportInput input, RunResults run, FileHash messages, string? chromiumFromPrinter, SigningKey? key)
    {
        var m = input.RunMetadata;
        var features = m.FeatureHashes.Count > 0
            ? new SortedDictionary<string, string>(m.FeatureHashes.ToDictionary(), StringComparer.Ordinal)
            : new SortedDictionary<string, string>(run.Sources.GroupBy(s => s.Uri, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Sha256, StringComparer.Ordinal), StringComparer.Ordinal);
        var profiles = m.ProfileHashes.Count > 0
            ? new SortedDictionary<string, string>(m.ProfileHashes.ToDictionary(), StringComparer.Ordinal)
            : HashFolder(input.ProfilesDir);
        return new RunFacts
        {
            RunId = m.RunId,
            Command = m.Command,
            Commit = m.Commit,
            Dotnet = m.DotnetVersion ?? run.Runtime,
            Runner = run.Implementation,
            Playwright = m.PlaywrightVersion ?? (input.Pdf ? PdfPrinter.PlaywrightVersion : null),
            Chromium = m.ChromiumVersion ?? chromiumFromPrinter,
            Locale = m.Locale,
            TimeZone = m.TimeZone,
            VirtualClockStart = m.VirtualClockStart,
            TestRunStarted = run.StartedAt,
            TestRunFinished = run.FinishedAt,
            Messages = messages,
            Requirements = new FileHash(Path.GetFileName(input.RequirementsPath), Sha256Of(input.RequirementsPath)),
            Features = features,
            Profiles = profiles,
            WithheldSecretAttachments = run.WithheldAttachments,
            ManifestSignature = key is null ? null : new SignatureFacts(Manifest.SignatureFile, Manifest.PublicKeyFile, key.Algorithm, key.Fingerprint),
            ReportGenerator = typeof(ReportGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
        };
    }

    private static List<(string, string)> Labels(RunFacts f)
    {
        static string V(string? s) => string.IsNullOrEmpty(s) ? "(指定なし)" : s;
        static string T(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture) ?? "(指定なし)";
        var rows = new List<(string, string)>
        {
            ("実行ID", V(f.RunId)),
            ("実行コマンド", V(f.Command)),
            ("コミット", V(f.Commit)),
            (".NET", V(f.Dotnet)),
            ("ランナー", V(f.Runner)),
            ("Playwright", V(f.Playwright)),
            ("Chromium", V(f.Chromium)),
            ("ロケール", V(f.Locale)),
            ("タイムゾーン", V(f.TimeZone)),
            ("仮想時計の開始時刻", T(f.VirtualClockStart)),
            ("実行開始 (メッセージの時刻)", T(f.TestRunStarted)),
            ("実行終了 (メッセージの時刻)", T(f.TestRunFinished)),
            ("実行結果 NDJSON の SHA-256", $"{f.Messages.Sha256}  {f.Messages.Path}"),
            ("要件台帳の SHA-256", $"{f.Requirements.Sha256}  {f.Requirements.Path}"),
        };
        rows.AddRange(f.Features.Select(p => ("フィーチャーの SHA-256", $"{p.Value}  {p.Key}")));
        rows.AddRange(f.Profiles.Select(p => ("プロファイルの SHA-256", $"{p.Value}  {p.Key}")));
        rows.Add(("manifest.sha256 の署名", f.ManifestSignature is { } sig
            ? $"{sig.Signature} ({sig.Algorithm})。公開鍵 {sig.PublicKey} の SHA-256 (DER): {sig.PublicKeyFingerprint}"
            : "(署名なし: --sign-key を指定すると署名します)"));
        return rows;
    }

    private static SortedDictionary<string, string> HashFolder(string? folder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (folder is null)
        {
            return hashes;
        }

        if (!Directory.Exists(folder))
        {
            throw new ReportException($"プロファイルのフォルダー {folder} がありません。");
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            hashes[Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/')] = Sha256Of(file);
        }

        return hashes;
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private sealed record FileHash(string Path, string Sha256);

    /// <summary>How manifest.sha256 is signed; the fingerprint lets an auditor check the public key beside it is the one they know.</summary>
    private sealed record SignatureFacts(string Signature, string PublicKey, string Algorithm, string PublicKeyFingerprint);

    /// <summary>run.json: what is needed to reproduce the run and to check the report was made from these inputs.</summary>
    private sealed record RunFacts
    {
        public string Schema { get; init; } = "harness-report-run/1";

        public string? RunId { get; init; }

        public string? Command { get; init; }

        public string? Commit { get; init; }

        public string? Dotnet { get; init; }

        public string? Runner { get; init; }

        public string? Playwright { get; init; }

        public string? Chromium { get; init; }

        public string? Locale { get; init; }

        public string? TimeZone { get; init; }

        public DateTimeOffset? VirtualClockStart { get; init; }

        public DateTimeOffset? TestRunStarted { get; init; }

        public DateTimeOffset? TestRunFinished { get; init; }

        public required FileHash Messages { get; init; }

        public required FileHash Requirements { get; init; }

        public required SortedDictionary<string, string> Features { get; init; }

        public required SortedDictionary<string, string> Profiles { get; init; }

        public int WithheldSecretAttachments { get; init; }

        public SignatureFacts? ManifestSignature { get; init; }

        public string? ReportGenerator { get; init; }
    }
}
