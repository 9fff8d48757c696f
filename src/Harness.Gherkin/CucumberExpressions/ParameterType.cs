namespace Harness.Gherkin.CucumberExpressions;

/// <summary>A named parameter type of Cucumber Expressions (<c>{int}</c>, <c>{string}</c>, a custom <c>{Name}</c>):
/// the regexes an argument may match and how the matched text becomes the text passed on to conversion.</summary>
public sealed class ParameterType
{
    public ParameterType(string name, IReadOnlyList<string> regexps, Type type, Func<string, string>? unwrap = null, bool useForSnippets = true)
    {
        if (name.Any(c => c is '{' or '}' or '(' or ')' or '\\' or '/'))
        {
            throw new CucumberExpressionException($"パラメーター型の名前 '{name}' に使えない文字があります ({{ }} ( ) \\ /)。");
        }

        Name = name;
        Regexps = regexps;
        Type = type;
        Unwrap = unwrap ?? (s => s);
        UseForSnippets = useForSnippets;
    }

    public string Name { get; }

    public IReadOnlyList<string> Regexps { get; }

    /// <summary>The .NET type values of this parameter usually convert to (used for snippets).</summary>
    public Type Type { get; }

    /// <summary>Turns the matched text into the argument's text (for <c>{string}</c>: without quotes and escapes).</summary>
    public Func<string, string> Unwrap { get; }

    public bool UseForSnippets { get; }
}

/// <summary>The parameter types an expression may name: Reqnroll's built-ins plus custom ones.</summary>
public sealed class ParameterTypeRegistry
{
    // The regexes of cucumber/cucumber-expressions' built-in types, registered under Reqnroll's names and aliases.
    private const string Integer = @"-?\d+";
    private const string Float = @"(?=.*\d.*)[-+]?(?:\d+(?:[\p{Pc}\p{Po}\p{Pd} ]?\d+)*)*(?:[\p{Pc}\p{Po}](?=\d.*))?\d*(?:\d+[E]-?\d+)?";
    private const string DoubleQuoted = @"""(?:[^""\\]*(?:\\.[^""\\]*)*)""";
    private const string SingleQuoted = @"'(?:[^'\\]*(?:\\.[^'\\]*)*)'";

    private readonly Dictionary<string, ParameterType> _types = new(StringComparer.Ordinal);

    public ParameterTypeRegistry()
    {
        foreach (var (names, type) in new (string[] Names, Type Type)[]
        {
            (["int", "Int32"], typeof(int)),
            (["long", "Int64"], typeof(long)),
            (["byte", "Byte"], typeof(byte)),
            (["Int16"], typeof(short)),
        })
        {
            foreach (var name in names)
            {
                Define(new ParameterType(name, [Integer], type, useForSnippets: name == "int"));
            }
        }

        foreach (var (names, type) in new (string[] Names, Type Type)[]
        {
            (["float", "Single"], typeof(float)),
            (["double", "Double"], typeof(double)),
            (["decimal", "Decimal"], typeof(decimal)),
        })
        {
            foreach (var name in names)
            {
                Define(new ParameterType(name, [Float], type, useForSnippets: name == "float"));
            }
        }

        foreach (var (name, type) in new (string Name, Type Type)[] { ("Boolean", typeof(bool)), ("Char", typeof(char)), ("DateTime", typeof(DateTime)), ("Guid", typeof(Guid)) })
        {
            Define(new ParameterType(name, [".*"], type, useForSnippets: name == "DateTime"));
        }

        Define(new ParameterType("word", [@"[^\s]+"], typeof(string), useForSnippets: false));
        Define(new ParameterType("Word", [@"[^\s]+"], typeof(string), useForSnippets: false));
        Define(new ParameterType("string", [DoubleQuoted, SingleQuoted], typeof(string), Unquote));
        Define(new ParameterType(string.Empty, [".*"], typeof(object), useForSnippets: false));
    }

    public IEnumerable<ParameterType> ParameterTypes => _types.Values;

    public void Define(ParameterType parameterType)
    {
        if (!_types.TryAdd(parameterType.Name, parameterType))
        {
            throw new CucumberExpressionException($"パラメーター型 {{{parameterType.Name}}} は既に定義されています。");
        }
    }

    public ParameterType? Lookup(string name) => _types.GetValueOrDefault(name);

    /// <summary>Reqnroll passes the text between the quotes on as it is: escapes are not undone.</summary>
    private static string Unquote(string quoted) => quoted[1..^1];
}

public sealed class CucumberExpressionException : Exception
{
    public CucumberExpressionException(string message)
        : base(message)
    {
    }

    public CucumberExpressionException()
    {
    }

    public CucumberExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
