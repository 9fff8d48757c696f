namespace Harness.Gherkin.Bindings;

/// <summary>What a step carries besides its text: a data table or a doc string (at most one).</summary>
public sealed record StepArguments(DataTable? Table, string? DocString)
{
    public static StepArguments None { get; } = new(null, null);

    public int Count => (Table is null ? 0 : 1) + (DocString is null ? 0 : 1);
}

/// <summary>A step to match: its type (And/But already resolved), text and extra argument, and where it runs.</summary>
public sealed record StepToMatch(StepDefinitionType Type, string Keyword, string Text, StepArguments Arguments, ScopeTarget Scope);
