using Harness.Reports.Runs;

namespace Harness.Reports.History;

/// <summary>This run against the previous one, by scenario name (<see cref="ScenarioOutcome.Key"/>). Failures are the bank's
/// (<see cref="ScenarioStatus.Failed"/>); a scenario that failed before and is 未実装 now has no verdict now, so it is listed
/// with the ones not run (<see cref="FailedBeforeNotRunNow"/>) rather than dropped.</summary>
public sealed record HistoryComparison(
    string PreviousRun,
    IReadOnlyList<string> NewFailures,
    IReadOnlyList<string> Fixed,
    IReadOnlyList<string> StillFailing,
    IReadOnlyList<string> FailedBeforeNotRunNow)
{
    /// <summary>The previous output folder's copy of the NDJSON is what the comparison reads.</summary>
    public static HistoryComparison Compare(string previousRunDir, RunResults previous, RunResults current)
    {
        var before = previous.Scenarios.ToDictionary(s => s.Key, s => s.Status, StringComparer.Ordinal);
        var now = current.Scenarios.ToDictionary(s => s.Key, s => s.Status, StringComparer.Ordinal);
        bool FailedBefore(string key) => before.TryGetValue(key, out var s) && s == ScenarioStatus.Failed;

        return new HistoryComparison(
            previousRunDir,
            [.. now.Where(p => p.Value == ScenarioStatus.Failed && !FailedBefore(p.Key)).Select(p => p.Key).Order(StringComparer.Ordinal)],
            [.. now.Where(p => p.Value == ScenarioStatus.Passed && FailedBefore(p.Key)).Select(p => p.Key).Order(StringComparer.Ordinal)],
            [.. now.Where(p => p.Value == ScenarioStatus.Failed && FailedBefore(p.Key)).Select(p => p.Key).Order(StringComparer.Ordinal)],
            // A failure must not vanish from the history because its scenario was renamed, removed or filtered out.
            [.. before.Keys.Where(k => FailedBefore(k) && !(now.TryGetValue(k, out var s) && s is (ScenarioStatus.Passed or ScenarioStatus.Failed))).Order(StringComparer.Ordinal)]);
    }
}
