using System.Globalization;
using System.Reflection;
using Harness.Gherkin.Bindings;

namespace Harness.Gherkin.ErrorHandling;

/// <summary>Every message the runner shows a person, in one place (as Reqnroll's ErrorProvider), in Japanese.</summary>
public static class ErrorProvider
{
    public static string MethodText(MethodInfo method) =>
        $"{method.DeclaringType?.Assembly.GetName().Name}:{method.DeclaringType?.FullName}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => MethodBinding.TypeDisplay(p.ParameterType) + " " + p.Name))})";

    public static string StepDescription(StepToMatch step) => $"{step.Keyword.Trim()} {step.Text}";

    public static string Undefined(StepToMatch step, StepUndefined undefined, string snippet)
    {
        var lines = new List<string> { $"未定義のステップです: 「{StepDescription(step)}」" };
        if (undefined.OutOfScope.Count > 0)
        {
            lines.Add("文は一致するステップ定義がありますが、どれも [Scope] がこのシナリオに合いません:");
            lines.AddRange(undefined.OutOfScope.Select(b => $"  {MethodText(b.Method)}  [Scope({string.Join(" | ", b.Scopes)})]"));
            lines.Add("スコープを変えるか、次のコードで新しいステップ定義を作ってください:");
        }
        else if (undefined.OtherKeyword.Count > 0)
        {
            lines.Add($"別のキーワード種別 ({string.Join(", ", undefined.OtherKeyword.Select(b => b.StepDefinitionType).Distinct())}) のステップ定義なら一致します:");
            lines.AddRange(undefined.OtherKeyword.Select(b => $"  {b}"));
            lines.Add("キーワードを直すか [StepDefinition] にするか、次のコードで新しいステップ定義を作ってください:");
        }
        else
        {
            lines.Add("次のコードをステップ定義クラスに貼り付けて実装してください:");
        }

        lines.Add(string.Empty);
        lines.Add(snippet);
        return string.Join('\n', lines);
    }

    public static string Ambiguous(StepToMatch step, StepAmbiguous ambiguous)
    {
        var head = ambiguous.ByParameters
            ? $"複数のステップ定義が文に一致しますが、どれも引数の数・型が合いません: 「{StepDescription(step)}」"
            : $"あいまいなステップです。複数のステップ定義が同じ優先度で一致します: 「{StepDescription(step)}」";
        return head + "\n" + string.Join('\n', ambiguous.Candidates.Select(b =>
            $"  {MethodText(b.Method)}  パターン: \"{b.Pattern}\"" + (b.IsScoped ? $"  [Scope({string.Join(" | ", b.Scopes)})]" : string.Empty)))
            + "\nパターンを区別するか [Scope] で使い分けてください。";
    }

    public static string ParameterCountMismatch(StepDefinitionBinding binding, int argumentCount) =>
        $"パラメーター数が合いません: {MethodText(binding.Method)} は {argumentCount} 個のパラメーターを取るべきです (ステップの引数 {argumentCount} 個)。";

    public static string ConversionFailed(ParameterInfo parameter, object value, Exception ex) =>
        $"引数を変換できません: パラメーター '{parameter.Name}' ({MethodBinding.TypeDisplay(parameter.ParameterType)}) に値 \"{value}\" を変換できませんでした" +
        (value is string s && s.Any(c => c is >= '０' and <= '９') ? " (全角数字です。半角で書いてください)" : string.Empty) +
        $"。{ex.Message}";

    public static string HookFailed(HookBinding hook, Exception ex) =>
        $"[{hook.HookType}] フック {MethodText(hook.Method)} が失敗しました: {ex.Message}";

    public static string Pending(IEnumerable<string> methods) =>
        "実装されていないステップ定義があります (Pending):\n  " + string.Join("\n  ", methods.Distinct().Order(StringComparer.Ordinal));

    public static string Skipped => "前のステップが失敗したため実行しませんでした。";

    public static string BindingErrors(IEnumerable<BindingError> errors) =>
        "バインディングにエラーがあります:\n" + string.Join('\n', errors.Select(e => "  " + e));

    public static string Duration(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s";
}
