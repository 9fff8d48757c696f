using System.Reflection;
using System.Text.RegularExpressions;
using Harness.Gherkin.CucumberExpressions;

namespace Harness.Gherkin.Bindings;

/// <summary>A [Scope]: every part it names must hold. Several scopes on one binding are alternatives.</summary>
public sealed record BindingScope(string? Tag, string? Feature, string? Scenario)
{
    /// <summary>How many parts the scope names: a more specific match wins over a less specific one.</summary>
    public int Specificity => (Tag is null ? 0 : 1) + (Feature is null ? 0 : 1) + (Scenario is null ? 0 : 1);

    public bool Matches(ScopeTarget target) =>
        (Tag is null || target.Tags.Contains(Tag.TrimStart('@'), StringComparer.Ordinal))
        && (Feature is null || string.Equals(Feature, target.FeatureTitle, StringComparison.OrdinalIgnoreCase))
        && (Scenario is null || string.Equals(Scenario, target.ScenarioTitle, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => string.Join(", ", new[]
    {
        Tag is null ? null : $"Tag=\"{Tag}\"",
        Feature is null ? null : $"Feature=\"{Feature}\"",
        Scenario is null ? null : $"Scenario=\"{Scenario}\"",
    }.Where(s => s is not null));
}

/// <summary>What a scope is checked against: tags without '@', the feature's and scenario's titles.</summary>
public sealed record ScopeTarget(IReadOnlyCollection<string> Tags, string FeatureTitle, string? ScenarioTitle);

public abstract class MethodBinding
{
    protected MethodBinding(MethodInfo method, IReadOnlyList<BindingScope> scopes)
    {
        Method = method;
        Scopes = scopes;
    }

    public MethodInfo Method { get; }

    public IReadOnlyList<BindingScope> Scopes { get; }

    public bool IsScoped => Scopes.Count > 0;

    /// <summary>The highest specificity of a scope that matches, 0 for an unscoped binding, null when no scope matches.</summary>
    public int? ScopeMatch(ScopeTarget target)
    {
        if (Scopes.Count == 0)
        {
            return 0;
        }

        var matching = Scopes.Where(s => s.Matches(target)).ToList();
        return matching.Count == 0 ? null : matching.Max(s => s.Specificity);
    }

    public string MethodDisplay => $"{Method.DeclaringType?.Name}.{Method.Name}({string.Join(", ", Method.GetParameters().Select(p => $"{TypeDisplay(p.ParameterType)} {p.Name}"))})";

    internal static string TypeDisplay(Type type) => type switch
    {
        _ when type == typeof(int) => "int",
        _ when type == typeof(long) => "long",
        _ when type == typeof(string) => "string",
        _ when type == typeof(decimal) => "decimal",
        _ when type == typeof(double) => "double",
        _ when type == typeof(float) => "float",
        _ when type == typeof(bool) => "bool",
        _ when Nullable.GetUnderlyingType(type) is { } inner => TypeDisplay(inner) + "?",
        _ => type.Name,
    };
}

public sealed class StepDefinitionBinding : MethodBinding
{
    internal StepDefinitionBinding(string id, StepDefinitionType type, string pattern, CucumberExpression? expression, Regex regex, MethodInfo method, IReadOnlyList<BindingScope> scopes, string? culture)
        : base(method, scopes)
    {
        Id = id;
        StepDefinitionType = type;
        Pattern = pattern;
        Expression = expression;
        Regex = regex;
        Culture = culture;
    }

    public string Id { get; }

    public StepDefinitionType StepDefinitionType { get; }

    public string Pattern { get; }

    public bool IsCucumberExpression => Expression is not null;

    public CucumberExpression? Expression { get; }

    public Regex Regex { get; }

    public string? Culture { get; }

    public int ArgumentGroupCount => Expression?.ParameterTypes.Count ?? Regex.GetGroupNumbers().Length - 1;

    /// <summary>The arguments' texts when the whole step text matches, else null.</summary>
    public IReadOnlyList<Harness.Gherkin.CucumberExpressions.MatchedArgument>? Match(string text)
    {
        if (Expression is not null)
        {
            return Expression.Match(text);
        }

        var match = Regex.Match(text);
        if (!match.Success || match.Index != 0 || match.Length != text.Length)
        {
            return null;
        }

        return match.Groups.Cast<Group>().Skip(1)
            .Select(g => new Harness.Gherkin.CucumberExpressions.MatchedArgument(g.Value, g.Index, g.Length, null))
            .ToList();
    }

    public override string ToString() => $"[{StepDefinitionType}(\"{Pattern}\")] {MethodDisplay}";
}

public sealed class HookBinding : MethodBinding
{
    internal HookBinding(string id, HookType hookType, int order, IReadOnlyList<string> tags, MethodInfo method, IReadOnlyList<BindingScope> scopes)
        : base(method, scopes)
    {
        Id = id;
        HookType = hookType;
        Order = order;
        Tags = tags;
    }

    public string Id { get; }

    public HookType HookType { get; }

    public int Order { get; }

    public IReadOnlyList<string> Tags { get; }

    /// <summary>As Reqnroll: each tag of the hook attribute is one more scope; a hook with no tag and no scope always runs,
    /// otherwise one of them must match.</summary>
    public bool AppliesTo(ScopeTarget target) =>
        (Tags.Count == 0 && Scopes.Count == 0)
        || Tags.Any(t => target.Tags.Contains(t.TrimStart('@'), StringComparer.Ordinal))
        || Scopes.Any(s => s.Matches(target));
}

public sealed class StepArgumentTransformationBinding
{
    internal StepArgumentTransformationBinding(MethodInfo method, Regex? regex, string name)
    {
        Method = method;
        Regex = regex;
        Name = name;
    }

    public MethodInfo Method { get; }

    public Regex? Regex { get; }

    /// <summary>The name by which Cucumber Expressions use it: <c>{Name}</c>.</summary>
    public string Name { get; }

    public Type TargetType => Method.ReturnType;

    public Type SourceType => Method.GetParameters() is [var only] && Regex is null ? only.ParameterType : typeof(string);
}

/// <summary>A problem in the bindings themselves (an invalid pattern, a static hook that must be static…), collected, not thrown.</summary>
public sealed record BindingError(string Message, MethodInfo? Method)
{
    public override string ToString() => Method is null ? Message : $"{Method.DeclaringType?.FullName}.{Method.Name}: {Message}";
}
