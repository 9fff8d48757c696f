using Harness.Reports.Runs;

namespace Harness.Reports.Ledger;

public enum LedgerStatus
{
    /// <summary>合格: checked by at least one passing scenario and failed in none.</summary>
    Passed,

    /// <summary>不合格: in some scenario's <c>failed</c>, or checked only by failed (or failed and 未実装) scenarios.</summary>
    Failed,

    /// <summary>未実装: checked only by scenarios stopped by an undefined or pending step.</summary>
    Unimplemented,

    /// <summary>手動確認: no scenario checked it and the item has <c>manualCheck</c>.</summary>
    Manual,

    /// <summary>未検証: no scenario checked it.</summary>
    Unverified,
}

/// <summary>An item with the scenarios that checked it for the bank, and those in whose <c>failed</c> it was.</summary>
public sealed record LedgerItemResult(LedgerItem Item, LedgerStatus Status, IReadOnlyList<ScenarioOutcome> CheckedBy, IReadOnlyList<ScenarioOutcome> FailedIn);

public sealed record BankLedgerResult(BankLedger Ledger, IReadOnlyList<LedgerItemResult> Items)
{
    public int Count(LedgerStatus status) => Items.Count(i => i.Status == status);
}

public static class LedgerAnalysis
{
    public static IReadOnlyList<BankLedgerResult> Analyse(IReadOnlyList<BankLedger> ledgers, RunResults run)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        ArgumentNullException.ThrowIfNull(run);
        return [.. ledgers.Select(l => new BankLedgerResult(l, [.. l.Items.Select(i => ResultOf(l.Bank, i, run.Scenarios))]))];
    }

    public static LedgerItemResult ResultOf(string bank, LedgerItem item, IReadOnlyList<ScenarioOutcome> scenarios)
    {
        ArgumentNullException.ThrowIfNull(item);
        var mine = scenarios.Select(s => (Scenario: s, Checks: s.LedgerChecks.Where(c => c.Bank == bank).ToList())).ToList();
        var failedIn = mine.Where(m => m.Checks.Any(c => c.Failed.Contains(item.Id, StringComparer.Ordinal))).Select(m => m.Scenario).ToList();
        var checkedBy = mine.Where(m => m.Checks.Any(c => c.Checked.Contains(item.Id, StringComparer.Ordinal) || c.Failed.Contains(item.Id, StringComparer.Ordinal)))
            .Select(m => m.Scenario).ToList();
        return new LedgerItemResult(item, StatusOf(item, checkedBy, failedIn), checkedBy, failedIn);
    }

    public static LedgerStatus StatusOf(LedgerItem item, IReadOnlyList<ScenarioOutcome> checkedBy, IReadOnlyList<ScenarioOutcome> failedIn)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(checkedBy);
        ArgumentNullException.ThrowIfNull(failedIn);
        if (failedIn.Count > 0)
        {
            return LedgerStatus.Failed;
        }

        if (checkedBy.Any(s => s.Status == ScenarioStatus.Passed))
        {
            return LedgerStatus.Passed;
        }

        if (checkedBy.Any(s => s.Status == ScenarioStatus.Failed))
        {
            return LedgerStatus.Failed;
        }

        if (checkedBy.Any(s => s.Status == ScenarioStatus.Unimplemented))
        {
            return LedgerStatus.Unimplemented;
        }

        return item.ManualCheck is not null ? LedgerStatus.Manual : LedgerStatus.Unverified;
    }
}
