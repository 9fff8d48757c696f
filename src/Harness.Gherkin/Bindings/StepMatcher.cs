using System.Globalization;
using Harness.Gherkin.CucumberExpressions;

namespace Harness.Gherkin.Bindings;

public abstract record StepMatch;

/// <summary>One step definition fits: its binding and the step's argument texts (plus table or doc string).</summary>
public sealed record StepMatched(StepDefinitionBinding Binding, IReadOnlyList<MatchedArgument> TextArguments, IReadOnlyList<object> Arguments) : StepMatch;

/// <summary>No step definition fits. <see cref="OutOfScope"/>: ones that would match but for their [Scope];
/// <see cref="OtherKeyword"/>: ones that match the text under another keyword.</summary>
public sealed record StepUndefined(IReadOnlyList<StepDefinitionBinding> OutOfScope, IReadOnlyList<StepDefinitionBinding> OtherKeyword) : StepMatch;

/// <summary>Several step definitions fit equally well; <see cref="ByParameters"/>: none of them takes the arguments.</summary>
public sealed record StepAmbiguous(IReadOnlyList<StepDefinitionBinding> Candidates, bool ByParameters) : StepMatch;

/// <summary>Finds the step definition of a step as Reqnroll's StepDefinitionMatchService does, and says why when none or several fit:
/// keyword type, whole-text match, scope, parameter count and convertibility; the most specific scope wins.</summary>
public sealed class StepMatcher(BindingRegistry registry, CultureInfo bindingCulture)
{
    private readonly ArgumentConverter _converter = new(registry);

    public StepMatch Match(StepToMatch step)
    {
        var textMatches = registry.StepDefinitions
            .Where(d => d.StepDefinitionType == step.Type)
            .Select(d => (Binding: d, Args: d.Match(step.Text)))
            .Where(m => m.Args is not null)
            .Select(m => (m.Binding, Args: m.Args!))
            .ToList();

        var inScope = textMatches
            .Select(m => (m.Binding, m.Args, Scope: m.Binding.ScopeMatch(step.Scope)))
            .Where(m => m.Scope is not null)
            .ToList();

        var fitting = inScope
            .Where(m => ParametersFit(m.Binding, m.Args, step.Arguments))
            .GroupBy(m => m.Binding.Method)
            .Select(g => g.OrderByDescending(m => m.Scope).First())
            .ToList();

        if (fitting.Count > 0)
        {
            var best = fitting.Max(m => m.Scope);
            var winners = fitting.Where(m => m.Scope == best).ToList();
            return winners.Count == 1
                ? Matched(winners[0].Binding, winners[0].Args, step.Arguments)
                : new StepAmbiguous(winners.Select(w => w.Binding).ToList(), ByParameters: false);
        }

        if (textMatches.Count > 0 && inScope.Count == 0)
        {
            return new StepUndefined(textMatches.Select(m => m.Binding).ToList(), []);
        }

        var byMethod = inScope.GroupBy(m => m.Binding.Method).Select(g => g.First()).ToList();
        if (byMethod.Count == 1)
        {
            // Run it anyway: the parameter problem is then reported precisely (count or conversion).
            return Matched(byMethod[0].Binding, byMethod[0].Args, step.Arguments);
        }

        if (byMethod.Count > 1)
        {
            return new StepAmbiguous(byMethod.Select(m => m.Binding).ToList(), ByParameters: true);
        }

        var otherKeyword = registry.StepDefinitions
            .Where(d => d.StepDefinitionType != step.Type && d.Match(step.Text) is not null)
            .ToList();
        return new StepUndefined([], otherKeyword);
    }

    private static StepMatched Matched(StepDefinitionBinding binding, IReadOnlyList<MatchedArgument> args, StepArguments extra)
    {
        var arguments = new List<object>(args.Select(a => (object)a.Value));
        if (extra.DocString is not null)
        {
            arguments.Add(extra.DocString);
        }

        if (extra.Table is not null)
        {
            arguments.Add(extra.Table);
        }

        return new StepMatched(binding, args, arguments);
    }

    private bool ParametersFit(StepDefinitionBinding binding, IReadOnlyList<MatchedArgument> args, StepArguments extra)
    {
        var parameters = binding.Method.GetParameters();
        if (parameters.Length != args.Count + extra.Count)
        {
            return false;
        }

        var culture = binding.Culture is null ? bindingCulture : CultureInfo.GetCultureInfo(binding.Culture);
        var values = args.Select(a => (object)a.Value).ToList();
        if (extra.DocString is not null)
        {
            values.Add(extra.DocString);
        }

        if (extra.Table is not null)
        {
            values.Add(extra.Table);
        }

        return values.Select((v, i) => _converter.CanConvert(v, parameters[i].ParameterType, culture)).All(ok => ok);
    }
}
