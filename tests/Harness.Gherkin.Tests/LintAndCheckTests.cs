using System.Text.RegularExpressions;
using Harness.Gherkin.Lint;
using Harness.Gherkin.Parsing;
using NUnit.Framework;

namespace Harness.Gherkin.Tests;

public sealed class LintAndCheckTests
{
    /// <summary>Step definitions as regexes: the lint asks which of them take a text (as <c>check</c> asks Reqnroll's matching).</summary>
    private static readonly Regex[] Definitions =
    [
        new("^口座 \"([^\"]*)\" の残高が ([0-9]+) 円である$"),
        new("^振込限度額が ([0-9]+) 円である$"),
        new("^(\\S+) の口座を選ぶ$"), // a looser definition ({word}) that also takes 「…」 as written
        new("^\"([^\"]*)\" の口座を選ぶ$"),
    ];

    private static IReadOnlySet<string> Matching(string text) => Definitions.Where(d => d.IsMatch(text)).Select(d => d.ToString()).ToHashSet();

    [Test]
    public void Japanese_authoring_traps_are_found_with_their_place()
    {
        var feature = new FeatureLoader("ja").LoadText(
            "# language: ja\n機能：全角コロンの機能\n＠全角タグ @正しい　タグ\n\n  シナリオ: 書き方の罠\n    前提 振込限度額が ２００００ 円である\n" +
            "    もし 口座 「普通 1234567」 の残高が 100 円である\n    ならば 明細は次のとおりである:\n      | 振込先 | 金額 |\n      | 秋田　 | 1000 |\n", "罠.feature");
        Assert.That(new JapaneseLint(Matching).Check(feature).Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "罠.feature:2:3: JA001 '機能：' の全角コロンではキーワードになりません。半角コロンで '機能:' と書いてください。",
            "罠.feature:3:1: JA002 全角の '＠' ではタグになりません。半角の '@' を使ってください。",
            "罠.feature:3:11: JA003 タグの行に全角スペース (U+3000) があります。タグの区切りは半角スペースです (全角スペースはタグ名の一部になります)。",
            "罠.feature:6:15: JA005 全角数字 '２００００' は数値として読めません。半角で '20000' と書いてください。",
            "罠.feature:7:11: JA007 {string} は \"…\" か '…' で囲んだ値だけを受け取ります。「普通 1234567」 ではなく \"普通 1234567\" と書いてください。",
            "罠.feature:10:11: JA004 表のセルに全角スペース (U+3000) があります。値の一部として扱われます。半角スペースにするか消してください。",
        }));
    }

    /// <summary>The bug: JA007 asked "does the written text match nothing?", so a looser definition taking 「…」 as written hid it.</summary>
    [Test]
    public void Japanese_quotes_warn_in_a_feature_that_parses_even_when_a_looser_definition_takes_the_text_as_written()
    {
        var feature = new FeatureLoader("ja").LoadText(
            "# language: ja\n機能: 振込\n\n  シナリオ: 口座を選ぶ\n    前提 「普通」 の口座を選ぶ\n    かつ 「当座」 と 「普通」 を比べる\n", "振込.feature");
        Assert.That(feature.Problems, Is.Empty);
        Assert.That(new JapaneseLint(Matching).Check(feature).Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "振込.feature:5:8: JA007 {string} は \"…\" か '…' で囲んだ値だけを受け取ります。「普通」 ではなく \"普通\" と書いてください。",
        }), "the second step binds to nothing either way: no quote warning there");
    }

    [Test]
    public void A_lint_allow_comment_keeps_a_deliberate_trap_on_the_next_line_only()
    {
        var feature = new FeatureLoader("ja").LoadText(
            "# language: ja\n機能: 入力\n  シナリオアウトライン: 全角\n    前提 振込限度額が <額> 円である\n\n    例:\n      | 額 |\n" +
            "      # lint: allow JA005 (全角数字の入力を確かめる行)\n      | １０ |\n      | ２０ |\n", "allow.feature");
        Assert.That(new JapaneseLint().Check(feature).Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "allow.feature:10:9: JA005 全角数字 '２０' は数値として読めません。半角で '20' と書いてください。",
        }));
    }

    [Test]
    public void The_full_width_colon_feature_does_not_parse_and_says_why_in_Japanese()
    {
        var feature = new FeatureLoader("ja").LoadText("# language: ja\n機能：全角コロンの機能\n", "罠.feature");
        Assert.That(feature.Problems[0].ToString(), Does.StartWith("罠.feature:2:1: 構文エラー: ここに書けない行です (キーワードの後は半角コロン ':'、例 '機能:'。全角 '：' は不可)。"));
    }
}
