using System.Globalization;
using System.Text.Json;

namespace Harness.Cli.Run;

/// <summary>The suite's benchmark figures, read from a run's Cucumber Messages: the wall time of the whole run and, per channel
/// (<c>@ui</c> screens, <c>@api</c> or untagged API), how many scenarios ran and their median duration.</summary>
public sealed record SuiteTimings(TimeSpan Wall, IReadOnlyList<ChannelTiming> Channels)
{
    public static SuiteTimings Read(IEnumerable<string> ndjsonLines)
    {
        var uiPickles = new HashSet<string>(StringComparer.Ordinal);
        var pickleOfTestCase = new Dictionary<string, string>(StringComparer.Ordinal);
        var started = new Dictionary<string, (string TestCase, TimeSpan At)>(StringComparer.Ordinal);
        var durations = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal) { ["api"] = [], ["ui"] = [] };
        TimeSpan? runStarted = null, runFinished = null;

        foreach (var line in ndjsonLines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var envelope = doc.RootElement;
            if (envelope.TryGetProperty("pickle", out var pickle))
            {
                if (pickle.TryGetProperty("tags", out var tags) && tags.EnumerateArray().Any(t => t.GetProperty("name").GetString() == "@ui"))
                {
                    uiPickles.Add(pickle.GetProperty("id").GetString()!);
                }
            }
            else if (envelope.TryGetProperty("testCase", out var testCase))
            {
                pickleOfTestCase[testCase.GetProperty("id").GetString()!] = testCase.GetProperty("pickleId").GetString()!;
            }
            else if (envelope.TryGetProperty("testCaseStarted", out var caseStarted))
            {
                started[caseStarted.GetProperty("id").GetString()!] = (caseStarted.GetProperty("testCaseId").GetString()!, At(caseStarted));
            }
            else if (envelope.TryGetProperty("testCaseFinished", out var caseFinished)
                && started.TryGetValue(caseFinished.GetProperty("testCaseStartedId").GetString()!, out var start))
            {
                var channel = pickleOfTestCase.TryGetValue(start.TestCase, out var pickleId) && uiPickles.Contains(pickleId) ? "ui" : "api";
                durations[channel].Add(At(caseFinished) - start.At);
            }
            else if (envelope.TryGetProperty("testRunStarted", out var run))
            {
                runStarted = At(run);
            }
            else if (envelope.TryGetProperty("testRunFinished", out var finished))
            {
                runFinished = At(finished);
            }
        }

        var wall = runStarted is { } from && runFinished is { } to ? to - from : TimeSpan.Zero;
        return new SuiteTimings(wall, durations
            .Where(d => d.Value.Count > 0)
            .Select(d => new ChannelTiming(d.Key, d.Value.Count, Median(d.Value)))
            .ToList());
    }

    /// <summary>「所要時間 48.2 秒 / API 120 件 中央値 35 ms / 画面 20 件 中央値 410 ms」</summary>
    public override string ToString() =>
        string.Join(" / ", new[] { $"所要時間 {Wall.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} 秒" }
            .Concat(Channels.Select(c => $"{(c.Channel == "ui" ? "画面" : "API")} {c.Scenarios} 件 中央値 {c.Median.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms")));

    private static TimeSpan At(JsonElement message)
    {
        var timestamp = message.GetProperty("timestamp");
        return TimeSpan.FromSeconds(timestamp.GetProperty("seconds").GetInt64()) + TimeSpan.FromTicks(timestamp.GetProperty("nanos").GetInt64() / 100);
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}

public sealed record ChannelTiming(string Channel, int Scenarios, TimeSpan Median);
