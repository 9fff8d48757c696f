using System.Collections.Concurrent;

namespace Harness.Gherkin.Tests.Steps;

/// <summary>What the hooks and steps of the runner tests did, in order. The runner tests that use it do not run in parallel.</summary>
public static class Journal
{
    private static readonly ConcurrentQueue<string> Entries = new();

    public static void Add(string entry) => Entries.Enqueue(entry);

    public static IReadOnlyList<string> TakeAll()
    {
        var all = Entries.ToList();
        Entries.Clear();
        return all;
    }
}

public sealed class SharedCounter : IDisposable
{
    private static int _created;

    public SharedCounter() => Id = Interlocked.Increment(ref _created);

    public int Id { get; }

    public int Value { get; set; }

    public void Dispose() => Journal.Add($"dispose counter {Id}");
}

public enum トークン種別
{
    ソフトウェア,
    ハードウェア,
}

public sealed record 口座番号(string 科目, string 番号);

[Binding]
public sealed class RecordingSteps(SharedCounter counter, ScenarioContext scenario)
{
    [BeforeTestRun]
    public static void BeforeRun() => Journal.Add("before run");

    [AfterTestRun]
    public static void AfterRun() => Journal.Add("after run");

    [BeforeFeature]
    public static void BeforeFeature(FeatureContext feature) => Journal.Add($"before feature {feature.FeatureInfo.Title}");

    [AfterFeature]
    public static void AfterFeature() => Journal.Add("after feature");

    [BeforeScenario(Order = 2)]
    public void Second() => Journal.Add("before scenario order 2");

    [BeforeScenario(Order = 1)]
    public void First() => Journal.Add("before scenario order 1");

    [BeforeScenario("壊れた前準備")]
    public void Broken() => throw new InvalidOperationException("前準備が壊れている");

    [BeforeScenario("タグ付き")]
    public void Tagged() => Journal.Add($"tagged hook for {scenario.ScenarioInfo.Title}");

    [AfterScenario]
    public void After() => Journal.Add($"after scenario {scenario.ScenarioInfo.Title}: {scenario.ScenarioExecutionStatus}");

    [BeforeStep]
    public void BeforeStep() => Journal.Add($"before step {scenario.StepContext?.Text}");

    [StepArgumentTransformation(@"(普通|当座) (\d{7})", Name = "口座")]
    public static 口座番号 口座(string 科目, string 番号) => new(科目, 番号);

    [Given("カウンターを {int} 増やす")]
    public void Increment(int by)
    {
        counter.Value += by;
        Journal.Add($"counter {counter.Id} = {counter.Value}");
    }

    [Then("カウンターは {int} である")]
    public void CounterIs(int expected)
    {
        if (counter.Value != expected)
        {
            throw new InvalidOperationException($"カウンターは {counter.Value} (期待 {expected})");
        }
    }

    /// <summary>The runner's clock in the duration test: a step that takes exactly the time it advances.</summary>
    public static Microsoft.Extensions.Time.Testing.FakeTimeProvider? Clock { get; set; }

    [Given("時計が {int} ミリ秒進む")]
    public static void Advance(int milliseconds) => Clock!.Advance(TimeSpan.FromMilliseconds(milliseconds));

    [Given("失敗する")]
    public void Fails() => throw new InvalidOperationException("わざと失敗");

    [Given("保留の手順")]
    public void PendingStep() => ScenarioContext.Pending();

    [StepDefinition("どのキーワードでも {int}")]
    public void AnyKeyword(int n) => Journal.Add($"any {n} as {scenario.StepContext?.StepDefinitionType}");

    [Given("トークンは {トークン種別} である")]
    public void Token(トークン種別 kind) => Journal.Add($"token {kind}");

    [Given("口座は {口座} である")]
    public void Account(口座番号 account) => Journal.Add($"account {account.科目}/{account.番号}");

    [Given("金利は {decimal} パーセントである")]
    public void Rate(decimal rate) => Journal.Add("rate " + rate.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Given(@"^回数は (\d+) 回$")]
    public void Count(int n) => Journal.Add($"count {n}");

    [Then("フィーチャーは {string} でタグは {string} である")]
    public void FeatureAndTags(string feature, string tags)
    {
        var actual = string.Join(",", scenario.ScenarioInfo.CombinedTags);
        if (feature != scenario.ScenarioContainer.Resolve<FeatureContext>().FeatureInfo.Title || actual != tags)
        {
            throw new InvalidOperationException($"feature/tags were {actual}");
        }
    }
}

[Binding]
public sealed class AmbiguousSteps
{
    [Given("同じ文")]
    public void One()
    {
    }

    [Given("同じ{}")]
    public void Two(string rest) => _ = rest;
}

[Binding]
public sealed class ScopedSteps
{
    [Given("場所による手順")]
    public void Unscoped() => Journal.Add("unscoped");

    [Given("場所による手順")]
    [Scope(Tag = "秋田")]
    public void Akita() => Journal.Add("akita scoped");

    [Given("秋田だけの手順")]
    [Scope(Tag = "秋田")]
    public void OnlyAkita() => Journal.Add("only akita");
}

[Binding]
public sealed class EvidenceSteps(IReqnrollOutputHelper output)
{
    [Given("画面を証跡として残す")]
    public void Evidence()
    {
        output.WriteLine("ログイン画面を表示した");
        output.AddAttachment(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png", "ログイン画面.png");
    }
}
