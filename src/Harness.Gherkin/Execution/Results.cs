namespace Harness.Gherkin.Execution;

public enum StepStatus
{
    Passed,
    Failed,
    Undefined,
    Ambiguous,
    Pending,
    Skipped,
}

public sealed record StepResult(string Keyword, string Text, int Line, StepStatus Status, TimeSpan Duration, string? Message, string? Snippet);

/// <summary>How a scenario ended. <see cref="Message"/> says why it did not pass, in Japanese, ready to show.</summary>
public sealed record ScenarioResult(string Name, StepStatus Status, string? Message, IReadOnlyList<StepResult> Steps, TimeSpan Duration, Exception? Error)
{
    public bool Passed => Status == StepStatus.Passed;
}
