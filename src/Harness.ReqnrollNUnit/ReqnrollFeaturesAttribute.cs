using System.Reflection;
using Harness.Gherkin.Configuration;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;

namespace Harness.ReqnrollNUnit;

/// <summary>
/// Turns the feature files under <paramref name="featuresPath"/> (relative to the test assembly's folder, or the folder
/// named by <c>HARNESS_FEATURES_DIR</c>) into NUnit tests, as Reqnroll's generator and NUnit provider would: each feature a
/// fixture, each pickle one test named <c>&lt;feature&gt; / &lt;scenario&gt; [&lt;example&gt;]</c>, the tags of both as NUnit
/// categories (<c>dotnet test --filter "TestCategory=bank:akita"</c>), <c>@ignore</c> as NUnit's Ignored, and a feature
/// tagged with one of reqnroll.json's <c>generator.addNonParallelizableMarkerForTags</c> run while no other runs.
/// </summary>
/// <example><code>
/// [assembly: Reqnroll.Plugins.RuntimePlugin(typeof(Harness.ReqnrollNUnit.NUnitRuntimePlugin))]
/// [assembly: Harness.ReqnrollNUnit.ReqnrollTestRun]
/// [Harness.ReqnrollNUnit.ReqnrollFeatures("features")] public sealed class Features;
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ReqnrollFeaturesAttribute(string featuresPath = "features") : NUnitAttribute, IFixtureBuilder2
{
    public const string IgnoreTag = "ignore";

    public string FeaturesPath { get; } = featuresPath;

    public IEnumerable<TestSuite> BuildFrom(ITypeInfo typeInfo) => BuildFrom(typeInfo, new AllTests());

    public IEnumerable<TestSuite> BuildFrom(ITypeInfo typeInfo, IPreFilter filter)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        string? problem = null;
        FeatureSuite? suite = null;
        if (typeInfo.Assembly.GetCustomAttribute<ReqnrollTestRunAttribute>() is null)
        {
            problem = "テストアセンブリに [assembly: Harness.ReqnrollNUnit.ReqnrollTestRun] がありません。[BeforeTestRun]/[AfterTestRun] フックと実行の記録 (NDJSON) の終了に必要です。";
        }
        else if (!typeInfo.Assembly.GetCustomAttributes<Reqnroll.Plugins.RuntimePluginAttribute>().Any(p => p.PluginType == typeof(NUnitRuntimePlugin)))
        {
            problem = "テストアセンブリに [assembly: Reqnroll.Plugins.RuntimePlugin(typeof(Harness.ReqnrollNUnit.NUnitRuntimePlugin))] がありません。NUnit の結果と出力に必要です。";
        }
        else
        {
            try
            {
                suite = FeatureSuite.For(typeInfo.Type.Assembly, FeaturesPath);
                if (suite.Features.Count == 0)
                {
                    problem = $"フィーチャーファイル (*.feature) が 1 つもありません: {suite.Root}。何も実行しないテストは合格にしません。";
                    suite = null;
                }
            }
            catch (Exception ex)
            {
                // Whatever stops the features from being read (a broken reqnroll.json, an unreadable folder, an unknown
                // language) must reach the results as a failed test: an exception here would leave NUnit no test to report.
                problem = ex is ConfigurationException or DirectoryNotFoundException ? ex.Message : $"フィーチャーファイルを読めません: {ex.GetType().Name}: {ex.Message}";
            }
        }

        var scenarioMethod = new MethodWrapper(typeof(FeatureFixture), typeof(FeatureFixture).GetMethod(nameof(FeatureFixture.RunScenarioAsync))!);
        var builder = new NUnitTestCaseBuilder();
        if (suite is null)
        {
            var invalid = new NUnitTestFixtureBuilder().BuildFrom(typeInfo, filter);
            invalid.MakeInvalid(problem!);
            invalid.Add(builder.BuildTestMethod(scenarioMethod, invalid, new TestCaseParameters([-1]) { TestName = typeInfo.Name }));
            return [invalid];
        }

        var featureType = new TypeWrapper(typeof(FeatureFixture));
        var fixtures = new List<TestSuite>();
        var fixtureNames = new HashSet<string>(StringComparer.Ordinal);
        bool Alone(IEnumerable<string> tags) => tags.Any(t => suite.Configuration.NonParallelizableTags.Contains(t, StringComparer.OrdinalIgnoreCase));
        for (var f = 0; f < suite.Features.Count; f++)
        {
            var feature = suite.Features[f];
            var file = feature.File;

            // Two files may share a title (one per bank): the test's full name, which the TRX keys on, must not.
            var fixtureName = fixtureNames.Add(file.Title) ? file.Title : $"{file.Title} ({file.Path})";
            fixtureNames.Add(fixtureName);
            var fixture = new NUnitTestFixtureBuilder().BuildFrom(featureType, filter, new TestFixtureData(suite.Key, f) { TestName = fixtureName });
            var alone = Alone(file.Tags);
            fixture.Properties.Set(PropertyNames.ParallelScope, alone ? ParallelScope.None : ParallelScope.Children);
            fixture.Properties.Set(PropertyNames.Description, file.Path);
            foreach (var tag in file.Tags)
            {
                fixture.Properties.Add(PropertyNames.Category, tag);
            }

            if (file.Problems.Count > 0)
            {
                fixture.MakeInvalid($"{file.Path} を読めません:\n" + string.Join('\n', file.Problems));

                // NUnit's adapter reports tests, not fixtures: without a test the broken file would go unreported and the run pass.
                fixture.Add(builder.BuildTestMethod(scenarioMethod, fixture, new TestCaseParameters([-1]) { TestName = file.Path }));
            }
            else if (file.Tags.Contains(IgnoreTag, StringComparer.OrdinalIgnoreCase))
            {
                fixture.RunState = RunState.Ignored;
                fixture.Properties.Set(PropertyNames.SkipReason, "機能に @ignore タグが付いています");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var scenario in file.Scenarios)
            {
                var name = scenario.DisplayName;
                for (var n = 2; !names.Add(name); n++)
                {
                    name = $"{scenario.DisplayName} #{n}";
                }

                var parameters = new TestCaseParameters([scenario.Index]) { TestName = name };
                foreach (var tag in scenario.OwnTags)
                {
                    parameters.Properties.Add(PropertyNames.Category, tag);
                }

                foreach (var tag in scenario.Rule?.Tags.Select(t => t.Name.TrimStart('@')) ?? [])
                {
                    parameters.Properties.Add(PropertyNames.Category, tag);
                }

                // A scenario (or its rule or examples) with a non-parallel tag runs alone too, as Reqnroll's generator marks it.
                if (!alone && Alone(scenario.Tags))
                {
                    parameters.Properties.Set(PropertyNames.ParallelScope, ParallelScope.None);
                }

                if (scenario.Tags.Contains(IgnoreTag, StringComparer.OrdinalIgnoreCase))
                {
                    parameters.RunState = RunState.Ignored;
                    parameters.Properties.Set(PropertyNames.SkipReason, "シナリオに @ignore タグが付いています");
                }

                fixture.Add(builder.BuildTestMethod(scenarioMethod, fixture, parameters));
            }

            fixtures.Add(fixture);
        }

        return fixtures;
    }

    private sealed class AllTests : IPreFilter
    {
        public bool IsMatch(Type type) => true;

        public bool IsMatch(Type type, MethodInfo method) => true;
    }
}
