using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Harness.Cli.Run;
using Harness.Gherkin.Checking;
using Harness.Gherkin.Configuration;
using NUnit.Framework;

namespace Harness.Cli.Tests;

/// <summary>The CLI's <c>steps</c> over the conformance suite's build (tests/Harness.Conformance, same configuration as this
/// test assembly): every step definition of Reqnroll's registry is described and in an area.</summary>
public sealed class StepsCatalogueTests
{
    private static readonly string ConformanceDll = Path.Combine(
        AppContext.BaseDirectory.Replace(Path.Combine("tests", "Harness.Cli.Tests"), Path.Combine("tests", "Harness.Conformance"), StringComparison.Ordinal),
        "Harness.Conformance.dll");

    [Test]
    public void Every_step_definition_has_a_description_and_its_class_an_area()
    {
        using var bindings = ConformanceBindings();
        var entries = StepCatalogue.Build(bindings, []);

        var offenders = entries.Where(e => e.Description is null || e.Area == "(分野なし)").Select(e => $"{e.Method} ({e.Pattern})").ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public async Task Steps_prints_the_catalogue_with_examples_from_the_features()
    {
        var (code, text, error) = await CliIn(Root, "steps", "--bindings", ConformanceDll);

        Assert.Multiple(() =>
        {
            Assert.That((code, error), Is.EqualTo((0, string.Empty)));
            Assert.That(text, Does.StartWith("# ステップ一覧\n\nステップ定義 "));
            Assert.That(text, Does.Contain(
                "\n### もし ^(パソコン|スマートフォン|携帯電話のモバイルIB)からログインIDとログインパスワードでログインする$\n\n" +
                "書いた端末 (パソコン・スマートフォン・携帯電話のモバイルIB) から ID とログインパスワードだけでログインする。ワンタイムパスワードは入れない。全銀行・API/画面\n" +
                "- パターン: `^(パソコン|スマートフォン|携帯電話のモバイルIB)からログインIDとログインパスワードでログインする$` (正規表現)\n" +
                "- パラメーター: terminal: string\n" +
                "- 例: `かつ パソコンからログインIDとログインパスワードでログインする` (features/akita/トークン発行と利用開始.feature:100)\n" +
                "- メソッド: ログインSteps.IDとパスワードでログイン\n"));
        });
    }

    /// <summary>The count <c>steps</c> prints is the one <c>check</c> prints, both commands run on the conformance bindings.</summary>
    [Test]
    public async Task Steps_and_check_print_the_same_number_of_step_definitions()
    {
        var check = await CliIn(Root, "check", "--bindings", ConformanceDll);
        var steps = await CliIn(Root, "steps", "--bindings", ConformanceDll);

        var inCheck = Regex.Match(check.Output, @"\(ステップ定義 (\d+) 個\)");
        var inSteps = Regex.Match(steps.Output, @"^# ステップ一覧\n\nステップ定義 (\d+) 個 \(");
        Assert.That((check.Code, steps.Code, inCheck.Success, inSteps.Success), Is.EqualTo((0, 0, true, true)), check.Output + steps.Error);
        Assert.That(inSteps.Groups[1].Value, Is.EqualTo(inCheck.Groups[1].Value));
    }

    private static string Root => RunCommand.FindRoot(TestContext.CurrentContext.TestDirectory)!;

    private static Task<(int Code, string Output, string Error)> CliIn(string directory, params string[] args) => Cli.InAsync(directory, args);

    /// <summary>The conformance build's bindings, from the repository's reqnroll.json, as <c>check</c> and <c>steps</c> build them.</summary>
    private static ReqnrollBindings ConformanceBindings()
    {
        var config = Path.Combine(Root, "reqnroll.json");
        return ReqnrollBindings.Build([LoadConformance()], File.ReadAllText(config), RunnerConfiguration.Load(config).BindingCulture);
    }

    private static Assembly LoadConformance()
    {
        var directory = Path.GetDirectoryName(ConformanceDll)!;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var candidate = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(ConformanceDll);
    }
}
