using System.Text.RegularExpressions;
using Harness.Gherkin.Parsing;

namespace Harness.Gherkin.Lint;

/// <summary>A trap in a feature file, with its place: <c>path:line:column</c>.</summary>
public sealed record LintFinding(string Path, int Line, int Column, string Code, string Message)
{
    public override string ToString() => $"{Path}:{Line}:{Column}: {Code} {Message}";
}

/// <summary>Finds the traps Japanese authors fall into: full-width colons after keywords, full-width ＠ and U+3000 spaces in tags,
/// U+3000 in table cells, full-width digits where a number is expected, and 「」 where a {string} wants quotes.</summary>
public sealed partial class JapaneseLint
{
    private readonly Func<string, IReadOnlySet<string>>? _definitionsMatching;

    /// <param name="definitionsMatching">The step definitions (any ids) that take a step text; with it, 「」 and full-width
    /// digits are reported only where the corrected text binds to a step definition the text as written misses. (Asking
    /// only whether the written text matches nothing would hide the trap whenever some looser definition, a {word} or a
    /// catch-all, happens to take the text as written.)</param>
    public JapaneseLint(Func<string, IReadOnlySet<string>>? definitionsMatching = null) => _definitionsMatching = definitionsMatching;

    public IReadOnlyList<LintFinding> Check(FeatureFile feature)
    {
        var findings = new List<LintFinding>();
        var dialect = Dialect(feature);
        string[] blockKeywords =
        [
            .. dialect.FeatureKeywords, .. dialect.RuleKeywords, .. dialect.BackgroundKeywords,
            .. dialect.ScenarioKeywords, .. dialect.ScenarioOutlineKeywords, .. dialect.ExamplesKeywords,
        ];
        string[] stepKeywords =
        [
            .. dialect.GivenStepKeywords, .. dialect.WhenStepKeywords, .. dialect.ThenStepKeywords,
            .. dialect.AndStepKeywords, .. dialect.ButStepKeywords,
        ];
        var lines = feature.Source.Split('\n');
        var inDocString = false;
        var allowed = new Dictionary<int, HashSet<string>>();
        for (var i = 0; i < lines.Length; i++)
        {
            // A comment "# lint: allow JA005" just above a line lets that line keep the trap on purpose (an input test, say).
            if (i > 0 && AllowComment().Match(lines[i - 1].Trim()) is { Success: true } allow)
            {
                allowed[i + 1] = [.. allow.Groups[1].Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)];
            }

            var raw = lines[i].TrimEnd('\r');
            var trimmed = raw.TrimStart(' ', '\t', '\u3000');
            var column = raw.Length - trimmed.Length + 1;
            var lineNo = i + 1;
            if (trimmed.StartsWith("\"\"\"", StringComparison.Ordinal) || trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                inDocString = !inDocString;
                continue;
            }

            if (inDocString || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (raw.Length - raw.TrimStart('\u3000', ' ', '\t').Length > 0 && raw.TrimStart(' ', '\t').StartsWith('\u3000'))
            {
                findings.Add(new(feature.Path, lineNo, 1, "JA006", "行頭に全角スペース (U+3000) があります。字下げは半角スペースで書いてください。"));
            }

            foreach (var keyword in blockKeywords.Where(k => k != "* ").OrderByDescending(k => k.Length))
            {
                if (trimmed.StartsWith(keyword + "：", StringComparison.Ordinal) || trimmed.StartsWith(keyword + " ：", StringComparison.Ordinal))
                {
                    findings.Add(new(feature.Path, lineNo, column + keyword.Length, "JA001",
                        $"'{keyword}：' の全角コロンではキーワードになりません。半角コロンで '{keyword}:' と書いてください。"));
                    break;
                }
            }

            if (trimmed.StartsWith('@') || trimmed.StartsWith('＠'))
            {
                foreach (Match m in FullWidthAt().Matches(raw))
                {
                    findings.Add(new(feature.Path, lineNo, m.Index + 1, "JA002", "全角の '＠' ではタグになりません。半角の '@' を使ってください。"));
                }

                var ideographic = raw.IndexOf('\u3000', column - 1);
                if (ideographic >= 0)
                {
                    findings.Add(new(feature.Path, lineNo, ideographic + 1, "JA003",
                        "タグの行に全角スペース (U+3000) があります。タグの区切りは半角スペースです (全角スペースはタグ名の一部になります)。"));
                }

                continue;
            }

            if (trimmed.StartsWith('|'))
            {
                var at = raw.IndexOf('\u3000', StringComparison.Ordinal);
                if (at >= 0)
                {
                    findings.Add(new(feature.Path, lineNo, at + 1, "JA004", "表のセルに全角スペース (U+3000) があります。値の一部として扱われます。半角スペースにするか消してください。"));
                }

                AddFullWidthDigits(findings, feature.Path, lineNo, raw, null);
                continue;
            }

            var stepKeyword = stepKeywords.Where(k => trimmed.StartsWith(k, StringComparison.Ordinal)).OrderByDescending(k => k.Length).FirstOrDefault();
            if (stepKeyword is not null)
            {
                var text = trimmed[stepKeyword.Length..].Trim();
                AddFullWidthDigits(findings, feature.Path, lineNo, raw, text);
                AddJapaneseQuotes(findings, feature.Path, lineNo, raw, text);
            }
        }

        findings.RemoveAll(f => allowed.TryGetValue(f.Line, out var codes) && codes.Contains(f.Code));
        return findings;
    }

