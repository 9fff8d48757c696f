namespace Harness.Reports.Runs;

/// <summary>What one scenario (pickle) came to. <see cref="NotRun"/>: the pickle is in the messages but no test case ran it.
/// <see cref="Unimplemented"/> (未実装): stopped by an UNDEFINED or PENDING step and by nothing worse: the harness has not
/// written that step yet, so the bank was not judged (a defect of the harness, not a failure of the bank).
/// <see cref="Failed"/> (不合格): a FAILED, AMBIGUOUS or UNKNOWN step or hook. AMBIGUOUS stays a failure: two bindings that
/// match one step are implemented code that is wrong, not a step still to write, and it must not wait in the to-do list
/// among the undefined ones (the console of <c>run</c> has always counted it so).</summary>
public enum ScenarioStatus
{
    Passed,
    Failed,
    Unimplemented,
    Skipped,
    Manual,
    NotRun,
}

/// <summary>One executed step or hook with the protocol's status name (PASSED, FAILED, UNDEFINED, …).</summary>
public sealed record StepOutcome(string Keyword, string Text, string Status, string? Message, bool IsHook, string TestStepId);

/// <summary>An attachment kept as evidence (a screenshot, a trace, a mail), with the path it gets under the output folder.</summary>
public sealed record EvidenceFile(int Index, string RelativePath, string MediaType, string? FileName, byte[] Content, string? TestStepId)
{
    public bool IsImage => MediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);

    public string DataUri => $"data:{MediaType};base64,{Convert.ToBase64String(Content)}";

    /// <summary>Width and height from the PNG header (IHDR), or null when the content is not a PNG.</summary>
    public (int Width, int Height)? PngSize
    {
        get
        {
            ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
            if (Content.Length < 24 || !Content.AsSpan(0, 8).SequenceEqual(signature) || !Content.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            {
                return null;
            }

            var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Content.AsSpan(16, 4));
            var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Content.AsSpan(20, 4));
            return width > 0 && height > 0 ? (width, height) : null;
        }
    }
}

/// <summary>A scenario's record of the ledger items (features/&lt;bank&gt;/マニュアルの記載.yaml) it compared with the bank,
/// from its log line <c>マニュアルの記載: {"bank":…,"checked":[…],"failed":[…]}</c>; <see cref="Failed"/> ⊆ what did not match.</summary>
public sealed record LedgerCheck(string Bank, IReadOnlyList<string> Checked, IReadOnlyList<string> Failed);

/// <summary>A step no binding matched, with the snippet the runner suggested.</summary>
public sealed record UndefinedStep(string FeatureName, string ScenarioName, string Keyword, string Text, IReadOnlyList<string> Snippets);

/// <summary>A feature file as the run saw it (its text is in the <c>source</c> message), with the SHA-256 of that text.</summary>
public sealed record FeatureSource(string Uri, string Sha256);

public sealed record ScenarioOutcome(
    string PickleId,
    string FeatureUri,
    string FeatureName,
    string Name,
    long Line,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> RequirementIds,
    IReadOnlyList<string> Banks,
    string? Channel,
    string? ManualReason,
    ScenarioStatus Status,
    IReadOnlyList<StepOutcome> Steps,
    IReadOnlyList<EvidenceFile> Evidence,
    IReadOnlyList<string> Logs,
    TimeSpan Duration)
{
    /// <summary>The name history compares by: feature and scenario name (outline rows with the same name get their line).</summary>
    public string Key { get; init; } = $"{FeatureName} / {Name}";

    /// <summary>The ledger items the scenario checked (its <c>マニュアルの記載: </c> log lines, which are not in <see cref="Logs"/>).</summary>
    public IReadOnlyList<LedgerCheck> LedgerChecks { get; init; } = [];

    /// <summary>The first step that did not pass or skip: the step a failure report shows.</summary>
    public StepOutcome? FailedStep => Steps.FirstOrDefault(s => s.Status is not ("PASSED" or "SKIPPED"));

    /// <summary>Applies to a profile when tagged <c>@bank:&lt;profile&gt;</c>, or to every profile when it has no <c>@bank:</c> tag.</summary>
    public bool AppliesTo(string profile) => Banks.Count == 0 || Banks.Contains(profile, StringComparer.Ordinal);
}

public sealed record RunResults(
    IReadOnlyList<ScenarioOutcome> Scenarios,
    IReadOnlyList<UndefinedStep> Undefined,
    IReadOnlyList<FeatureSource> Sources,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Runtime,
    string? Implementation,
    int WithheldAttachments)
{
    /// <summary>Attachments and log lines of the run itself (test-run hooks), not of any scenario.</summary>
    public IReadOnlyList<EvidenceFile> RunEvidence { get; init; } = [];

    public IReadOnlyList<string> RunLogs { get; init; } = [];

    public IEnumerable<EvidenceFile> AllEvidence => Scenarios.SelectMany(s => s.Evidence).Concat(RunEvidence);
}
