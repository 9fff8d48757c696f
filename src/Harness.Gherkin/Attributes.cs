namespace Harness.Gherkin;

/// <summary>Marks a class whose methods are step definitions, hooks or argument transformations (Reqnroll's <c>[Binding]</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class BindingAttribute : Attribute;

/// <summary>The step keyword types a step definition answers to. And/But take the previous step's type.</summary>
public enum StepDefinitionType
{
    Given,
    When,
    Then,
}

/// <summary>Base of the step definition attributes; <see cref="Expression"/> is a Cucumber Expression or a regular expression, decided as Reqnroll decides.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public abstract class StepDefinitionBaseAttribute : Attribute
{
    private protected StepDefinitionBaseAttribute(string? expression, params StepDefinitionType[] types)
    {
        Expression = expression;
        Types = types;
    }

    /// <summary>The pattern; null derives it from the method name, as Reqnroll does.</summary>
    public string? Expression { get; }

    public IReadOnlyList<StepDefinitionType> Types { get; }

    /// <summary>Culture the arguments of this step are converted under; null takes bindingCulture from reqnroll.json.</summary>
    public string? Culture { get; set; }
}

public sealed class GivenAttribute(string? expression = null) : StepDefinitionBaseAttribute(expression, StepDefinitionType.Given);

public sealed class WhenAttribute(string? expression = null) : StepDefinitionBaseAttribute(expression, StepDefinitionType.When);

public sealed class ThenAttribute(string? expression = null) : StepDefinitionBaseAttribute(expression, StepDefinitionType.Then);

/// <summary>A step definition that answers to every keyword type.</summary>
public sealed class StepDefinitionAttribute(string? expression = null)
    : StepDefinitionBaseAttribute(expression, StepDefinitionType.Given, StepDefinitionType.When, StepDefinitionType.Then);

/// <summary>Restricts a binding class or method to a tag, a feature title or a scenario title. Several scopes on one target are alternatives.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class ScopeAttribute : Attribute
{
    public string? Tag { get; set; }

    public string? Feature { get; set; }

    public string? Scenario { get; set; }
}

/// <summary>Converts step arguments to a custom type. With a regex, the argument must match it and its groups become the method's parameters.
/// In Cucumber Expressions the type is available as <c>{Name}</c> (default: the return type's name).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class StepArgumentTransformationAttribute(string? regex = null) : Attribute
{
    public string? Regex { get; } = regex;

    public string? Name { get; set; }
}

public enum HookType
{
    BeforeTestRun,
    AfterTestRun,
    BeforeFeature,
    AfterFeature,
    BeforeScenario,
    AfterScenario,
    BeforeStep,
    AfterStep,
}

/// <summary>Base of the hook attributes. Tags restrict the hook (any of them); lower <see cref="Order"/> runs first (default 10000).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public abstract class HookAttribute : Attribute
{
    public const int DefaultOrder = 10000;

    private protected HookAttribute(HookType hookType, string[] tags)
    {
        HookType = hookType;
        Tags = tags;
    }

    public HookType HookType { get; }

    public IReadOnlyList<string> Tags { get; }

    public int Order { get; set; } = DefaultOrder;
}

public sealed class BeforeTestRunAttribute() : HookAttribute(HookType.BeforeTestRun, []);

public sealed class AfterTestRunAttribute() : HookAttribute(HookType.AfterTestRun, []);

public sealed class BeforeFeatureAttribute(params string[] tags) : HookAttribute(HookType.BeforeFeature, tags);

public sealed class AfterFeatureAttribute(params string[] tags) : HookAttribute(HookType.AfterFeature, tags);

public sealed class BeforeScenarioAttribute(params string[] tags) : HookAttribute(HookType.BeforeScenario, tags);

public sealed class AfterScenarioAttribute(params string[] tags) : HookAttribute(HookType.AfterScenario, tags);

public sealed class BeforeStepAttribute(params string[] tags) : HookAttribute(HookType.BeforeStep, tags);

public sealed class AfterStepAttribute(params string[] tags) : HookAttribute(HookType.AfterStep, tags);

/// <summary>Reqnroll's aliases.</summary>
public sealed class BeforeAttribute(params string[] tags) : HookAttribute(HookType.BeforeScenario, tags);

public sealed class AfterAttribute(params string[] tags) : HookAttribute(HookType.AfterScenario, tags);
