using Messages = Io.Cucumber.Messages.Types;

namespace Harness.Gherkin.Parsing;

/// <summary>A pickle step as Reqnroll's step matching takes it, with its place in the feature file.</summary>
public sealed record PickleStepInstance(Messages.PickleStep PickleStep, Reqnroll.Bindings.StepInstance Instance, int Line, int Column);

/// <summary>The steps of a scenario as Reqnroll's runtime builds them (what the adapter hands <c>ITestRunner</c>).</summary>
public static class ReqnrollPickleSteps
{
    /// <summary>Given/When/Then from the pickle; And/But (and a leading And or *) take the previous step's type, Given first.</summary>
    public static IReadOnlyList<PickleStepInstance> Plan(ScenarioCase scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var context = new Reqnroll.Bindings.StepContext(
            scenario.Feature.Title, scenario.Scenario?.Name ?? scenario.ScenarioTitle, scenario.Tags, new System.Globalization.CultureInfo(scenario.Feature.Language));
        var planned = new List<PickleStepInstance>();
        Reqnroll.Bindings.StepDefinitionType? previous = null;
        foreach (var pickleStep in scenario.Pickle.Steps)
        {
            var ast = scenario.Feature.StepOf(pickleStep);
            var type = pickleStep.Type switch
            {
                Messages.PickleStepType.CONTEXT => Reqnroll.Bindings.StepDefinitionType.Given,
                Messages.PickleStepType.ACTION => Reqnroll.Bindings.StepDefinitionType.When,
                Messages.PickleStepType.OUTCOME => Reqnroll.Bindings.StepDefinitionType.Then,
                _ => previous ?? Reqnroll.Bindings.StepDefinitionType.Given,
            };
            var keyword = ast?.KeywordType switch
            {
                Messages.StepKeywordType.CONJUNCTION => Reqnroll.Bindings.StepDefinitionKeyword.And,
                _ => type switch
                {
                    Reqnroll.Bindings.StepDefinitionType.Given => Reqnroll.Bindings.StepDefinitionKeyword.Given,
                    Reqnroll.Bindings.StepDefinitionType.When => Reqnroll.Bindings.StepDefinitionKeyword.When,
                    _ => Reqnroll.Bindings.StepDefinitionKeyword.Then,
                },
            };
            previous = type;
            planned.Add(new PickleStepInstance(
                pickleStep,
                new Reqnroll.Bindings.StepInstance(type, keyword, ast?.Keyword ?? string.Empty, pickleStep.Text,
                    pickleStep.Argument?.DocString?.Content, TableOf(pickleStep.Argument?.DataTable), context),
                (int)(ast?.Location.Line ?? 0),
                (int)(ast?.Location.Column ?? 0)));
        }

        return planned;
    }

    private static Reqnroll.Table? TableOf(Messages.PickleTable? table)
    {
        if (table is null || table.Rows.Count == 0)
        {
            return null;
        }

        var result = new Reqnroll.Table([.. table.Rows[0].Cells.Select(c => c.Value)]);
        foreach (var row in table.Rows.Skip(1))
        {
            result.AddRow([.. row.Cells.Select(c => c.Value)]);
        }

        return result;
    }
}
