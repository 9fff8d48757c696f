using System.Text;
using System.Text.RegularExpressions;

namespace Harness.Gherkin.CucumberExpressions;

/// <summary>A Cucumber Expression compiled to an anchored regex (after cucumber/cucumber-expressions):
/// text, <c>(optional)</c> text, <c>a/b</c> alternation, <c>{parameter}</c>, and <c>\</c> escapes.</summary>
public sealed class CucumberExpression
{
    private readonly List<ParameterType> _parameters = [];

    public CucumberExpression(string expression, ParameterTypeRegistry registry)
    {
        Source = expression;
        var nodes = new Parser(expression).Parse();
        var pattern = new StringBuilder("^");
        foreach (var node in nodes)
        {
            Emit(node, pattern, registry);
        }

        pattern.Append('$');
        Regex = new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public string Source { get; }

    public Regex Regex { get; }

    public IReadOnlyList<ParameterType> ParameterTypes => _parameters;

    /// <summary>The arguments' texts when the whole step text matches, else null.</summary>
    public IReadOnlyList<MatchedArgument>? Match(string text)
    {
        var match = Regex.Match(text);
        if (!match.Success)
        {
            return null;
        }

        return _parameters.Select((p, i) =>
        {
            var group = match.Groups[i + 1];
            return new MatchedArgument(p.Unwrap(group.Value), group.Index, group.Length, p);
        }).ToList();
    }

    private void Emit(Node node, StringBuilder pattern, ParameterTypeRegistry registry)
    {
        switch (node)
        {
            case TextNode text:
                pattern.Append(Regex.Escape(text.Text));
                break;
            case OptionalNode optional:
                pattern.Append("(?:").Append(Regex.Escape(optional.Text)).Append(")?");
                break;
            case AlternationNode alternation:
                pattern.Append("(?:");
                pattern.Append(string.Join('|', alternation.Alternatives.Select(alt =>
                {
                    var sb = new StringBuilder();
                    foreach (var part in alt)
                    {
                        Emit(part, sb, registry);
                    }

                    return sb.ToString();
                })));
                pattern.Append(')');
                break;
            case ParameterNode parameter:
                var type = registry.Lookup(parameter.Name)
                    ?? throw new CucumberExpressionException(
                        $"式 \"{Source}\" の {{{parameter.Name}}} (位置 {parameter.Position}) は定義されていないパラメーター型です。" +
                        $" 使える型: {string.Join(", ", registry.ParameterTypes.Select(t => "{" + t.Name + "}").Order(StringComparer.Ordinal))}");
                _parameters.Add(type);
                pattern.Append('(')
                    .Append(string.Join('|', type.Regexps.Select(r => "(?:" + RegexGroups.ToNonCapturing(r) + ")")))
                    .Append(')');
                break;
        }
    }

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record OptionalNode(string Text) : Node;

    private sealed record ParameterNode(string Name, int Position) : Node;

    private sealed record AlternationNode(IReadOnlyList<IReadOnlyList<Node>> Alternatives) : Node;

    private sealed class Parser(string expression)
    {
        private int _position;

        public List<Node> Parse()
        {
            // A "word" runs between white space; alternation binds within a word, as in cucumber-expressions.
            var result = new List<Node>();
            var word = new List<List<Node>> { new() };
            var text = new StringBuilder();

            void FlushText(List<Node> into)
            {
                if (text.Length > 0)
                {
                    into.Add(new TextNode(text.ToString()));
                    text.Clear();
                }
            }

            void FlushWord()
            {
                FlushText(word[^1]);
                if (word.Count == 1)
                {
                    result.AddRange(word[0]);
                }
                else
                {
                    if (word.Any(alt => alt.Count == 0))
                    {
                        throw Error("選択肢 (/) の片側が空です", _position);
                    }

                    if (word.Any(alt => alt.Any(n => n is ParameterNode)))
                    {
                        throw Error("選択肢 (/) の中にパラメーターは書けません", _position);
                    }

                    result.Add(new AlternationNode(word.Select(a => (IReadOnlyList<Node>)a).ToList()));
                }

                word = [new()];
            }

            while (_position < expression.Length)
            {
                var c = expression[_position];
                switch (c)
                {
                    case '\\':
                        text.Append(ReadEscaped());
                        break;
                    case '(':
                        FlushText(word[^1]);
                        word[^1].Add(ReadOptional());
                        break;
                    case '{':
                        FlushText(word[^1]);
                        word[^1].Add(ReadParameter());
                        break;
                    case '/':
                        FlushText(word[^1]);
                        word.Add([]);
                        _position++;
                        break;
                    case ')':
                        throw Error("対応する '(' のない ')' があります", _position);
                    case '}':
                        throw Error("対応する '{' のない '}' があります", _position);
                    default:
                        if (char.IsWhiteSpace(c))
                        {
                            FlushWord();
                            result.Add(new TextNode(c.ToString()));
                        }
                        else
                        {
                            text.Append(c);
                        }

                        _position++;
                        break;
                }
            }

            FlushWord();
            return MergeText(result);
        }

        private static List<Node> MergeText(List<Node> nodes)
        {
            var merged = new List<Node>();
            foreach (var node in nodes)
            {
                if (node is TextNode t && merged.Count > 0 && merged[^1] is TextNode previous)
                {
                    merged[^1] = new TextNode(previous.Text + t.Text);
                }
                else
                {
                    merged.Add(node);
                }
            }

            return merged;
        }

        private char ReadEscaped()
        {
            if (_position + 1 >= expression.Length)
            {
                throw Error("式の最後の '\\' が何もエスケープしていません", _position);
            }

            var escaped = expression[_position + 1];
            if (escaped is not ('\\' or '(' or ')' or '{' or '}' or '/') && !char.IsWhiteSpace(escaped))
            {
                throw Error($"'\\{escaped}' はエスケープできません (できるのは \\ ( ) {{ }} / と空白)", _position);
            }

            _position += 2;
            return escaped;
        }

        private OptionalNode ReadOptional()
        {
            var start = _position++;
            var text = new StringBuilder();
            while (_position < expression.Length && expression[_position] != ')')
            {
                var c = expression[_position];
                if (c == '\\')
                {
                    text.Append(ReadEscaped());
                    continue;
                }

                if (c == '(')
                {
                    throw Error("省略可能部分 ( ) は入れ子にできません", _position);
                }

                if (c == '{')
                {
                    throw Error("省略可能部分 ( ) の中にパラメーターは書けません", _position);
                }

                text.Append(c);
                _position++;
            }

            if (_position >= expression.Length)
            {
                throw Error("'(' が閉じられていません", start);
            }

            _position++;
            if (text.Length == 0)
            {
                throw Error("省略可能部分 ( ) が空です", start);
            }

            return new OptionalNode(text.ToString());
        }

        private ParameterNode ReadParameter()
        {
            var start = _position++;
            var name = new StringBuilder();
            while (_position < expression.Length && expression[_position] != '}')
            {
                var c = expression[_position];
                if (c is '{' or '(' or ')' or '/' or '\\')
                {
                    throw Error($"パラメーター名に '{c}' は使えません", _position);
                }

                name.Append(c);
                _position++;
            }

            if (_position >= expression.Length)
            {
                throw Error("'{' が閉じられていません", start);
            }

            _position++;
            return new ParameterNode(name.ToString(), start);
        }

        private CucumberExpressionException Error(string what, int position) =>
            new($"Cucumber Expression \"{expression}\" の位置 {position}: {what}。");
    }
}

public sealed record MatchedArgument(string Value, int Start, int Length, ParameterType? ParameterType);

internal static class RegexGroups
{
    /// <summary>Rewrites the capturing groups of a regex as non-capturing, so that one parameter is one group.</summary>
    public static string ToNonCapturing(string regex)
    {
        var sb = new StringBuilder(regex.Length + 8);
        var inClass = false;
        for (var i = 0; i < regex.Length; i++)
        {
            var c = regex[i];
            if (c == '\\' && i + 1 < regex.Length)
            {
                sb.Append(c).Append(regex[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                sb.Append(c);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                sb.Append(c);
                continue;
            }

            sb.Append(c);
            if (c == '(' && (i + 1 >= regex.Length || regex[i + 1] != '?'))
            {
                sb.Append("?:");
            }
        }

        return sb.ToString();
    }
}
