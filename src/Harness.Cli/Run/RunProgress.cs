using System.Globalization;
using Harness.Gherkin.Formatters;
using Io.Cucumber.Messages.Types;

namespace Harness.Cli.Run;

/// <summary>Follows the run's messages file: a line per finished scenario and, for a failure, its first line and what was
/// expected and what happened (<c>期待:</c> / <c>実際:</c>, also from NUnit's <c>Expected:</c> / <c>But was:</c>).</summary>
internal sealed class RunProgress(int total, TextWriter output)
{
    private readonly Dictionary<string, string> _pickleNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _testCasePickles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _testCaseSteps = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hookSteps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _passedSteps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unimplemented = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _featureOfPickle = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Outcome> _outcomes = new(StringComparer.Ordinal);
    private string _partial = string.Empty;

    /// <summary>How a scenario ended, from best to worst; a scenario run more than once counts with its worst.</summary>
    private enum Outcome
    {
        Passed,
        Skipped,
        Unimplemented,
        Failed,
    }

    /// <summary>Scenarios (pickles) that finished: a set, so that a scenario run twice, or a second test case of it, cannot
    /// stand in for a selected scenario that never ran.</summary>
    public int Done => _outcomes.Count;

    /// <summary>Scenarios every step of which ran and passed.</summary>
    public int Passed => Count(Outcome.Passed);

    /// <summary>Scenarios with a FAILED, AMBIGUOUS or UNKNOWN step (or hook). AMBIGUOUS is a defect of the harness, but of code
    /// that exists (two bindings match), so it is not 未実装: it must be fixed before the run can be trusted.</summary>
    public int Failed => Count(Outcome.Failed);

    /// <summary>Scenarios, not failed, with an UNDEFINED or PENDING step.</summary>
    public int Unimplemented => Count(Outcome.Unimplemented);

    /// <summary>Scenarios, neither failed nor unimplemented, of which not every step passed (skipped, ignored, no steps).</summary>
    public int Skipped => Count(Outcome.Skipped);

    /// <summary>testRunFinished's success: null while the run has not recorded its end (or never did, as when the test host
    /// stopped), false when Reqnroll recorded a failure, also one outside every scenario (a hook of the run or a feature).</summary>
    public bool? RunSucceeded { get; private set; }

    /// <summary>Reads what was appended to <paramref name="path"/> since <paramref name="offset"/>; returns the new offset.</summary>
    public async Task<long> ReadAsync(string path, long offset)
    {
        if (!File.Exists(path))
        {
            return offset;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException)
        {
            // Reqnroll's formatter holds the file exclusively (.NET's lock) while it writes: read it once it lets go.
            return offset;
        }

        await using var _ = stream;
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = _partial + await reader.ReadToEndAsync();
        var lines = text.Split('\n');
        _partial = lines[^1];
        foreach (var line in lines[..^1])
        {
            if (line.Length > 0)
            {
                await HandleAsync(MessageSerializer.Deserialize(line));
            }
        }

        return stream.Position;
    }

    /// <summary>After the writer has finished: its last envelope, which Reqnroll does not end with a line break (testRunFinished).</summary>
    public async Task FinishAsync()
    {
        var last = _partial.Trim();
        _partial = string.Empty;
        if (last.Length > 0)
        {
            await HandleAsync(MessageSerializer.Deserialize(last));
        }
    }

