using Harness.Gherkin.Formatters;
using NUnit.Framework;

namespace Harness.ReqnrollNUnit.Tests;

/// <summary>The adapter as QA uses it: <c>dotnet test</c> on the sample project, once per case, all runs at the same time.</summary>
public sealed class AdapterTests
{
    private static readonly Task<SampleRun> _qa = SampleRuns.RunAsync("qa", null, []);
    private static readonly Task<SampleRun> _filtered = SampleRuns.RunAsync("filtered", null, ["--filter", "TestCategory=sample&(TestCategory=edge|TestCategory=rule|TestCategory=limit)"]);
    private static readonly Task<SampleRun> _parallel = SampleRuns.RunAsync("parallel", "並行", ["--", "NUnit.NumberOfTestWorkers=4"]);
    private static readonly Task<SampleRun> _sequential = SampleRuns.RunAsync("sequential", "順序", ["--", "NUnit.NumberOfTestWorkers=0"]);
    private static readonly Task<SampleRun> _brokenConfiguration = BrokenConfigurationAsync();

    private static async Task<SampleRun> BrokenConfigurationAsync()
    {
        var bin = await SampleRuns.CopyAsync("broken-configuration");
        await File.WriteAllTextAsync(Path.Combine(bin, "reqnroll.json"), """{"langage":{"feature":"ja"}}""");
        return await SampleRuns.RunAsync("broken-configuration", null, [], bin);
    }

    [Test]
    public async Task The_QA_sample_has_one_test_per_pickle_and_only_the_undefined_step_fails()
    {
        var run = await _qa;
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Results.Select(r => (r.Name, r.Outcome)), Is.EqualTo(new[]
        {
            ("振込限度額 / お知らせメール", "Failed"),
            ("振込限度額 / 複数の振込", "Passed"),
            ("振込限度額 / 限度額の境界 [200000, 成功]", "Passed"),
            ("振込限度額 / 限度額の境界 [200001, 拒否]", "Passed"),
            ("振込限度額 / 限度額以内の振込", "Passed"),
        }));
    }

    [Test]
    public async Task The_NDJSON_has_a_test_case_per_pickle_a_result_per_step_and_the_snippet_of_the_undefined_step()
    {
        var run = await _qa;
        var envelopes = MessageSerializer.ReadAll(run.Messages).ToList();
        var pickles = envelopes.Where(e => e.Pickle is not null).Select(e => e.Pickle.Id).ToList();
        var testCases = envelopes.Where(e => e.TestCase is not null).Select(e => e.TestCase).ToList();
        var steps = testCases.SelectMany(c => c.TestSteps).Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        var finished = envelopes.Where(e => e.TestStepFinished is not null).Select(e => e.TestStepFinished).ToList();
        var undefined = finished.Where(f => f.TestStepResult.Status == Io.Cucumber.Messages.Types.TestStepResultStatus.UNDEFINED).ToList();
        var suggestions = envelopes.Where(e => e.Suggestion is not null).Select(e => e.Suggestion).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(pickles, Has.Count.EqualTo(5));
            Assert.That(testCases.Select(c => c.PickleId).Order(StringComparer.Ordinal), Is.EqualTo(pickles.Order(StringComparer.Ordinal)), "one test case per pickle");
            Assert.That(steps, Has.Count.EqualTo(21), "the 21 steps of the five pickles; the sample has no hooks");
            Assert.That(finished.Select(f => f.TestStepId).Order(StringComparer.Ordinal), Is.EqualTo(steps), "one result per step");
            Assert.That(undefined, Has.Count.EqualTo(1));
            Assert.That(suggestions, Has.Count.EqualTo(1));
            Assert.That(suggestions[0].Snippets.Single().Code, Does.Contain("[Then(\"残高照会の画面に {int} 件の明細が {string} で並ぶ\")]"));
            Assert.That(envelopes.Count(e => e.TestRunFinished is not null), Is.EqualTo(1));
            Assert.That(envelopes[^1].TestRunFinished?.Success, Is.EqualTo(false));
        });
    }

    [Test]
    public async Task A_tag_filter_selects_by_feature_rule_scenario_and_examples_tags()
    {
        var run = await _filtered;
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Results.Select(r => r.Name), Is.EqualTo(new[]
        {
            "振込限度額 / 複数の振込",
            "振込限度額 / 限度額の境界 [200000, 成功]",
            "振込限度額 / 限度額の境界 [200001, 拒否]",
            "振込限度額 / 限度額以内の振込",
        }));
    }

    [Test]
    public async Task Japanese_features_run_with_names_ignores_and_a_broken_file_as_a_failure()
    {
        var run = await _parallel;
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Results.Select(r => (r.Name, r.Outcome)), Is.EqualTo(new[]
        {
            ("並列の東 / 同時に走る東", "Passed"),
            ("並列の西 / 同時に走る西", "Passed"),
            ("単独で走る障害 / 一つ目", "Passed"),
            ("単独で走る障害 / 二つ目", "Passed"),
            ("壊れた機能.feature", "Failed"),
        }), string.Join("\n", run.Results));
        Assert.That((await _sequential).Journal, Is.Empty, string.Join("\n", (await _sequential).Journal) + (await _sequential).Output);
        Assert.That((await _brokenConfiguration).Results, Is.Empty, string.Join("\n", (await _brokenConfiguration).Results) + (await _brokenConfiguration).Output);
    }
}
