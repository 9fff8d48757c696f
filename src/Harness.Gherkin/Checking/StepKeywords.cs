using StepType = Reqnroll.Bindings.StepDefinitionType;

namespace Harness.Gherkin.Checking;

/// <summary>A feature language's word for Given, When and Then (前提, もし, ならば in Japanese): what <c>check</c> and
/// <c>steps</c> write before a step definition's pattern.</summary>
internal sealed class StepKeywords(string language)
{
    private readonly global::Gherkin.GherkinDialect _dialect = Dialect(language);

    public string Of(StepType type) => (type switch
    {
        StepType.Given => _dialect.GivenStepKeywords,
        StepType.When => _dialect.WhenStepKeywords,
        _ => _dialect.ThenStepKeywords,
    }).First(k => k.Trim() != "*").Trim();

    private static global::Gherkin.GherkinDialect Dialect(string language)
    {
        var provider = new global::Gherkin.GherkinDialectProvider();
        try
        {
            return provider.GetDialect(language, null);
        }
        catch (global::Gherkin.NoSuchLanguageException)
        {
            return provider.DefaultDialect;
        }
    }
}
