using Harness.Cli;
using Harness.Gherkin.Bindings;
using Harness.Gherkin.Checking;
using Harness.Gherkin.Lint;
using Harness.Gherkin.Parsing;
using Harness.Gherkin.Tests.Steps;
using NUnit.Framework;

namespace Harness.Gherkin.Tests;

public sealed class LintAndCheckTests
{
    private static string Dir => TestContext.CurrentContext.TestDirectory;

    private static FeatureFile Load(string relative) => new FeatureLoader("ja").Load(Path.Combine(Dir, relative), Dir);

    [Test]
    public void Japanese_authoring_traps_are_found_with_their_place()
    {
        var registry = BindingRegistry.Build([typeof(BankSteps)]);
        var lint = new JapaneseLint(text => registry.StepDefinitions.Any(d => d.Match(text) is not null));
        var findings = lint.Check(Load("Features/Lint/罠.feature")).Select(f => f.ToString()).ToList();
        Assert.That(findings, Is.EqualTo(new[]
        {
            "Features/Lint/罠.feature:2:3: JA001 '機能：' の全角コロンではキーワードになりません。半角コロンで '機能:' と書いてください。",
            "Features/Lint/罠.feature:3:1: JA002 全角の '＠' ではタグになりません。半角の '@' を使ってください。",
            "Features/Lint/罠.feature:3:11: JA003 タグの行に全角スペース (U+3000) があります。タグの区切りは半角スペースです (全角スペースはタグ名の一部になります)。",
            "Features/Lint/罠.feature:6:15: JA005 全角数字 '２００００' は数値として読めません。半角で '20000' と書いてください。",
            "Features/Lint/罠.feature:7:11: JA007 {string} は \"…\" か '…' で囲んだ値だけを受け取ります。「普通 1234567」 ではなく \"普通 1234567\" と書いてください。",
            "Features/Lint/罠.feature:10:11: JA004 表のセルに全角スペース (U+3000) があります。値の一部として扱われます。半角スペースにするか消してください。",
        }));
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
        var feature = Load("Features/Lint/罠.feature");
        Assert.That(feature.Problems, Is.Not.Empty);
        Assert.That(feature.Problems[0].ToString(), Does.StartWith("Features/Lint/罠.feature:2:1: 構文エラー: ここに書けない行です (キーワードの後は半角コロン ':'、例 '機能:'。全角 '：' は不可)。"));
    }

