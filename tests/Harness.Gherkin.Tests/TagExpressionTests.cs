using Harness.Gherkin.TagExpressions;
using NUnit.Framework;

namespace Harness.Gherkin.Tests;

public sealed class TagExpressionTests
{
    [TestCase("@bank:akita", "bank:akita,api", true)]
    [TestCase("@bank:akita and not @ui", "bank:akita,ui", false)]
    [TestCase("@bank:akita and not @ui", "bank:akita,api", true)]
    [TestCase("@a or @b and @c", "b", false)]
    [TestCase("(@a or @b) and not (@c or @手動確認)", "b,手動確認", false)]
    [TestCase("(@a or @b) and not (@c or @手動確認)", "a", true)]
    public void Evaluates_against_a_pickles_tags(string expression, string tags, bool expected) =>
        Assert.That(TagExpression.Parse(expression).Evaluate(tags.Split(',')), Is.EqualTo(expected));

    [TestCase("@req:AKT-07", "TestCategory=req:AKT-07")]
    [TestCase("@bank:akita and not @ui", "(TestCategory=bank:akita&TestCategory!=ui)")]
    [TestCase("not (@a or @b)", "(TestCategory!=a&TestCategory!=b)")]
    [TestCase("not (@a and not @b)", "(TestCategory!=a|TestCategory=b)")]
    public void Translates_to_a_dotnet_test_filter_with_negations_pushed_to_the_tags(string expression, string filter) =>
        Assert.That(TagExpression.Parse(expression).ToTestFilter(), Is.EqualTo(filter));

    [TestCase("", "タグ式 \"\" が空です。")]
    [TestCase("@a and", "タグ式 \"@a and\" が途中で終わっています。")]
    [TestCase("(@a or @b", "タグ式 \"(@a or @b\" の '(' が閉じられていません。")]
    [TestCase("akita", "タグ式 \"akita\" の \"akita\" はタグではありません (タグは @ で始めます。演算子は and, or, not)。")]
    [TestCase("@a @b", "タグ式 \"@a @b\" の \"@b\" が余分です。")]
    public void A_bad_expression_says_what_is_wrong(string expression, string message)
    {
        var ex = Assert.Throws<TagExpressionException>(() => TagExpression.Parse(expression));
        Assert.That(ex!.Message, Is.EqualTo(message));
    }
}