    /// <summary>The lines printed under 不合格: the message's first line, then its expected and actual values.</summary>
    internal static IEnumerable<string> FailureLines(string status, string? message)
    {
        var lines = (message ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        yield return lines.Count == 0 ? status : $"{status}: {lines[0]}";
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("期待:", StringComparison.Ordinal) || line.StartsWith("実際:", StringComparison.Ordinal))
            {
                yield return line;
            }
            else if (line.StartsWith("Expected:", StringComparison.Ordinal))
            {
                yield return "期待: " + line["Expected:".Length..].Trim();
            }
            else if (line.StartsWith("But was:", StringComparison.Ordinal))
            {
                yield return "実際: " + line["But was:".Length..].Trim();
            }
        }
    }

    private async Task HandleAsync(Envelope e)
    {
        if (e.GherkinDocument is { } doc && doc.Feature is { } feature)
        {
            _featureOfPickle[doc.Uri] = feature.Name;
        }
        else if (e.Pickle is { } pickle)
        {
            _pickleNames[pickle.Id] = $"{_featureOfPickle.GetValueOrDefault(pickle.Uri, pickle.Uri)} / {pickle.Name}";
        }
        else if (e.TestCase is { } testCase)
        {
            _testCasePickles[testCase.Id] = testCase.PickleId;
            _testCaseSteps[testCase.Id] = testCase.TestSteps.Count(s => s.HookId is null);
            _hookSteps.UnionWith(testCase.TestSteps.Where(s => s.HookId is not null).Select(s => s.Id));
        }
        else if (e.TestCaseStarted is { } started)
        {
            _started[started.Id] = started.TestCaseId;
        }
        else if (e.TestStepFinished is { } step)
        {
            var result = step.TestStepResult;
            if (result.Status is TestStepResultStatus.PASSED)
            {
                if (!_hookSteps.Contains(step.TestStepId))
                {
                    _passedSteps[step.TestCaseStartedId] = _passedSteps.GetValueOrDefault(step.TestCaseStartedId) + 1;
                }
            }
            else if (result.Status is TestStepResultStatus.UNDEFINED or TestStepResultStatus.PENDING)
            {
                _unimplemented.TryAdd(step.TestCaseStartedId, Details(result));
            }
            else if (result.Status is not TestStepResultStatus.SKIPPED)
            {
                _failures.TryAdd(step.TestCaseStartedId, Details(result));
            }
        }
        else if (e.TestRunFinished is { } runFinished)
        {
            RunSucceeded = runFinished.Success;
        }
        else if (e.TestCaseFinished is { } finished && !finished.WillBeRetried)
        {
            var testCaseId = _started.GetValueOrDefault(finished.TestCaseStartedId, string.Empty);
            var pickleId = _testCasePickles.GetValueOrDefault(testCaseId, string.Empty);
            var name = _pickleNames.GetValueOrDefault(pickleId, "?");
            var (outcome, line) =
                _failures.TryGetValue(finished.TestCaseStartedId, out var failure) ? (Outcome.Failed, $"不合格 {name}\n{failure}")
                : _unimplemented.TryGetValue(finished.TestCaseStartedId, out var missing) ? (Outcome.Unimplemented, $"未実装 {name}\n{missing}")
                // Only a scenario whose every step ran and passed is a pass: skipped (ignored) steps prove nothing.
                : _testCaseSteps.GetValueOrDefault(testCaseId) is var steps && (steps == 0 || _passedSteps.GetValueOrDefault(finished.TestCaseStartedId) < steps) ? (Outcome.Skipped, $"スキップ {name}")
                : (Outcome.Passed, $"合格   {name}");
            _outcomes[pickleId] = _outcomes.TryGetValue(pickleId, out var before) && before > outcome ? before : outcome;
            var width = total.ToString(CultureInfo.InvariantCulture).Length;
            await output.WriteLineAsync($"[{Done.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{total}] {line}");
        }
    }

    /// <summary>The count line printed at the end of <c>run</c>: 未実装 apart from 不合格 (the bank's failures).</summary>
    public string CountsLine() => string.Create(CultureInfo.InvariantCulture,
        $"シナリオ: 合格 {Passed}・不合格 {Failed}・未実装 {Unimplemented}・スキップ {Skipped}");

    private int Count(Outcome outcome) => _outcomes.Values.Count(o => o == outcome);

    private static string Details(TestStepResult result) =>
        string.Join('\n', FailureLines(result.Status.ToString(), result.Message).Select(l => "        " + l));
}
