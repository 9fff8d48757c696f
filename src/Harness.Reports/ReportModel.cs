using Harness.Reports.Conformance;
using Harness.Reports.History;
using Harness.Reports.Register;
using Harness.Reports.Runs;

namespace Harness.Reports;

/// <summary>Reproducibility facts the caller knows (the <c>run</c> command, CI). What the generator can see for itself
/// (feature hashes from the NDJSON's sources, the .NET runtime from its meta message, profile file hashes, the Chromium
/// that printed the PDF) it adds to run.json next to these.</summary>
public sealed record RunMetadata
{
    public string? RunId { get; init; }

    public string? Commit { get; init; }

    public string? DotnetVersion { get; init; }

    public string? PlaywrightVersion { get; init; }

    public string? ChromiumVersion { get; init; }

    /// <summary>Feature file path → SHA-256 (hex) as the caller hashed them; when empty, run.json uses the NDJSON's sources.</summary>
    public IReadOnlyDictionary<string, string> FeatureHashes { get; init; } = new Dictionary<string, string>();

    /// <summary>Profile file path → SHA-256 (hex); when empty and <see cref="ReportInput.ProfilesDir"/> is given, the generator hashes that folder.</summary>
    public IReadOnlyDictionary<string, string> ProfileHashes { get; init; } = new Dictionary<string, string>();

    public string? Locale { get; init; }

    public string? TimeZone { get; init; }

    /// <summary>Where the run's virtual clock (FakeTimeProvider / Page.Clock) started.</summary>
    public DateTimeOffset? VirtualClockStart { get; init; }

    /// <summary>How the run was started, e.g. <c>harness run --bank akita</c>.</summary>
    public string? Command { get; init; }
}

/// <summary>What the generator is given. Only <see cref="MessagesPath"/>, <see cref="RequirementsPath"/> and <see cref="OutputDir"/> are required.</summary>
public sealed record ReportInput
{
    public required string MessagesPath { get; init; }

    public required string RequirementsPath { get; init; }

    public required string OutputDir { get; init; }

    /// <summary>Where the ledgers of manual wordings are read (<c>&lt;bank&gt;/マニュアルの記載.yaml</c>, <c>common/マニュアルの記載.yaml</c>);
    /// null: the folder of <see cref="RequirementsPath"/> (features/, as <c>run</c> and <c>report</c> pass it).</summary>
    public string? FeaturesDir { get; init; }

    /// <summary>The bank profile files: hashed into run.json.</summary>
    public string? ProfilesDir { get; init; }

    /// <summary>Evidence the run wrote as files (traces, mails as .eml, the vendor's request journal): copied under <c>evidence/files/</c>.</summary>
    public string? EvidenceDir { get; init; }

    /// <summary>The previous run's output folder (its <c>messages.ndjson</c>) for the history section.</summary>
    public string? PreviousRunDir { get; init; }

    public RunMetadata RunMetadata { get; init; } = new();

    /// <summary>Print conformance.pdf with Chromium. Off only where no PDF is wanted (it needs Chromium and fonts-noto-cjk).</summary>
    public bool Pdf { get; init; } = true;

    public string ChromiumPath { get; init; } = "/usr/bin/chromium";

    /// <summary>Cucumber's HTML report of the run (Reqnroll's html formatter): copied as <c>cucumber.html</c> with its messages
    /// sanitized (<see cref="Runs.CucumberHtml"/>) and linked from conformance.html. Ignored when null or when the file does not exist.</summary>
    public string? CucumberHtmlPath { get; init; }

    /// <summary>An unencrypted PEM private key (RSA 2048+ or ECDSA) to sign manifest.sha256 with
    /// (<see cref="Integrity.SigningKey"/>); read before anything is written, so a bad key loses nothing.</summary>
    public string? SignKeyPath { get; init; }
}

public sealed record ProfileSummary(string Profile, string Institution, int Passed, int Failed, int Unimplemented, int Uncovered, int Manual);

/// <summary>What was written and what it says, for the caller's exit code and console line.</summary>
public sealed record ReportSummary(
    string OutputDir,
    IReadOnlyList<ProfileSummary> Profiles,
    int ScenariosPassed,
    int ScenariosFailed,
    int ScenariosUnimplemented,
    int ScenariosOther,
    IReadOnlyList<string> Files,
    HistoryComparison? History)
{
    /// <summary>No scenario failed and none is 未実装: a step the harness has not written is not a pass either.</summary>
    public bool AllPassed => ScenariosFailed == 0 && ScenariosUnimplemented == 0;
}

/// <summary>Everything the HTML shows.</summary>
internal sealed record ReportDocument(
    RequirementRegister Register,
    RunResults Run,
    ConformanceResult Conformance,
    HistoryComparison? History,
    IReadOnlyList<(string Label, string Value)> Reproducibility,
    IReadOnlyList<string> ExtraEvidence)
{
    /// <summary>Whether cucumber.html was written: null when no Cucumber HTML report was given, false when it was left out.</summary>
    public bool? CucumberHtmlCopied { get; init; }

    /// <summary>Per profile of the register, in its order: the ledger items that apply and what the run made of them.</summary>
    public IReadOnlyList<Ledger.BankLedgerResult> Ledgers { get; init; } = [];
}
