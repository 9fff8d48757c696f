using Harness.Cli.Run;
using Harness.Gherkin.Checking;
using NUnit.Framework;

namespace Harness.Cli.Tests;

/// <summary><c>check</c> binds every step through Reqnroll's own registry and step matching, without running anything.</summary>
public sealed class CheckTests
{
    private static string Dir => TestContext.CurrentContext.TestDirectory;

    private static string Root => RunCommand.FindRoot(Dir)!;

    private static string Config => Path.Combine(Root, "reqnroll.json");

    [Test]
    public async Task Each_trap_is_an_error_at_its_place_with_nearest_steps_snippet_candidates_and_the_value_that_will_not_convert()
    {
        var (code, output, error) = await CliIn(Dir, "check", "Features/Check/罠.feature", "--bindings", typeof(CheckSteps).Assembly.Location, "--config", Config);

        Assert.That((code, error), Is.EqualTo((1, string.Empty)));
        Assert.That(output, Is.EqualTo("""
        バインディングエラー: The binding methods for before/after feature and before/after test run events must be static: CheckSteps.NotStatic()
        Features/Check/罠.feature:6:5: エラー [キーワード違い] 「もし お客様がログインしている」 は もし のステップとして読まれますが、ステップ定義は 前提 の下にしかありません。キーワードを 前提 にしてください:
          - CheckSteps.ログイン: [Given] 前提 お客様がログインしている

        Features/Check/罠.feature:7:5: エラー [未定義] 未定義のステップです: 「かつ 「普通 1234567」 の口座に振り込む」
        もしかして:
          - もし {string} の口座に振り込む
          - ならば 振込が{word}する
          - ならば 振込が完了する
        次のコードをステップ定義クラスに貼り付けて実装してください:

        [When("「普通 {int}」 の口座に振り込む")]
        public void もし普通の口座に振り込む(int p0)
        {
            throw new PendingStepException();
        }

        Features/Check/罠.feature:7:8: 警告 [JA007] {string} は "…" か '…' で囲んだ値だけを受け取ります。「普通 1234567」 ではなく "普通 1234567" と書いてください。

        Features/Check/罠.feature:8:5: エラー [変換できない値] 「かつ ６０秒が経過する」 の値が引数の型に変換できないため、実行すると失敗します:
          - CheckSteps.経過する: [When] もし {int}秒が経過する: 引数 seconds (Int32) に値 '６０' は変換できません (全角数字は数値になりません。半角で書いてください)

        Features/Check/罠.feature:8:8: 警告 [JA005] 全角数字 '６０' は数値として読めません。半角で '60' と書いてください。

        Features/Check/罠.feature:9:5: エラー [あいまい] あいまいなステップです: 「ならば 振込が完了する」 に合うステップ定義が 2 個あります。どれか 1 つに絞ってください:
          - CheckSteps.完了する: [Then] ならば 振込が完了する
          - CheckSteps.振込の結果: [Then] ならば 振込が{word}する

        Features/Check/罠.feature:10:5: エラー [未定義] 未定義のステップです: 「かつ 口座の残高を確かめる」
        もしかして:
          - ならば 振込が完了する
          - ならば 振込が{word}する
          - もし {int}秒が経過する
        次のコードをステップ定義クラスに貼り付けて実装してください:

        [Then("口座の残高を確かめる")]
        public void ならば口座の残高を確かめる()
        {
            throw new PendingStepException();
        }

        1 フィーチャー, 1 シナリオ, 6 ステップ (ステップ定義 6 個): 未定義 2, あいまい 1, キーワード違い 1, 変換できない値 1, 構文エラー 0, バインディングエラー 1, 書き方の警告 2
        結果: NG
        """.ReplaceLineEndings("\n") + "\n"));
    }

    [Test]
    public async Task A_feature_whose_steps_all_bind_passes_apart_from_the_binding_error_of_the_bad_hook()
    {
        var (code, output, _) = await CliIn(Dir, "check", "Features/Check/正しい.feature", "--bindings", typeof(CheckSteps).Assembly.Location, "--config", Config);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.EqualTo(
            "バインディングエラー: The binding methods for before/after feature and before/after test run events must be static: CheckSteps.NotStatic()\n" +
            "1 フィーチャー, 1 シナリオ, 3 ステップ (ステップ定義 6 個): 未定義 0, あいまい 0, キーワード違い 0, 変換できない値 0, 構文エラー 0, バインディングエラー 1, 書き方の警告 0\n" +
            "結果: NG\n"));
    }

    [Test]
    public async Task No_step_definitions_is_an_error_with_a_hint_never_an_OK()
    {
        var empty = typeof(ReqnrollBindings).Assembly.Location;
        var (code, output, _) = await CliIn(Dir, "check", "Features/Check/正しい.feature", "--bindings", empty, "--config", Config);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.StartWith(
            "エラー: ステップ定義が 0 個です。読んだアセンブリ (Harness.Gherkin.dll) に [Binding] クラスのステップ定義がありません。" +
            "ステップ定義のプロジェクトをビルドしたか、--bindings の .dll が正しいかを確かめてください。\n\n"));
        Assert.That(output, Does.EndWith(
            "1 フィーチャー, 1 シナリオ, 3 ステップ (ステップ定義 0 個): 未定義 3, あいまい 0, キーワード違い 0, 変換できない値 0, 構文エラー 0, バインディングエラー 0, 書き方の警告 0\n結果: NG\n"));
    }

    [Test]
    public async Task Usage_and_configuration_errors_exit_2_with_a_Japanese_message()
    {
        var (code, output, error) = await CliIn(Dir, "check", "Features/no-such-folder", "--bindings", typeof(CheckSteps).Assembly.Location, "--config", Config);
        Assert.That((code, output), Is.EqualTo((2, string.Empty)));
        Assert.That(error, Does.StartWith("使い方の誤り: フィーチャーファイルまたはフォルダーがありません: "));

        (code, output, error) = await CliIn(Dir, "check", "Features/Check", "--bindings", "no-such.dll", "--config", Config);
        Assert.That((code, output, error), Is.EqualTo((2, string.Empty, "設定エラー: no-such.dll: --bindings に指定したアセンブリがありません\n")));
    }

    /// <summary>The real features against the real conformance bindings (built first when the build is missing or stale).</summary>
    [Test]
    public async Task The_repository_features_all_bind_to_the_conformance_step_definitions()
    {
        var (code, output, _) = await CliIn(Root, "check");

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Match(@"^\d+ フィーチャー, \d+ シナリオ, \d+ ステップ \(ステップ定義 164 個\): 未定義 0, あいまい 0, キーワード違い 0, 変換できない値 0, 構文エラー 0, バインディングエラー 0, 書き方の警告 0\n結果: OK\n$"));
    }

    private static Task<(int Code, string Output, string Error)> CliIn(string directory, params string[] args) => Cli.InAsync(directory, args);
}
