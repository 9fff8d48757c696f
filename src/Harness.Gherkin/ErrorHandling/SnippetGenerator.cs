using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Harness.Gherkin.Bindings;

namespace Harness.Gherkin.ErrorHandling;

/// <summary>The ready-to-paste C# step definition for an undefined step (Reqnroll's CucumberExpressionAttribute skeleton style):
/// the step text as a Cucumber Expression with <c>{int}</c>, <c>{float}</c> and <c>{string}</c> for its numbers and quoted strings.</summary>
public static partial class SnippetGenerator
{
    public static string Generate(StepDefinitionType type, string text, StepArguments arguments, CultureInfo culture)
    {
        var expression = new StringBuilder();
        var nameParts = new StringBuilder(type.ToString());
        var parameters = new List<string>();
        var position = 0;
        foreach (Match m in Candidates(culture).Matches(text))
        {
            AppendText(text[position..m.Index]);
            if (m.Groups["dq"].Success || m.Groups["sq"].Success)
            {
                expression.Append("{string}");
                parameters.Add($"string p{parameters.Count}");
            }
            else if (m.Groups["dec"].Success)
            {
                expression.Append("{float}");
                parameters.Add($"decimal p{parameters.Count}");
            }
            else
            {
                expression.Append("{int}");
                parameters.Add($"int p{parameters.Count}");
            }

            position = m.Index + m.Length;
        }

        AppendText(text[position..]);
        if (arguments.DocString is not null)
        {
            parameters.Add("string multilineText");
        }

        if (arguments.Table is not null)
        {
            parameters.Add("DataTable dataTable");
        }

        var pattern = expression.ToString();
        var literal = pattern.Contains('\\', StringComparison.Ordinal) || pattern.Contains('"', StringComparison.Ordinal)
            ? "@\"" + pattern.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : "\"" + pattern + "\"";
        return $$"""
            [{{type}}({{literal}})]
            public void {{nameParts}}({{string.Join(", ", parameters)}})
            {
                throw new PendingStepException();
            }
            """;

        void AppendText(string part)
        {
            foreach (var c in part)
            {
                if (c is '\\' or '(' or ')' or '{' or '}' or '/')
                {
                    expression.Append('\\');
                }

                expression.Append(c);
                if (char.IsLetterOrDigit(c) || c == '_')
                {
                    var upper = nameParts.Length > 0 && !char.IsLetterOrDigit(nameParts[^1]) ? char.ToUpperInvariant(c) : c;
                    nameParts.Append(upper);
                }
                else if (nameParts.Length > 0 && nameParts[^1] != ' ')
                {
                    nameParts.Append(' ');
                }
            }

            // Spaces only mark where the next word starts (it is capitalised); they are not part of the name.
            var name = nameParts.ToString();
            nameParts.Clear().Append(CapitaliseAfterSpaces(name));
        }
    }

    private static string CapitaliseAfterSpaces(string name)
    {
        var sb = new StringBuilder(name.Length);
        var capitalise = false;
        foreach (var c in name)
        {
            if (c == ' ')
            {
                capitalise = true;
                continue;
            }

            sb.Append(capitalise ? char.ToUpperInvariant(c) : c);
            capitalise = false;
        }

        return sb.ToString();
    }

    private static Regex Candidates(CultureInfo culture)
    {
        var separator = Regex.Escape(culture.NumberFormat.NumberDecimalSeparator);
        // Half-width digits only: a full-width number is a lint finding, not a parameter.
        return new Regex($@"(?<dq>""[^""]*"")|(?<sq>'[^']*')|(?<dec>-?[0-9]+{separator}[0-9]+)|(?<int>-?[0-9]+)", RegexOptions.CultureInvariant);
    }
}
