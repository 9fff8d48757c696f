namespace Harness.Gherkin.Tests.Steps;

using System.Globalization;
using Reqnroll;

/// <summary>What the hooks of a sample run did, in order, one line each, appended to the file named by
/// <see cref="PathVariable"/> (nothing when it is not set): the adapter tests read it after the run.</summary>
public static class Journal
{
    public const string PathVariable = "HARNESS_JOURNAL";

    private static readonly Lock Gate = new();

    public static void Add(string entry)
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path)
        {
            lock (Gate)
            {
                File.AppendAllText(path, entry + "\n");
            }
        }
    }
}

/// <summary>What one scenario's steps did: each scenario has its own (context injection), which its last step compares.</summary>
public sealed class ScenarioRecord
{
    private readonly List<string> _entries = [];

    public void Add(string entry) => _entries.Add(entry);

    public IReadOnlyList<string> Entries => _entries;
}

public enum トークン種別
{
    ソフトウェア,
    ハードウェア,
}

public sealed record 口座番号(string 科目, string 番号);

[Binding]
public sealed class RecordingSteps(ScenarioRecord record, ScenarioContext scenario, FeatureContext feature)
{
    /// <summary>Two scenarios of different features that meet here must be running at the same time.</summary>
    private static readonly Barrier Meeting = new(2);

    [BeforeTestRun]
    public static void BeforeRun() => Journal.Add("before run");

    [AfterTestRun]
    public static void AfterRun() => Journal.Add("after run");

    [BeforeFeature]
    public static void BeforeFeature(FeatureContext feature) => Journal.Add($"before feature {feature.FeatureInfo.Title}");

    [AfterFeature]
    public static void AfterFeature(FeatureContext feature) => Journal.Add($"after feature {feature.FeatureInfo.Title}");

    [BeforeScenario(Order = 2)]
    public void Second() => Journal.Add($"before scenario {feature.FeatureInfo.Title} / {scenario.ScenarioInfo.Title} (order 2)");

    [BeforeScenario(Order = 1)]
    public void First() => Journal.Add($"before scenario {feature.FeatureInfo.Title} / {scenario.ScenarioInfo.Title} (order 1)");

    [AfterScenario]
    public void After() => Journal.Add($"after scenario {feature.FeatureInfo.Title} / {scenario.ScenarioInfo.Title}: {scenario.ScenarioExecutionStatus}");

    [StepArgumentTransformation(@"(普通|当座) (\d{7})", Name = "口座")]
    public static 口座番号 口座(string 科目, string 番号) => new(科目, 番号);

    [Given("{int} を記録する")]
    public void Add(int value) => record.Add(value.ToString(CultureInfo.InvariantCulture));

    [Given("トークンは {トークン種別} である")]
    public void Token(トークン種別 kind) => record.Add($"トークン {kind}");

    [Given("口座は {口座} である")]
    public void Account(口座番号 account) => record.Add($"口座 {account.科目}/{account.番号}");

    [StepDefinition("タグは {string} である")]
    public void Tags(string tags) => Expect(string.Join(",", scenario.ScenarioInfo.CombinedTags), tags);

    [Given("別の機能のシナリオと同時に走る")]
    public static void Meet()
    {
        if (!Meeting.SignalAndWait(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("30 秒待っても別の機能のシナリオが来ませんでした (並列に走っていません)。");
        }
    }

    [Given("失敗する")]
    public static void Fails() => throw new InvalidOperationException("わざと失敗");

    [Then("記録は次のとおりである:")]
    public void RecordIs(string expected) => Expect(string.Join("\n", record.Entries), expected);

    private static void Expect(string actual, string expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"期待:\n{expected}\n実際:\n{actual}");
        }
    }
}
