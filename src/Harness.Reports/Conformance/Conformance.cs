using Harness.Reports.Register;
using Harness.Reports.Runs;

namespace Harness.Reports.Conformance;

public enum RequirementStatus
{
    Passed,
    Failed,

    /// <summary>未実装: no scenario failed, but one was stopped by an undefined or pending step.</summary>
    Unimplemented,
    Manual,
    Uncovered,
}

/// <summary>A requirement as one profile's run shows it: the scenarios tagged with its ID that apply to the profile.</summary>
public sealed record RequirementResult(Requirement Requirement, RequirementStatus Status, IReadOnlyList<ScenarioOutcome> Scenarios);

public sealed record ProfileResult(BankProfile Profile, IReadOnlyList<RequirementResult> Requirements)
{
    public int Passed => Requirements.Count(r => r.Status == RequirementStatus.Passed);

    public int Failed => Requirements.Count(r => r.Status == RequirementStatus.Failed);

    public int Unimplemented => Requirements.Count(r => r.Status == RequirementStatus.Unimplemented);

    public int Uncovered => Requirements.Count(r => r.Status == RequirementStatus.Uncovered);

    public int Manual => Requirements.Count(r => r.Status == RequirementStatus.Manual);

    /// <summary>The profile's assumptions (仮定): each requirement's, in register order, with the requirement they belong to.</summary>
    public IEnumerable<(string RequirementId, string Text)> Assumptions =>
        Requirements.SelectMany(r => r.Requirement.Assumptions.Select(a => (r.Requirement.Id, a)));
}

public sealed record ConformanceResult(IReadOnlyList<ProfileResult> Profiles, IReadOnlyList<(ScenarioOutcome Scenario, string RequirementId)> UnknownRequirementTags);

/// <summary>
/// The status rules, per profile and requirement, over the scenarios tagged <c>@req:&lt;ID&gt;</c> that apply to the profile:
/// <list type="bullet">
/// <item>failed: any of its executed scenarios failed (a failed, ambiguous or unknown step, or a failed hook);</item>
/// <item>unimplemented (未実装): otherwise, when any of its scenarios was stopped by an undefined or pending step: the harness
/// has not judged the bank on it, so it is neither a pass nor the bank's failure;</item>
/// <item>passed: otherwise, when at least one executed automated scenario passed and every executed automated one passed;</item>
/// <item>manual: otherwise, when it has <c>@手動確認</c> scenarios (executed or not);</item>
/// <item>uncovered: no executed scenario verifies it (scenarios that did not run, or whose steps were all skipped, verify nothing).</item>
/// </list>
/// </summary>
public static class ConformanceAnalysis
{
    public static ConformanceResult Analyse(RequirementRegister register, RunResults run)
    {
        var profiles = register.Profiles
            .Select(p => new ProfileResult(p, [.. register.Requirements
                .Where(r => r.Profiles.Contains(p.Id, StringComparer.Ordinal))
                .Select(r => ResultOf(r, [.. run.Scenarios.Where(s => s.RequirementIds.Contains(r.Id, StringComparer.Ordinal) && s.AppliesTo(p.Id))]))]))
            .ToList();
        var unknown = run.Scenarios
            .SelectMany(s => s.RequirementIds.Where(id => !register.ById.ContainsKey(id)).Select(id => (s, id)))
            .ToList();
        return new ConformanceResult(profiles, unknown);
    }

    public static RequirementResult ResultOf(Requirement requirement, IReadOnlyList<ScenarioOutcome> scenarios) =>
        new(requirement, StatusOf(scenarios), scenarios);

    public static RequirementStatus StatusOf(IReadOnlyList<ScenarioOutcome> scenarios)
    {
        if (scenarios.Any(s => s.Status == ScenarioStatus.Failed))
        {
            return RequirementStatus.Failed;
        }

        if (scenarios.Any(s => s.Status == ScenarioStatus.Unimplemented))
        {
            return RequirementStatus.Unimplemented;
        }

        if (scenarios.Any(s => s.Status == ScenarioStatus.Passed))
        {
            return RequirementStatus.Passed;
        }

        return scenarios.Any(s => s.Status == ScenarioStatus.Manual) ? RequirementStatus.Manual : RequirementStatus.Uncovered;
    }
}
