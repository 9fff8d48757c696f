using Harness.Gherkin.Bindings;
using Harness.Gherkin.CucumberExpressions;
using NUnit.Framework;

namespace Harness.Gherkin.Tests;

public sealed class CucumberExpressionTests
{
    private static IReadOnlyList<string>? Match(string expression, string text) =>
        new CucumberExpression(expression, new ParameterTypeRegistry()).Match(text)?.Select(a => a.Value).ToList();

    [Test]
    public void Int_and_string_take_their_values_without_quotes()
    {
        Assert.That(Match("口座 {string} の残高が {int} 円である", "口座 \"普通 1234567\" の残高が 500000 円である"),
            Is.EqualTo(new[] { "普通 1234567", "500000" }));
        Assert.That(Match("{string} と入力する", "'秋田' と入力する"), Is.EqualTo(new[] { "秋田" }));
    }

    [Test]
    public void The_whole_step_text_must_match()
    {
        Assert.That(Match("{int} 円を振り込む", "100 円を振り込む"), Is.EqualTo(new[] { "100" }));
        Assert.That(Match("{int} 円を振り込む", "100 円を振り込む。"), Is.Null);
        Assert.That(Match("{int} 円を振り込む", "口座から 100 円を振り込む"), Is.Null);
    }

    [Test]
    public void Optional_text_alternation_and_escapes()
    {
        Assert.That(Match("ログイン(する)", "ログイン"), Is.Empty);
        Assert.That(Match("ログイン(する)", "ログインする"), Is.Empty);
        Assert.That(Match("ログイン/ログオンする", "ログオンする"), Is.Empty);
        Assert.That(Match("ログイン/ログオンする", "ログイン"), Is.Empty);
        Assert.That(Match(@"括弧 \(かっこ\) と \{波\}", "括弧 (かっこ) と {波}"), Is.Empty);
        Assert.That(Match("a/b", "a/b"), Is.Null);
    }

    [Test]
    public void Word_float_and_anonymous()
    {
        Assert.That(Match("{word} を選ぶ", "ソフトウェアトークン を選ぶ"), Is.EqualTo(new[] { "ソフトウェアトークン" }));
        Assert.That(Match("金利は {float} %", "金利は 0.25 %"), Is.EqualTo(new[] { "0.25" }));
        Assert.That(Match("{} が表示される", "サービス利用中 が表示される"), Is.EqualTo(new[] { "サービス利用中" }));
    }

    [TestCase("ログイン(", "'(' が閉じられていません")]
    [TestCase("{int", "'{' が閉じられていません")]
    [TestCase("()", "省略可能部分 ( ) が空です")]
    [TestCase("({int})", "省略可能部分 ( ) の中にパラメーターは書けません")]
    [TestCase(@"\a", @"'\a' はエスケープできません")]
    [TestCase("{金額}円", "{金額} (位置 0) は定義されていないパラメーター型です")]
    public void Bad_expressions_say_what_and_where(string expression, string expected)
    {
        var ex = Assert.Throws<CucumberExpressionException>(() => _ = new CucumberExpression(expression, new ParameterTypeRegistry()));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    // Reqnroll's CucumberExpressionDetectorTests.
    [TestCase("a/b", true)]
    [TestCase(@"a\/b", true)]
    [TestCase("^a/b", false)]
    [TestCase("a/b$", false)]
    [TestCase("(a/b)", true)]
    [TestCase("(a+)", false)]
    [TestCase("(a)", true)]
    [TestCase(@"\(a\)", true)]
    [TestCase("残高が {int} 円", true)]
    [TestCase("残高が (.*) 円", false)]
    [TestCase(@"残高が (\d+) 円", false)]
    [TestCase(@"1\.5 倍", false)]
    [TestCase("ログインする", true)]
    public void A_pattern_is_a_regex_or_an_expression_as_Reqnroll_decides(string pattern, bool isExpression) =>
        Assert.That(BindingRegistry.IsCucumberExpression(pattern), Is.EqualTo(isExpression));
}
