using System.Reflection;
using System.Text.RegularExpressions;
using Harness.Gherkin.CucumberExpressions;

namespace Harness.Gherkin.Bindings;

/// <summary>Every step definition, hook and argument transformation of the binding assemblies.
/// Problems are collected in <see cref="Errors"/> instead of thrown, so that one bad binding does not hide the others.</summary>
public sealed partial class BindingRegistry
{
    private readonly List<StepDefinitionBinding> _stepDefinitions = [];
    private readonly List<HookBinding> _hooks = [];
    private readonly List<StepArgumentTransformationBinding> _transformations = [];
    private readonly List<BindingError> _errors = [];

    private BindingRegistry()
    {
    }

    public IReadOnlyList<StepDefinitionBinding> StepDefinitions => _stepDefinitions;

    public IReadOnlyList<HookBinding> Hooks => _hooks;

    public IReadOnlyList<StepArgumentTransformationBinding> Transformations => _transformations;

    public IReadOnlyList<BindingError> Errors => _errors;

    public ParameterTypeRegistry ParameterTypes { get; } = new();

    public IEnumerable<HookBinding> HooksOf(HookType type) => _hooks.Where(h => h.HookType == type).OrderBy(h => h.Order);

    public static BindingRegistry Build(IEnumerable<Assembly> assemblies) => Build(assemblies.SelectMany(SafeTypes));

    public static BindingRegistry Build(IEnumerable<Type> types)
    {
        var registry = new BindingRegistry();
        var bindingTypes = types.Where(t => t.IsClass && t.GetCustomAttribute<BindingAttribute>(inherit: true) is not null && !t.IsAbstract)
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        var methods = bindingTypes
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Where(m => m.DeclaringType != typeof(object))
                .Select(m => (Type: t, Method: m)))
            .ToList();

        // Transformations first: they define the custom {parameter types} the expressions may use.
        foreach (var (_, method) in methods)
        {
            foreach (var attribute in method.GetCustomAttributes<StepArgumentTransformationAttribute>(inherit: true))
            {
                registry.AddTransformation(method, attribute);
            }
        }

        registry.DefineEnumParameterTypes(methods.Select(m => m.Method));

        foreach (var (type, method) in methods)
        {
            var scopes = type.GetCustomAttributes<ScopeAttribute>(inherit: true)
                .Concat(method.GetCustomAttributes<ScopeAttribute>(inherit: true))
                .Select(s => new BindingScope(s.Tag, s.Feature, s.Scenario))
                .ToList();
            foreach (var attribute in method.GetCustomAttributes<StepDefinitionBaseAttribute>(inherit: true))
            {
                registry.AddStepDefinition(method, attribute, scopes);
            }

            foreach (var attribute in method.GetCustomAttributes<HookAttribute>(inherit: true))
            {
                registry.AddHook(method, attribute, scopes);
            }
        }

