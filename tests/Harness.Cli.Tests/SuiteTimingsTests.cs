using Harness.Cli.Run;
using NUnit.Framework;

namespace Harness.Cli.Tests;

/// <summary>The suite benchmark's figures come from the run's messages: wall time, and the median per channel.</summary>
public sealed class SuiteTimingsTests
{
    private static string Stamp(double seconds) =>
        $"{{\"seconds\":{(long)Math.Floor(seconds)},\"nanos\":{(long)Math.Round((seconds - Math.Floor(seconds)) * 1e9)}}}";

    private static IEnumerable<string> Run(params (string Pickle, bool Ui, double From, double To)[] cases)
    {
        yield return $"{{\"testRunStarted\":{{\"timestamp\":{Stamp(1000)}}}}}";
        foreach (var (pickle, ui, from, to) in cases)
        {
            var tags = ui ? "[{\"name\":\"@bank:akita\"},{\"name\":\"@ui\"}]" : "[{\"name\":\"@bank:akita\"}]";
            yield return $"{{\"pickle\":{{\"id\":\"{pickle}\",\"tags\":{tags}}}}}";
            yield return $"{{\"testCase\":{{\"id\":\"tc-{pickle}\",\"pickleId\":\"{pickle}\"}}}}";
            yield return $"{{\"testCaseStarted\":{{\"id\":\"s-{pickle}\",\"testCaseId\":\"tc-{pickle}\",\"timestamp\":{Stamp(from)}}}}}";
            yield return $"{{\"testCaseFinished\":{{\"testCaseStartedId\":\"s-{pickle}\",\"timestamp\":{Stamp(to)}}}}}";
        }

        yield return $"{{\"testRunFinished\":{{\"timestamp\":{Stamp(1042.5)}}}}}";
    }

    [Test]
    public void Wall_time_and_the_median_scenario_per_channel()
    {
        var timings = SuiteTimings.Read(Run(
            ("a", false, 1000.0, 1000.030),
            ("b", false, 1000.0, 1000.010),
            ("c", false, 1000.0, 1000.500),
            ("d", true, 1001.0, 1001.400),
            ("e", true, 1001.0, 1001.600)));

        Assert.That(timings.Wall, Is.EqualTo(TimeSpan.FromSeconds(42.5)));
        Assert.That(timings.Channels, Is.EqualTo(new[]
        {
            new ChannelTiming("api", 3, TimeSpan.FromMilliseconds(30)),
            new ChannelTiming("ui", 2, TimeSpan.FromMilliseconds(500)),
        }));
        Assert.That(timings.ToString(), Is.EqualTo("所要時間 42.5 秒 / API 3 件 中央値 30 ms / 画面 2 件 中央値 500 ms"));
    }

    [Test]
    public void A_channel_without_scenarios_is_left_out()
    {
        var timings = SuiteTimings.Read(Run(("a", false, 1000.0, 1000.020)));
        Assert.That(timings.ToString(), Is.EqualTo("所要時間 42.5 秒 / API 1 件 中央値 20 ms"));
    }
}