    private void AddFullWidthDigits(List<LintFinding> findings, string path, int lineNo, string raw, string? stepText)
    {
        foreach (Match m in FullWidthDigits().Matches(raw))
        {
            if (stepText is not null && _definitionsMatching is not null)
            {
                // Report where the half-width number is what a step definition expects.
                var corrected = FullWidthDigits().Replace(stepText, d => ToHalfWidth(d.Value));
                if (!BindsOnlyWhenCorrected(stepText, corrected))
                {
                    continue;
                }
            }

            findings.Add(new(path, lineNo, m.Index + 1, "JA005",
                $"全角数字 '{m.Value}' は数値として読めません。半角で '{ToHalfWidth(m.Value)}' と書いてください。"));
        }
    }

    private void AddJapaneseQuotes(List<LintFinding> findings, string path, int lineNo, string raw, string stepText)
    {
        if (!stepText.Contains('「', StringComparison.Ordinal))
        {
            return;
        }

        var corrected = JapaneseQuoted().Replace(stepText, q => "\"" + q.Groups[1].Value + "\"");
        if (_definitionsMatching is null || BindsOnlyWhenCorrected(stepText, corrected))
        {
            var m = JapaneseQuoted().Match(raw);
            findings.Add(new(path, lineNo, m.Index + 1, "JA007",
                $"{{string}} は \"…\" か '…' で囲んだ値だけを受け取ります。{m.Value} ではなく \"{m.Groups[1].Value}\" と書いてください。"));
        }
    }

    /// <summary>Some step definition takes the corrected text but not the text as written.</summary>
    private bool BindsOnlyWhenCorrected(string written, string corrected) =>
        _definitionsMatching!(corrected).Except(_definitionsMatching(written)).Any();

    private static string ToHalfWidth(string digits) => new(digits.Select(c => (char)(c - '０' + '0')).ToArray());

    private static global::Gherkin.GherkinDialect Dialect(FeatureFile feature)
    {
        var provider = new global::Gherkin.GherkinDialectProvider(feature.Document?.Feature?.Language ?? "en");
        var language = LanguageComment().Match(feature.Source);
        try
        {
            return language.Success ? provider.GetDialect(language.Groups[1].Value, null) : provider.DefaultDialect;
        }
        catch (global::Gherkin.NoSuchLanguageException)
        {
            return provider.DefaultDialect;
        }
    }

    [GeneratedRegex(@"^#\s*lint:\s*allow\s+((?:JA\d{3}[\s,]*)+)")]
    private static partial Regex AllowComment();

    [GeneratedRegex("＠")]
    private static partial Regex FullWidthAt();

    [GeneratedRegex("[０-９]+")]
    private static partial Regex FullWidthDigits();

    [GeneratedRegex("「([^」]*)」")]
    private static partial Regex JapaneseQuoted();

    [GeneratedRegex(@"^\s*#\s*language\s*:\s*([\w-]+)", RegexOptions.Multiline)]
    private static partial Regex LanguageComment();
}
