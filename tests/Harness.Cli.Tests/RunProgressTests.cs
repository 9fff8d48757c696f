using Harness.Cli.Run;
using NUnit.Framework;

namespace Harness.Cli.Tests;

/// <summary>The console lines <c>run</c> prints from the run's messages as scenarios finish.</summary>
public sealed class RunProgressTests
{
    [Test]
    public async Task A_failed_step_prints_its_first_line_then_what_was_expected_and_what_happened()
    {
        var path = Path.Combine(Path.GetTempPath(), $"harness-progress-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(path, RunNdjson.Run(
            ("p1", "ログインできる", null),
            ("p2", "振込の上限", "  Assert.That(limit, Is.EqualTo(1000000))\n  Expected: 1000000\n  But was:  500000\n"),
            ("p3", "件名が違う", "期待: 件名「受付確認の案内」\n実際: 件名「違う件名」")));
        using var output = new StringWriter { NewLine = "\n" };
        try
        {
            var progress = new RunProgress(3, output);
            await progress.ReadAsync(path, 0);

            Assert.That(output.ToString(), Is.EqualTo(
                "[1/3] 合格   見本の機能 / ログインできる\n" +
                "[2/3] 不合格 見本の機能 / 振込の上限\n" +
                "        FAILED: Assert.That(limit, Is.EqualTo(1000000))\n" +
                "        期待: 1000000\n" +
                "        実際: 500000\n" +
                "[3/3] 不合格 見本の機能 / 件名が違う\n" +
                "        FAILED: 期待: 件名「受付確認の案内」\n" +
                "        実際: 件名「違う件名」\n"));
            Assert.That((progress.Done, progress.Failed), Is.EqualTo((3, 2)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Lines_written_in_pieces_are_reported_once_each_when_complete()
    {
        var path = Path.Combine(Path.GetTempPath(), $"harness-progress-{Guid.NewGuid():N}.ndjson");
        var text = string.Join('\n', RunNdjson.Run(("p1", "ログインできる", null))) + "\n";
        var cut = text.LastIndexOf("{\"testCaseFinished\"", StringComparison.Ordinal) + 10;
        using var output = new StringWriter { NewLine = "\n" };
        try
        {
            var progress = new RunProgress(1, output);
            await File.WriteAllTextAsync(path, text[..cut]);
            var offset = await progress.ReadAsync(path, 0);
            Assert.That(output.ToString(), Is.Empty);

            await File.WriteAllTextAsync(path, text);
            await progress.ReadAsync(path, offset);
            Assert.That(output.ToString(), Is.EqualTo("[1/1] 合格   見本の機能 / ログインできる\n"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class RunProgressEndTests
{
    /// <summary>Reqnroll ends its file with testRunFinished and no line break: the last envelope is read once the writer is done.</summary>
    [Test]
    public async Task The_last_envelope_without_a_line_break_is_read_when_the_run_is_over()
    {
        var path = Path.Combine(Path.GetTempPath(), $"harness-progress-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(path, string.Join('\n', RunNdjson.Run(("p1", "ログインできる", null))));
        using var output = new StringWriter { NewLine = "\n" };
        try
        {
            var progress = new RunProgress(1, output);
            await progress.ReadAsync(path, 0);
            Assert.That((progress.Done, progress.RunSucceeded), Is.EqualTo((1, (bool?)null)));

            await progress.FinishAsync();
            Assert.That((progress.Done, progress.RunSucceeded), Is.EqualTo((1, (bool?)true)));
            Assert.That(output.ToString(), Is.EqualTo("[1/1] 合格   見本の機能 / ログインできる\n"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class RunProgressOutcomeTests
{
    [Test]
    public async Task Only_a_scenario_whose_every_step_passed_is_a_pass_skipped_and_unimplemented_ones_say_so()
    {
        var path = Path.Combine(Path.GetTempPath(), $"harness-progress-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(path, RunNdjson.Steps(
            ("p1", "ログインできる", ["hook:PASSED", "PASSED", "PASSED", "hook:PASSED"]),
            ("p2", "全部スキップ", ["hook:PASSED", "SKIPPED", "SKIPPED"]),
            ("p3", "途中でスキップ", ["PASSED", "SKIPPED"]),
            ("p4", "ステップがない", ["hook:PASSED"]),
            ("p5", "未定義のステップ", ["PASSED", "UNDEFINED", "SKIPPED"]),
            ("p6", "保留のステップ", ["PENDING", "SKIPPED"]),
            ("p7", "曖昧なステップ", ["AMBIGUOUS", "SKIPPED"]),
            ("p8", "前処理のフックが失敗", ["hook:FAILED", "SKIPPED"])));
        using var output = new StringWriter { NewLine = "\n" };
        try
        {
            var progress = new RunProgress(8, output);
            await progress.ReadAsync(path, 0);

            Assert.That(output.ToString(), Is.EqualTo(
                "[1/8] 合格   見本の機能 / ログインできる\n" +
                "[2/8] スキップ 見本の機能 / 全部スキップ\n" +
                "[3/8] スキップ 見本の機能 / 途中でスキップ\n" +
                "[4/8] スキップ 見本の機能 / ステップがない\n" +
                "[5/8] 未実装 見本の機能 / 未定義のステップ\n" +
                "        UNDEFINED\n" +
                "[6/8] 未実装 見本の機能 / 保留のステップ\n" +
                "        PENDING\n" +
                "[7/8] 不合格 見本の機能 / 曖昧なステップ\n" +
                "        AMBIGUOUS\n" +
                "[8/8] 不合格 見本の機能 / 前処理のフックが失敗\n" +
                "        FAILED\n"));
            Assert.That((progress.Done, progress.Failed, progress.Unimplemented, progress.Skipped), Is.EqualTo((8, 2, 2, 3)));
            Assert.That(progress.CountsLine(), Is.EqualTo("シナリオ: 合格 1・不合格 2・未実装 2・スキップ 3"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_scenario_finished_twice_counts_once_with_its_worse_outcome_and_a_retried_attempt_not_at_all()
    {
        var path = Path.Combine(Path.GetTempPath(), $"harness-progress-{Guid.NewGuid():N}.ndjson");
        var lines = RunNdjson.Steps(("p1", "ログインできる", ["PASSED"]));
        lines.RemoveAt(lines.Count - 1);
        lines.AddRange(
        [
            // A second test case of the same scenario, which fails; then an attempt to be retried, which counts for nothing.
            """{"testCase":{"id":"tc-p1b","pickleId":"p1","testSteps":[{"id":"s-p1b","pickleStepId":"ps-0"}]}}""",
            """{"testCaseStarted":{"id":"st-p1b","testCaseId":"tc-p1b","attempt":0,"timestamp":{"seconds":103,"nanos":0}}}""",
            """{"testStepFinished":{"testCaseStartedId":"st-p1b","testStepId":"s-p1b","testStepResult":{"status":"FAILED","duration":{"seconds":0,"nanos":1000}},"timestamp":{"seconds":103,"nanos":500}}}""",
            """{"testCaseFinished":{"testCaseStartedId":"st-p1b","willBeRetried":false,"timestamp":{"seconds":104,"nanos":0}}}""",
            """{"testCaseStarted":{"id":"st-p1c","testCaseId":"tc-p1","attempt":0,"timestamp":{"seconds":105,"nanos":0}}}""",
            """{"testStepFinished":{"testCaseStartedId":"st-p1c","testStepId":"s-p1-0","testStepResult":{"status":"PASSED","duration":{"seconds":0,"nanos":1000}},"timestamp":{"seconds":105,"nanos":500}}}""",
            """{"testCaseFinished":{"testCaseStartedId":"st-p1c","willBeRetried":true,"timestamp":{"seconds":106,"nanos":0}}}""",
        ]);
        await File.WriteAllLinesAsync(path, lines);
        using var output = new StringWriter { NewLine = "\n" };
        try
        {
            var progress = new RunProgress(2, output);
            await progress.ReadAsync(path, 0);

            Assert.That(output.ToString(), Is.EqualTo(
                "[1/2] 合格   見本の機能 / ログインできる\n" +
                "[1/2] 不合格 見本の機能 / ログインできる\n" +
                "        FAILED\n"));
            Assert.That((progress.Done, progress.Failed, progress.Unimplemented, progress.Skipped, progress.RunSucceeded), Is.EqualTo((1, 1, 0, 0, (bool?)null)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>A small run's Cucumber Messages: one feature, a scenario per (pickle id, name, failure message or null).</summary>
internal static class RunNdjson
{
    public static List<string> Run(params (string Id, string Name, string? Failure)[] scenarios)
    {
        var lines = new List<string>
        {
            """{"testRunStarted":{"timestamp":{"seconds":100,"nanos":0}}}""",
            """{"gherkinDocument":{"uri":"features/見本.feature","feature":{"location":{"line":2,"column":1},"tags":[],"language":"ja","keyword":"機能","name":"見本の機能","description":"","children":[]},"comments":[]}}""",
        };
        var second = 101;
        foreach (var (id, name, failure) in scenarios)
        {
            lines.Add($$$$"""{"pickle":{"id":"{{{{id}}}}","uri":"features/見本.feature","name":"{{{{name}}}}","language":"ja","steps":[],"tags":[{"name":"@bank:akita","astNodeId":"t"}],"astNodeIds":["a"]}}""");
            lines.Add($$$$"""{"testCase":{"id":"tc-{{{{id}}}}","pickleId":"{{{{id}}}}","testSteps":[{"id":"s-{{{{id}}}}","pickleStepId":"ps"}]}}""");
            lines.Add($$$$"""{"testCaseStarted":{"id":"st-{{{{id}}}}","testCaseId":"tc-{{{{id}}}}","attempt":0,"timestamp":{"seconds":{{{{second}}}},"nanos":0}}}""");
            var result = failure is null
                ? """{"status":"PASSED","duration":{"seconds":0,"nanos":1000}}"""
                : $$$$"""{"status":"FAILED","duration":{"seconds":0,"nanos":1000},"message":{{{{System.Text.Json.JsonSerializer.Serialize(failure)}}}}}""";
            lines.Add($$$$"""{"testStepFinished":{"testCaseStartedId":"st-{{{{id}}}}","testStepId":"s-{{{{id}}}}","testStepResult":{{{{result}}}},"timestamp":{"seconds":{{{{second}}}},"nanos":500}}}""");
            lines.Add($$$$"""{"testCaseFinished":{"testCaseStartedId":"st-{{{{id}}}}","willBeRetried":false,"timestamp":{"seconds":{{{{second + 1}}}},"nanos":0}}}""");
            second += 2;
        }

        lines.Add($$$$"""{"testRunFinished":{"success":true,"timestamp":{"seconds":{{{{second}}}},"nanos":0}}}""");
        return lines;
    }

    /// <summary>A run whose scenarios have these step statuses, in order (<c>hook:</c> for a hook's); every step without
    /// a message.</summary>
    public static List<string> Steps(params (string Id, string Name, string[] Statuses)[] scenarios)
    {
        var lines = new List<string>
        {
            """{"testRunStarted":{"timestamp":{"seconds":100,"nanos":0}}}""",
            """{"gherkinDocument":{"uri":"features/見本.feature","feature":{"location":{"line":2,"column":1},"tags":[],"language":"ja","keyword":"機能","name":"見本の機能","description":"","children":[]},"comments":[]}}""",
        };
        foreach (var (id, name, statuses) in scenarios)
        {
            var steps = statuses.Select((status, i) => status.StartsWith("hook:", StringComparison.Ordinal)
                ? $$$$"""{"id":"s-{{{{id}}}}-{{{{i}}}}","hookId":"h"}"""
                : $$$$"""{"id":"s-{{{{id}}}}-{{{{i}}}}","pickleStepId":"ps-{{{{i}}}}"}""");
            lines.Add($$$$"""{"pickle":{"id":"{{{{id}}}}","uri":"features/見本.feature","name":"{{{{name}}}}","language":"ja","steps":[],"tags":[],"astNodeIds":["a"]}}""");
            lines.Add($$$$"""{"testCase":{"id":"tc-{{{{id}}}}","pickleId":"{{{{id}}}}","testSteps":[{{{{string.Join(',', steps)}}}}]}}""");
            lines.Add($$$$"""{"testCaseStarted":{"id":"st-{{{{id}}}}","testCaseId":"tc-{{{{id}}}}","attempt":0,"timestamp":{"seconds":101,"nanos":0}}}""");
            for (var i = 0; i < statuses.Length; i++)
            {
                var status = statuses[i].Replace("hook:", string.Empty, StringComparison.Ordinal);
                lines.Add($$$$"""{"testStepFinished":{"testCaseStartedId":"st-{{{{id}}}}","testStepId":"s-{{{{id}}}}-{{{{i}}}}","testStepResult":{"status":"{{{{status}}}}","duration":{"seconds":0,"nanos":1000}},"timestamp":{"seconds":101,"nanos":500}}}""");
            }

            lines.Add($$$$"""{"testCaseFinished":{"testCaseStartedId":"st-{{{{id}}}}","willBeRetried":false,"timestamp":{"seconds":102,"nanos":0}}}""");
        }

        lines.Add("""{"testRunFinished":{"success":false,"timestamp":{"seconds":103,"nanos":0}}}""");
        return lines;
    }
}