        return registry;
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }

    /// <summary>Reqnroll's rule: <c>^…</c> or <c>…$</c> is a regex; a <c>{name}</c> placeholder makes an expression;
    /// common regex constructs (<c>(.*)</c>, <c>(\d+)</c>, <c>\.</c>…) make a regex; anything else is an expression.</summary>
    public static bool IsCucumberExpression(string pattern)
    {
        if (pattern.StartsWith('^') || pattern.EndsWith('$'))
        {
            return false;
        }

        if (Placeholder().IsMatch(pattern))
        {
            return true;
        }

        if (CommonRegex().IsMatch(pattern) || ExtendedRegex().IsMatch(pattern))
        {
            return false;
        }

        return true;
    }

    private void AddStepDefinition(MethodInfo method, StepDefinitionBaseAttribute attribute, IReadOnlyList<BindingScope> scopes)
    {
        if (attribute.Expression is null)
        {
            AddMethodNameStepDefinition(method, attribute, scopes);
            return;
        }

        if (string.IsNullOrWhiteSpace(attribute.Expression))
        {
            _errors.Add(new BindingError("ステップ定義のパターンが空です。属性に日本語のステップ文を書いてください (例: [Given(\"ログインしている\")])。", method));
            return;
        }

        if (!ReturnsVoidOrTask(method))
        {
            _errors.Add(new BindingError($"ステップ定義の戻り値は void か Task でなければなりません (今は {method.ReturnType.Name})。", method));
            return;
        }

        var pattern = attribute.Expression;
        CucumberExpression? expression = null;
        Regex regex;
        try
        {
            if (IsCucumberExpression(pattern))
            {
                expression = new CucumberExpression(pattern, ParameterTypes);
                regex = expression.Regex;
            }
            else
            {
                regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline);
            }
        }
        catch (CucumberExpressionException ex)
        {
            _errors.Add(new BindingError(ex.Message, method));
            return;
        }
        catch (ArgumentException ex)
        {
            _errors.Add(new BindingError($"正規表現 \"{pattern}\" が正しくありません: {ex.Message}", method));
            return;
        }

        var groups = expression?.ParameterTypes.Count ?? regex.GetGroupNumbers().Length - 1;
        var parameters = method.GetParameters().Length;
        if (parameters != groups && parameters != groups + 1)
        {
            _errors.Add(new BindingError(
                $"パラメーター数が合いません: パターン \"{pattern}\" の引数は {groups} 個、メソッドのパラメーターは {parameters} 個です (表・DocString の分は +1 まで)。", method));
            return;
        }

        foreach (var type in attribute.Types)
        {
            _stepDefinitions.Add(new StepDefinitionBinding($"sd{_stepDefinitions.Count + 1}", type, pattern, expression, regex, method, scopes, attribute.Culture));
        }
    }

    /// <summary>Reqnroll's method-name binding: <c>[Given] public void Given_残高が_P0_円である(int p0)</c> matches "残高が 100 円である".
    /// The keyword prefix is dropped, words are split at '_' (or at capitals), a word naming a parameter (its name or P0, P1…)
    /// takes the argument, and words may be separated by spaces or punctuation; case is ignored.</summary>
    private void AddMethodNameStepDefinition(MethodInfo method, StepDefinitionBaseAttribute attribute, IReadOnlyList<BindingScope> scopes)
    {
        var name = KeywordPrefix().Replace(method.Name, string.Empty);
        var words = name.Contains('_', StringComparison.Ordinal) ? name.Split('_', StringSplitOptions.RemoveEmptyEntries) : PascalWords().Split(name).Where(w => w.Length > 0).ToArray();
        var parameters = method.GetParameters();
        var parts = words.Select(word =>
        {
            var isParameter = parameters.Select((p, i) => (p, i)).Any(x =>
                string.Equals(word, x.p.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(word, "P" + x.i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase));
            return isParameter ? "(.*)" : Regex.Escape(word);
        });
        var pattern = "^" + string.Join(@"\W*", parts) + "$";
        var regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline);
        var groups = regex.GetGroupNumbers().Length - 1;
        if (parameters.Length != groups && parameters.Length != groups + 1)
        {
            _errors.Add(new BindingError($"パラメーター数が合いません: メソッド名から作ったパターン \"{pattern}\" の引数は {groups} 個、メソッドのパラメーターは {parameters.Length} 個です。", method));
            return;
        }

        foreach (var type in attribute.Types)
        {
            _stepDefinitions.Add(new StepDefinitionBinding($"sd{_stepDefinitions.Count + 1}", type, pattern, null, regex, method, scopes, attribute.Culture));
        }
    }

    private void AddHook(MethodInfo method, HookAttribute attribute, IReadOnlyList<BindingScope> scopes)
    {
        if (attribute.HookType is HookType.BeforeTestRun or HookType.AfterTestRun or HookType.BeforeFeature or HookType.AfterFeature && !method.IsStatic)
        {
            _errors.Add(new BindingError($"[{attribute.HookType}] フックは static メソッドでなければなりません。", method));
            return;
        }

        if (!ReturnsVoidOrTask(method))
        {
            _errors.Add(new BindingError($"フックの戻り値は void か Task でなければなりません (今は {method.ReturnType.Name})。", method));
            return;
        }

        _hooks.Add(new HookBinding($"h{_hooks.Count + 1}", attribute.HookType, attribute.Order, attribute.Tags, method, scopes));
    }

    private void AddTransformation(MethodInfo method, StepArgumentTransformationAttribute attribute)
    {
        if (method.ReturnType == typeof(void) || method.ReturnType == typeof(Task))
        {
            _errors.Add(new BindingError("[StepArgumentTransformation] は値を返さなければなりません。", method));
            return;
        }

        Regex? regex = null;
        if (attribute.Regex is not null)
        {
            try
            {
                regex = new Regex("^(?:" + attribute.Regex + ")$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
            }
            catch (ArgumentException ex)
            {
                _errors.Add(new BindingError($"正規表現 \"{attribute.Regex}\" が正しくありません: {ex.Message}", method));
                return;
            }
        }

        var name = attribute.Name ?? method.ReturnType.Name;
        var transformation = new StepArgumentTransformationBinding(method, regex, name);
        _transformations.Add(transformation);
        if (transformation.SourceType == typeof(string) && ParameterTypes.Lookup(name) is null)
        {
            try
            {
                ParameterTypes.Define(new ParameterType(name, [attribute.Regex ?? ".*"], method.ReturnType));
            }
            catch (CucumberExpressionException ex)
            {
                _errors.Add(new BindingError(ex.Message, method));
            }
        }
    }

    private void DefineEnumParameterTypes(IEnumerable<MethodInfo> methods)
    {
        var enums = methods.SelectMany(m => m.GetParameters())
            .Select(p => Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)
            .Where(t => t.IsEnum)
            .Distinct();
        foreach (var group in enums.GroupBy(t => t.Name, StringComparer.Ordinal))
        {
            // As Reqnroll: an enum is {FullName} and, when its short name is unique, {Name}; its text is converted by name.
            foreach (var type in group)
            {
                if (ParameterTypes.Lookup(type.FullName!) is null)
                {
                    ParameterTypes.Define(new ParameterType(type.FullName!, [".*"], type, useForSnippets: false));
                }
            }

            if (group.Count() == 1 && ParameterTypes.Lookup(group.Key) is null)
            {
                ParameterTypes.Define(new ParameterType(group.Key, [".*"], group.First(), useForSnippets: false));
            }
        }
    }

    private static bool ReturnsVoidOrTask(MethodInfo method) =>
        method.ReturnType == typeof(void) || typeof(Task).IsAssignableFrom(method.ReturnType) || method.ReturnType == typeof(ValueTask);

    [GeneratedRegex("^(Given|When|Then|And|But)_?", RegexOptions.IgnoreCase)]
    private static partial Regex KeywordPrefix();

    [GeneratedRegex(@"(?<=\p{Ll})(?=\p{Lu})")]
    private static partial Regex PascalWords();

    [GeneratedRegex(@"\{\w*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(\([^\)]+[\*\+]\)|\.\*)")]
    private static partial Regex CommonRegex();

    [GeneratedRegex(@"(\\\.|\\d\+)")]
    private static partial Regex ExtendedRegex();
}
