using Harness.Cli.Run;
using Harness.Gherkin.TagExpressions;
using NUnit.Framework;

namespace Harness.Cli.Tests;

/// <summary>What <c>run</c> selects and refuses before anything runs (the full run is the README's main job, exercised by CI).</summary>
public sealed class RunTests
{
    [Test]
    public void Banks_channel_and_tags_select_the_same_scenarios_as_the_dotnet_test_filter_says()
    {
        var selection = new RunCommand.Selection(["akita", "aomori"], "api", TagExpression.Parse("@req:X-04 and not @手動確認"));
        Assert.That(selection.Filter, Is.EqualTo("(TestCategory=bank:akita|TestCategory=bank:aomori)&TestCategory!=ui&(TestCategory=req:X-04&TestCategory!=手動確認)"));
        Assert.That(selection.Includes(["bank:akita", "api", "req:X-04"]), Is.EqualTo(true));
        Assert.That(selection.Includes(["bank:akita", "ui", "req:X-04"]), Is.EqualTo(false));
        Assert.That(selection.Includes(["bank:kyoei", "api", "req:X-04"]), Is.EqualTo(false));
        Assert.That(new RunCommand.Selection([], null, null).Filter, Is.Null);
    }

    [TestCase(new[] { "tokyo" }, null, null, "使い方の誤り: 銀行プロファイル 'tokyo' はありません。使えるのは akita, kyoei, komatsugawa, aomori, shinkin です。")]
    [TestCase(new string[0], null, "web", "使い方の誤り: --channel は ui か api です (値: web)。")]
    [TestCase(new string[0], "@a and", null, "使い方の誤り: --tags: タグ式 \"@a and\" が途中で終わっています。")]
    [TestCase(new[] { "akita" }, "@no-such-tag", null, "使い方の誤り: 条件 (--bank akita --tags \"@no-such-tag\") に合うシナリオが {root}/features にありません。何も実行していません。--bank, --tags, --channel を見直してください。")]
    public async Task Bad_options_exit_2_with_a_Japanese_message_before_anything_runs(string[] banks, string? tags, string? channel, string message)
    {
        message = message.Replace("{root}", RunCommand.FindRoot(TestContext.CurrentContext.TestDirectory), StringComparison.Ordinal);
        using var output = new StringWriter();
        using var error = new StringWriter { NewLine = "\n" };
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RunCommand.FindRoot(TestContext.CurrentContext.TestDirectory)!);
        try
        {
            var code = await RunCommand.RunAsync(new RunCommand.Options(banks, tags, channel, Pdf: false), output, error, CancellationToken.None);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Is.EqualTo(message + "\n"));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Test]
    public async Task A_sign_key_that_cannot_be_used_exits_2_before_the_suite_runs()
    {
        var root = RunCommand.FindRoot(TestContext.CurrentContext.TestDirectory)!;
        var key = Path.Combine(Path.GetTempPath(), $"harness-run-key-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(key, "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n");
        using var output = new StringWriter();
        using var error = new StringWriter { NewLine = "\n" };
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(root);
        var reports = Path.Combine(root, "reports");
        var runsBefore = Directory.Exists(reports) ? Directory.GetDirectories(reports).Length : 0;
        try
        {
            var code = await RunCommand.RunAsync(new RunCommand.Options(["akita"], null, "api", Pdf: false, SignKey: key), output, error, CancellationToken.None);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Is.EqualTo(
                $"使い方の誤り: --sign-key: 署名の鍵 {key} は PEM 形式の RSA か ECDSA の秘密鍵ではありません: 含まれているのは 「PUBLIC KEY」 です (公開鍵や証明書では署名できません)。\n"));
            Assert.That(output.ToString(), Is.Empty, "the suite did not start");
            Assert.That(Directory.Exists(reports) ? Directory.GetDirectories(reports).Length : 0, Is.EqualTo(runsBefore));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            File.Delete(key);
        }
    }

    /// <summary>The suite reads the feature folder as it is now, not the copy the last build made: a feature written after the
    /// build runs under --no-build. Needs tests/Harness.Conformance built (the test command builds the solution first).</summary>
    [Test]
    public async Task A_feature_added_after_the_build_runs_under_no_build()
    {
        var root = RunCommand.FindRoot(TestContext.CurrentContext.TestDirectory)!;
        var dir = Directory.CreateTempSubdirectory("harness-run-added-").FullName;
        var workspace = new RunCommand.Workspace(root, Path.Combine(dir, "features"), Path.Combine(dir, "reports"));
        CopyFolder(Path.Combine(root, "features"), workspace.FeaturesDir);
        await File.WriteAllTextAsync(Path.Combine(workspace.FeaturesDir, "akita", "ビルド後に追加.feature"), """
            # language: ja
            @bank:akita
            機能: ビルド後に追加した機能

              @req:AKT-03 @api @ビルド後に追加
              シナリオ: 窓口で申込書を受け付けると受付確認の案内メールが届く
                前提 お客様が窓口で登録されている
                もし 窓口でワンタイムパスワードの申込書を受け付ける
                ならば お客様のメールアドレスに件名 "受付確認の案内" のメールが届く

            """);
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        try
        {
            var code = await RunCommand.RunAsync(
                new RunCommand.Options(["akita"], "@ビルド後に追加", "api", Pdf: false, NoBuild: true), workspace, DotnetTestSuite.RunAsync, TimeProvider.System, output, error, CancellationToken.None);

            Assert.That(error.ToString(), Is.Empty);
            Assert.That(output.ToString().Split('\n')[1], Is.EqualTo("[1/1] 合格   ビルド後に追加した機能 / 窓口で申込書を受け付けると受付確認の案内メールが届く"));
            Assert.That(output.ToString(), Does.EndWith("結果: 全シナリオ合格\n"));
            Assert.That(code, Is.EqualTo(0));

            // Reqnroll's own HTML report of the run sits beside the conformance report, which links it.
            var run = Directory.GetDirectories(workspace.ReportsDir).Single();
            Assert.That(File.Exists(Path.Combine(run, "cucumber.html")), Is.EqualTo(true));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(run, "conformance.html")), Does.Contain("<a href=\"cucumber.html\">"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>A tag expression starts with "@": the command line must not read it as a response file (System.CommandLine's default).</summary>
    [Test]
    public async Task A_tag_expression_starting_with_at_reaches_run_and_is_not_read_as_a_response_file()
    {
        using var output = new StringWriter();
        using var error = new StringWriter { NewLine = "\n" };

        var code = await HarnessCommand.InvokeAsync(["run", "--bank", "tokyo", "--tags", "@req:AKT-07 and not @ui", "--channel", "api"], output, error);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.ToString(), Is.EqualTo("使い方の誤り: 銀行プロファイル 'tokyo' はありません。使えるのは akita, kyoei, komatsugawa, aomori, shinkin です。\n"));
    }
}
