using System.Globalization;
using Harness.Gherkin.Configuration;
using NUnit.Framework;

namespace Harness.Gherkin.Tests;

public sealed class ConfigurationTests
{
    [Test]
    public void The_repository_configuration_reads_as_Japanese()
    {
        var config = RunnerConfiguration.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "reqnroll.json"));
        Assert.That(config.FeatureLanguage, Is.EqualTo("ja"));
        Assert.That(config.BindingCulture.Name, Is.EqualTo("ja-JP"));
        Assert.That(config.MissingOrPendingStepsOutcome, Is.EqualTo(MissingOrPendingStepsOutcome.Error));
        Assert.That(config.MessagesOutputFilePath, Is.EqualTo("cucumber-messages.ndjson"));
        Assert.That(config.NonParallelizableTags, Is.EqualTo(new[] { "障害" }));
    }

    [Test]
    public void Non_parallelizable_tags_are_read_with_or_without_the_at_sign()
    {
        var config = RunnerConfiguration.Parse("""{"generator":{"addNonParallelizableMarkerForTags":["@a","b"]}}""", "r.json");
        Assert.That(config.NonParallelizableTags, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void The_message_and_html_formatters_are_accepted_as_Reqnroll_accepts_them()
    {
        var config = RunnerConfiguration.Parse("""{"formatters":{"message":{"outputFilePath":"m.ndjson"},"html":{"outputFilePath":"r.html"}}}""", "r.json");
        Assert.That(config.MessagesOutputFilePath, Is.EqualTo("m.ndjson"));
        Assert.That(RunnerConfiguration.Parse("""{"formatters":{"html":{}}}""", "r.json").MessagesOutputFilePath, Is.EqualTo(RunnerConfiguration.Parse("{}", "r.json").MessagesOutputFilePath));
    }

    [Test]
    public void Defaults_are_Reqnrolls()
    {
        var config = RunnerConfiguration.Parse("{}", "reqnroll.json");
        Assert.That(config.FeatureLanguage, Is.EqualTo("en"));
        Assert.That(config.MissingOrPendingStepsOutcome, Is.EqualTo(MissingOrPendingStepsOutcome.Pending));
        Assert.That(config.StopAtFirstError, Is.False);
        Assert.That(config.BindingCulture.Name, Is.EqualTo("en-US"));
    }

    [Test]
    public void Binding_culture_name_wins_over_language_binding_which_defaults_to_the_feature_language()
    {
        Assert.That(RunnerConfiguration.Parse("""{"language":{"feature":"ja-JP"}}""", "r.json").BindingCulture.Name, Is.EqualTo("ja-JP"));
        Assert.That(RunnerConfiguration.Parse("""{"language":{"feature":"ja","binding":"en-US"}}""", "r.json").BindingCulture.Name, Is.EqualTo("en-US"));
        Assert.That(RunnerConfiguration.Parse("""{"language":{"binding":"en-US"},"bindingCulture":{"name":"fr-FR"}}""", "r.json").BindingCulture, Is.EqualTo(CultureInfo.GetCultureInfo("fr-FR")));
        Assert.That(RunnerConfiguration.Parse("""{"language":{"feature":"ja-JP"}}""", "r.json").FeatureLanguage, Is.EqualTo("ja"), "the Gherkin dialect of ja-JP");
    }

    [TestCase("""{"runtime":{"missingOrPendingStepOutcome":"Error"}}""", "/x/reqnroll.json: キー 'runtime.missingOrPendingStepOutcome': 不明なキーです。ここに書けるキー: missingOrPendingStepsOutcome, stopAtFirstError, obsoleteBehavior, dependencies")]
    [TestCase("""{"langage":{}}""", "/x/reqnroll.json: キー 'langage': 不明なキーです。")]
    [TestCase("""{"runtime":{"missingOrPendingStepsOutcome":"Fail"}}""", "/x/reqnroll.json: キー 'runtime.missingOrPendingStepsOutcome': 値は Pending / Inconclusive / Ignore / Error のどれか (値: \"Fail\") でなければなりません")]
    [TestCase("""{"bindingCulture":{"name":"xx-NOPE"}}""", "/x/reqnroll.json: キー 'bindingCulture.name': 値は カルチャー名 (例: \"ja-JP\"。値: \"xx-NOPE\") でなければなりません")]
    [TestCase("""{"language":{"feature":"klingon"}}""", "/x/reqnroll.json: キー 'language.feature': 値は Gherkin の言語")]
    [TestCase("""{"bindingAssemblies":[{"assembly":""}]}""", "/x/reqnroll.json: キー 'bindingAssemblies[0].assembly': 値は アセンブリ名 でなければなりません")]
    [TestCase("""{"runtime":{"stopAtFirstError":"yes"}}""", "/x/reqnroll.json: キー 'runtime.stopAtFirstError': 値は true または false でなければなりません")]
    [TestCase("""{"language":{"feature":"ja"},"language":{"feature":"en"}}""", "/x/reqnroll.json: キー 'language': キーが重複しています")]
    [TestCase("{\n  \"language\": {\n    \"feature\": \"ja\",,\n  }\n}", "/x/reqnroll.json: JSON として読めません (行 3,")]
    [TestCase("""{"generator":{"addNonParallelizableMarkerForTags":[1]}}""", "/x/reqnroll.json: キー 'generator.addNonParallelizableMarkerForTags[0]': 値は 文字列 でなければなりません")]
    [TestCase("""{"generator":{"addNonParallelizableMarkerForTags":["a","@"]}}""", "/x/reqnroll.json: キー 'generator.addNonParallelizableMarkerForTags[1]': 値は タグ名 (例: \"障害\" か \"@障害\"。空白は入れられません) でなければなりません")]
    [TestCase("[]", "/x/reqnroll.json: キー '(ルート)': 値は オブジェクト ({ … }) でなければなりません")]
    public void A_bad_file_is_reported_naming_the_file_and_the_key(string json, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => RunnerConfiguration.Parse(json, "/x/reqnroll.json"));
        Assert.That(ex!.Message, Does.StartWith(expected));
    }

    [Test]
    public void Binding_assemblies_and_the_legacy_step_assemblies_both_count()
    {
        var config = RunnerConfiguration.Parse("""{"bindingAssemblies":[{"assembly":"A"}],"stepAssemblies":[{"assembly":"B"}]}""", "r.json");
        Assert.That(config.BindingAssemblies, Is.EqualTo(new[] { "A", "B" }));
    }
}
