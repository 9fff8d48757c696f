using Harness.Reports.Conformance;
using Harness.Reports.Register;
using Harness.Reports.Runs;

namespace Harness.Reports.Tests;

public sealed class ConformanceTests
{
    private Fixture _f = null!;

    [SetUp]
    public void SetUp() => _f = new Fixture();

    [TearDown]
    public void TearDown() => _f.Dispose();

    [Test]
    public void Each_requirement_gets_its_status_per_profile()
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        var result = ConformanceAnalysis.Analyse(RequirementRegister.Load(_f.RequirementsPath), RunReader.Read(_f.MessagesPath));

        var statuses = result.Profiles.ToDictionary(p => p.Profile.Id, p => p.Requirements.ToDictionary(r => r.Requirement.Id, r => r.Status));
        Assert.That(statuses["akita"], Is.EqualTo(new Dictionary<string, RequirementStatus>
        {
            ["AKT-02"] = RequirementStatus.Passed,
            ["AKT-07"] = RequirementStatus.Failed,
            ["AKT-08"] = RequirementStatus.Manual,
            ["AKT-09"] = RequirementStatus.Uncovered,
            ["X-03"] = RequirementStatus.Passed,
        }));
        Assert.That(statuses["aomori"], Is.EqualTo(new Dictionary<string, RequirementStatus>
        {
            ["AOM-04"] = RequirementStatus.Unimplemented,
            ["AOM-05"] = RequirementStatus.Uncovered,
            ["X-03"] = RequirementStatus.Passed,
        }));
        var akita = result.Profiles[0];
        Assert.That((akita.Passed, akita.Failed, akita.Unimplemented, akita.Uncovered, akita.Manual), Is.EqualTo((2, 1, 0, 1, 1)));
        var aomori = result.Profiles[1];
        Assert.That((aomori.Passed, aomori.Failed, aomori.Unimplemented, aomori.Uncovered, aomori.Manual), Is.EqualTo((1, 0, 1, 1, 0)));
    }

    [Test]
    public void A_scenario_counts_only_for_its_bank_and_a_scenario_without_bank_tag_for_every_profile()
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        var result = ConformanceAnalysis.Analyse(RequirementRegister.Load(_f.RequirementsPath), RunReader.Read(_f.MessagesPath));

        var x03 = result.Profiles.Select(p => p.Requirements.Single(r => r.Requirement.Id == "X-03").Scenarios.Select(s => s.Name).ToList()).ToList();
        Assert.That(x03, Is.EqualTo(new[] { new[] { "1ステップ前のコードは受け付け2ステップ前は拒否する" }, new[] { "1ステップ前のコードは受け付け2ステップ前は拒否する" } }));
        var akt07 = result.Profiles[0].Requirements.Single(r => r.Requirement.Id == "AKT-07").Scenarios.Select(s => s.Status);
        Assert.That(akt07, Is.EqualTo(new[] { ScenarioStatus.Passed, ScenarioStatus.Failed }));
    }

    private static ScenarioOutcome Scenario(ScenarioStatus status) =>
        new("p", "f.feature", "機能", "シナリオ", 3, [], ["AKT-01"], [], null, null, status, [], [], [], TimeSpan.Zero);

    [TestCase(new[] { ScenarioStatus.Passed, ScenarioStatus.Failed }, RequirementStatus.Failed)]
    [TestCase(new[] { ScenarioStatus.Failed, ScenarioStatus.Manual }, RequirementStatus.Failed)]
    [TestCase(new[] { ScenarioStatus.Unimplemented, ScenarioStatus.Failed }, RequirementStatus.Failed)]
    [TestCase(new[] { ScenarioStatus.Passed, ScenarioStatus.Unimplemented }, RequirementStatus.Unimplemented)]
    [TestCase(new[] { ScenarioStatus.Unimplemented, ScenarioStatus.Manual }, RequirementStatus.Unimplemented)]
    [TestCase(new[] { ScenarioStatus.Unimplemented }, RequirementStatus.Unimplemented)]
    [TestCase(new[] { ScenarioStatus.Passed, ScenarioStatus.Passed }, RequirementStatus.Passed)]
    [TestCase(new[] { ScenarioStatus.Passed, ScenarioStatus.Manual }, RequirementStatus.Passed)]
    [TestCase(new[] { ScenarioStatus.Manual }, RequirementStatus.Manual)]
    [TestCase(new[] { ScenarioStatus.Manual, ScenarioStatus.NotRun }, RequirementStatus.Manual)]
    [TestCase(new ScenarioStatus[0], RequirementStatus.Uncovered)]
    [TestCase(new[] { ScenarioStatus.NotRun }, RequirementStatus.Uncovered)]
    [TestCase(new[] { ScenarioStatus.Skipped }, RequirementStatus.Uncovered)]
    public void Status_rules(ScenarioStatus[] scenarios, RequirementStatus expected) =>
        Assert.That(ConformanceAnalysis.StatusOf([.. scenarios.Select(Scenario)]), Is.EqualTo(expected));

    [Test]
    public void Scenario_statuses_come_from_the_step_results_and_the_manual_tag()
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        var run = RunReader.Read(_f.MessagesPath);

        // In pickle order: the messages list a feature's pickles together.
        Assert.That(run.Scenarios.Select(s => (s.Name, s.Status)), Is.EqualTo(new[]
        {
            ("正しいコードでログインできる", ScenarioStatus.Passed),
            ("9回誤った後の正しいコードではロックされない", ScenarioStatus.Passed),
            ("10回連続で誤るとログインできない", ScenarioStatus.Failed),
            ("青森: 上限を超えるとワンタイムパスワード認証が停止する", ScenarioStatus.Unimplemented),
            ("紛失時に窓口で利用停止する", ScenarioStatus.Manual),
            ("1ステップ前のコードは受け付け2ステップ前は拒否する", ScenarioStatus.Passed),
        }));
        Assert.That(run.Scenarios[4].ManualReason, Is.EqualTo("紙の申込書と本人確認は自動化できないため手動で確認する"));
        Assert.That(run.Scenarios[2].FailedStep, Is.EqualTo(new StepOutcome("ならば", "ログインできない", "FAILED", Fixture.FailureMessage, false, run.Scenarios[2].FailedStep!.TestStepId)));
        Assert.That(run.Scenarios[2].Duration, Is.EqualTo(TimeSpan.FromMilliseconds(750)));
        Assert.That(run.StartedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(RunBuilder.StartSeconds).AddMilliseconds(500)));
    }
}