    [Test]
    public void Check_of_the_QA_feature_reports_the_one_undefined_step_with_its_snippet()
    {
        var loader = new FeatureLoader("ja");
        var features = new[] { loader.Load(Path.Combine(Dir, "Features/Qa/振込限度額.feature"), Dir) };
        var report = BindingCheck.Run(RunnerHarness.Japanese, BindingRegistry.Build([typeof(BankSteps)]), features);

        Assert.That((report.Features, report.Scenarios, report.Steps, report.Undefined, report.Ambiguous, report.Succeeded), Is.EqualTo((1, 5, 21, 1, 0, false)), "the last scenario stands in the rule, so it has both backgrounds");
        Assert.That(report.Findings.Single().ToString(), Is.EqualTo("""
            Features/Qa/振込限度額.feature:49:5: エラー [未定義] 未定義のステップです: 「かつ 残高照会の画面に 3 件の明細が "新しい順" で並ぶ」
            次のコードをステップ定義クラスに貼り付けて実装してください:

            [Then("残高照会の画面に {int} 件の明細が {string} で並ぶ")]
            public void Then残高照会の画面に件の明細がで並ぶ(int p0, string p1)
            {
                throw new PendingStepException();
            }
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public async Task The_QA_feature_runs_with_exactly_the_undefined_scenario_failing()
    {
        var source = await File.ReadAllTextAsync(Path.Combine(Dir, "Features/Qa/振込限度額.feature"));
        var (results, _) = await RunnerHarness.RunAsync(source, [typeof(BankSteps)]);
        Assert.That(results.Select(r => (r.Name, r.Status)), Is.EqualTo(new[]
        {
            ("振込限度額 / 限度額以内の振込", Execution.StepStatus.Passed),
            ("振込限度額 / 限度額の境界 [200000, 成功]", Execution.StepStatus.Passed),
            ("振込限度額 / 限度額の境界 [200001, 拒否]", Execution.StepStatus.Passed),
            ("振込限度額 / 複数の振込", Execution.StepStatus.Passed),
            ("振込限度額 / お知らせメール", Execution.StepStatus.Undefined),
        }));
    }

    [Test]
    public async Task Check_command_exits_1_with_findings_and_0_when_everything_binds()
    {
        var bindings = typeof(BankSteps).Assembly.Location;
        var (code, output, _) = await Cli("check", Path.Combine(Dir, "Features/Qa"), "--bindings", bindings, "--config", Path.Combine(Dir, "reqnroll.json"));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("振込限度額.feature:49:5: エラー [未定義]"));
        Assert.That(output, Does.EndWith("未定義 1, あいまい 0, 構文エラー 0, バインディングエラー 0, 書き方の警告 0\n結果: NG\n"));

        (code, output, _) = await Cli("check", Path.Combine(Dir, "Features/Nunit"), "--bindings", bindings, "--config", Path.Combine(Dir, "reqnroll.json"));
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.EndWith("未定義 0, あいまい 0, 構文エラー 0, バインディングエラー 0, 書き方の警告 0\n結果: OK\n"));
    }

    [Test]
    public async Task Check_command_exits_2_for_usage_and_configuration_errors()
    {
        var (code, _, error) = await Cli("check", "--no-such-option");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("使い方の誤り: "));

        (code, _, error) = await Cli("check", Path.Combine(Dir, "no-such-folder"), "--config", Path.Combine(Dir, "reqnroll.json"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("使い方の誤り: フィーチャーファイルまたはフォルダーがありません: "));

        var badConfig = Path.Combine(Path.GetTempPath(), $"reqnroll-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(badConfig, """{"runtime":{"stopAtFirstErorr":true}}""");
        try
        {
            (code, _, error) = await Cli("check", Path.Combine(Dir, "Features/Nunit"), "--config", badConfig);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.StartWith($"設定エラー: {badConfig}: キー 'runtime.stopAtFirstErorr': 不明なキーです。"));
        }
        finally
        {
            File.Delete(badConfig);
        }
    }

    private static async Task<(int Code, string Output, string Error)> Cli(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = await HarnessCommand.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

public sealed class StepCatalogueTests
{
    [Test]
    public void The_catalogue_lists_each_step_with_parameters_and_an_example_sentence()
    {
        var entries = Checking.StepCatalogue.Build(Bindings.BindingRegistry.Build([typeof(Steps.BankSteps), typeof(Steps.CultureSteps)]));
        Assert.That(entries.Select(e => $"{e.Keyword}|{e.Example}|{string.Join(",", e.Parameters)}|{e.Method}|{e.Scope}"), Is.EqualTo(new[]
        {
            "前提|口座 \"値\" の残高が 10 円である|account: string,balance: int|BankSteps.口座の残高|",
            "前提|振込限度額が 10 円である|limit: int|BankSteps.振込限度額|",
            "前提|日付は 2026/11/23 である|date: DateTime|CultureSteps.Date|",
            "前提|機能スコープの手順||CultureSteps.FeatureScoped|Feature=\"スコープ付き機能\"",
            "もし|10 円を振り込む|amount: int|BankSteps.振り込む|",
            "もし|次の振込をする:|table: DataTable|BankSteps.次の振込|",
            "もし|次の本文のメールが届く:|body: string|BankSteps.メール|",
            "ならば|メールの本文に \"値\" が含まれる|text: string|BankSteps.本文|",
            "ならば|振込の結果は \"‹…›\" である|expected: string|BankSteps.結果|",
            "ならば|明細は次のとおりである:|table: DataTable|BankSteps.明細|",
            "ならば|残高は 10 円である|expected: int|BankSteps.残高|",
        }));
    }

    [Test]
    public async Task The_steps_command_prints_the_catalogue_as_Markdown()
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter();
        var code = await Harness.Cli.HarnessCommand.InvokeAsync(
            ["steps", "--bindings", typeof(Steps.BankSteps).Assembly.Location, "--config", Path.Combine(TestContext.CurrentContext.TestDirectory, "reqnroll.json")], output, error);
        Assert.That(code, Is.EqualTo(0), error.ToString());
        Assert.That(output.ToString(), Does.StartWith("# ステップ一覧\n\nステップ定義 30 個。"));
        Assert.That(output.ToString(), Does.Contain("| 前提 口座 \"値\" の残高が 10 円である | `口座 {string} の残高が {int} 円である` | account: string, balance: int | BankSteps.口座の残高 |\n"));
    }
}
