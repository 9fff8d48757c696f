using System.Text;

namespace Harness.Gherkin.TagExpressions;

/// <summary>A Cucumber tag expression (<c>@bank:akita and not (@ui or @手動確認)</c>), shaped like cucumber/tag-expressions:
/// parse once, evaluate against a pickle's tags, or translate into a <c>dotnet test --filter</c> over test categories.</summary>
public abstract class TagExpression
{
    public abstract bool Evaluate(IReadOnlyCollection<string> tags);

    /// <summary>The same condition as a VSTest filter on TestCategory (negations pushed down to the tags).</summary>
    public string ToTestFilter() => Filter(negated: false);

    internal abstract string Filter(bool negated);

    public static TagExpression Parse(string text) => new Parser(text).ParseAll();

    private sealed class Tag(string name) : TagExpression
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => tags.Contains(name, StringComparer.Ordinal);

        internal override string Filter(bool negated) => $"TestCategory{(negated ? "!=" : "=")}{Escape(name)}";

        public override string ToString() => "@" + name;

        private static string Escape(string value)
        {
            var sb = new StringBuilder();
            foreach (var c in value)
            {
                if (c is '\\' or '(' or ')' or '&' or '|' or '=' or '!' or '~')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
            }

            return sb.ToString();
        }
    }

    private sealed class Not(TagExpression operand) : TagExpression
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => !operand.Evaluate(tags);

        internal override string Filter(bool negated) => operand.Filter(!negated);
    }

    private sealed class Binary(TagExpression left, TagExpression right, bool isAnd) : TagExpression
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) =>
            isAnd ? left.Evaluate(tags) && right.Evaluate(tags) : left.Evaluate(tags) || right.Evaluate(tags);

        internal override string Filter(bool negated)
        {
            // De Morgan: not (a and b) = (not a) or (not b).
            var and = isAnd != negated;
            return $"({left.Filter(negated)}{(and ? "&" : "|")}{right.Filter(negated)})";
        }
    }

    private sealed class Parser(string text)
    {
        private readonly List<string> _tokens = Tokenize(text);
        private int _position;

        public TagExpression ParseAll()
        {
            if (_tokens.Count == 0)
            {
                throw new TagExpressionException($"タグ式 \"{text}\" が空です。");
            }

            var expression = ParseOr();
            if (_position < _tokens.Count)
            {
                throw new TagExpressionException($"タグ式 \"{text}\" の \"{_tokens[_position]}\" が余分です。");
            }

            return expression;
        }

        private TagExpression ParseOr()
        {
            var left = ParseAnd();
            while (Accept("or"))
            {
                left = new Binary(left, ParseAnd(), isAnd: false);
            }

            return left;
        }

        private TagExpression ParseAnd()
        {
            var left = ParseUnary();
            while (Accept("and"))
            {
                left = new Binary(left, ParseUnary(), isAnd: true);
            }

            return left;
        }

        private TagExpression ParseUnary()
        {
            if (Accept("not"))
            {
                return new Not(ParseUnary());
            }

            if (Accept("("))
            {
                var inner = ParseOr();
                if (!Accept(")"))
                {
                    throw new TagExpressionException($"タグ式 \"{text}\" の '(' が閉じられていません。");
                }

                return inner;
            }

            if (_position >= _tokens.Count)
            {
                throw new TagExpressionException($"タグ式 \"{text}\" が途中で終わっています。");
            }

            var token = _tokens[_position++];
            if (!token.StartsWith('@') || token.Length == 1)
            {
                throw new TagExpressionException($"タグ式 \"{text}\" の \"{token}\" はタグではありません (タグは @ で始めます。演算子は and, or, not)。");
            }

            return new Tag(token[1..]);
        }

        private bool Accept(string token)
        {
            if (_position < _tokens.Count && _tokens[_position] == token)
            {
                _position++;
                return true;
            }

            return false;
        }

        private static List<string> Tokenize(string text)
        {
            var tokens = new List<string>();
            var current = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\\' && i + 1 < text.Length)
                {
                    current.Append(text[++i]);
                }
                else if (c is '(' or ')' || char.IsWhiteSpace(c))
                {
                    if (current.Length > 0)
                    {
                        tokens.Add(current.ToString());
                        current.Clear();
                    }

                    if (!char.IsWhiteSpace(c))
                    {
                        tokens.Add(c.ToString());
                    }
                }
                else
                {
                    current.Append(c);
                }
            }

            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
            }

            return tokens;
        }
    }
}

public sealed class TagExpressionException : Exception
{
    public TagExpressionException(string message)
        : base(message)
    {
    }

    public TagExpressionException()
    {
    }

    public TagExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
