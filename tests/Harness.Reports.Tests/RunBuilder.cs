using System.Globalization;
using System.Text;
using Harness.Gherkin.Formatters;
using Io.Cucumber.Messages.Types;

namespace Harness.Reports.Tests;

internal sealed record StepSpec(string Keyword, string Text, TestStepResultStatus Status, string? Message = null, string? Snippet = null)
{
    public static StepSpec Passed(string keyword, string text) => new(keyword, text, TestStepResultStatus.PASSED);

    public static StepSpec Failed(string keyword, string text, string message) => new(keyword, text, TestStepResultStatus.FAILED, message);

    public static StepSpec Skipped(string keyword, string text) => new(keyword, text, TestStepResultStatus.SKIPPED);

    public static StepSpec Undefined(string keyword, string text, string snippet) => new(keyword, text, TestStepResultStatus.UNDEFINED, $"未定義のステップです: 「{keyword} {text}」", snippet);
}

/// <summary>An attachment made during step <see cref="StepIndex"/>; text bodies (logs) use IDENTITY, others base64.</summary>
internal sealed record AttachmentSpec(int StepIndex, string MediaType, string? FileName, string Body, bool Base64);

internal sealed record ScenarioSpec(string Feature, string Name, IReadOnlyList<string> Tags, IReadOnlyList<StepSpec> Steps)
{
    public string Description { get; init; } = string.Empty;

    public bool Executed { get; init; } = true;

    public IReadOnlyList<AttachmentSpec> Attachments { get; init; } = [];
}

/// <summary>Writes a Cucumber Messages NDJSON the way Harness.Gherkin does (sources, documents, pickles, test cases,
/// step results, attachments, suggestions), with timestamps from a fixed clock: no wall clock in the tests.</summary>
internal sealed class RunBuilder
{
    /// <summary>A 1×1 PNG.</summary>
    public const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    /// <summary>2026-11-23T10:00:00Z.</summary>
    public const long StartSeconds = 1_795_428_000;

    private readonly List<ScenarioSpec> _scenarios = [];
    private int _id;
    private long _millis;

    private readonly List<AttachmentSpec> _runAttachments = [];

    /// <summary>An attachment of the run itself (a [BeforeTestRun] hook), with no test case.</summary>
    public RunBuilder AddRunAttachment(AttachmentSpec attachment)
    {
        _runAttachments.Add(attachment);
        return this;
    }

    public RunBuilder Add(ScenarioSpec scenario)
    {
        _scenarios.Add(scenario);
        return this;
    }

    public static string FeatureText(string feature) => $"# language: ja\n機能: {feature}\n";

    public void WriteTo(string path)
    {
        var lines = Build().Select(MessageSerializer.Serialize);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
    }

    public List<Envelope> Build()
    {
        var envelopes = new List<Envelope>
        {
            Envelope.Create(new Meta("35.0.0", new Product("Harness.Gherkin", "1.0.0.0"), new Product(".NET", "10.0.12"), new Product("Unix", "6"), new Product("X64", null), null)),
        };
        var planned = new List<(ScenarioSpec Spec, Pickle Pickle)>();
        foreach (var feature in _scenarios.GroupBy(s => s.Feature))
        {
            var uri = feature.Key + ".feature";
            envelopes.Add(Envelope.Create(new Source(uri, FeatureText(feature.Key), SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN)));
            var children = new List<FeatureChild>();
            var pickles = new List<Pickle>();
            var line = 3L;
            foreach (var spec in feature)
            {
                var scenarioLine = line;
                var steps = spec.Steps.Select(s => new Step(new Location(++line, 5), s.Keyword + " ", StepKeywordType.CONTEXT, s.Text, null, null, NextId())).ToList();
                var tags = spec.Tags.Select(t => new Tag(new Location(scenarioLine - 1, 3), t, NextId())).ToList();
                var scenario = new Scenario(new Location(scenarioLine, 3), tags, "シナリオ", spec.Name, spec.Description, steps, [], NextId());
                children.Add(new FeatureChild(null, null, scenario));
                var pickle = new Pickle(
                    NextId(), uri, spec.Name, "ja",
                    [.. steps.Select(s => new PickleStep(null, [s.Id], NextId(), PickleStepType.CONTEXT, s.Text))],
                    [.. tags.Select(t => new PickleTag(t.Name, t.Id))],
                    [scenario.Id]);
                pickles.Add(pickle);
                planned.Add((spec, pickle));
                line += 3;
            }

            envelopes.Add(Envelope.Create(new GherkinDocument(uri, new Feature(new Location(2, 1), [], "ja", "機能", feature.Key, string.Empty, children), [])));
            envelopes.AddRange(pickles.Select(Envelope.Create));
        }

        var runId = NextId();
        envelopes.Add(Envelope.Create(new TestRunStarted(Now(), runId)));
        envelopes.AddRange(_runAttachments.Select(a => Envelope.Create(new Attachment(
            a.Body, a.Base64 ? AttachmentContentEncoding.BASE64 : AttachmentContentEncoding.IDENTITY, a.FileName, a.MediaType, null, null, null, null, runId, null, Now()))));
        foreach (var (spec, pickle) in planned.Where(p => p.Spec.Executed))
        {
            var testSteps = pickle.Steps.Select(s => new TestStep(null, NextId(), s.Id, [], [])).ToList();
            var testCase = new TestCase(NextId(), pickle.Id, testSteps, runId);
            envelopes.Add(Envelope.Create(testCase));
            for (var i = 0; i < spec.Steps.Count; i++)
            {
                if (spec.Steps[i].Snippet is { } snippet)
                {
                    envelopes.Add(Envelope.Create(new Suggestion(NextId(), pickle.Steps[i].Id, [new Snippet("csharp", snippet)])));
                }
            }

            var startedId = NextId();
            envelopes.Add(Envelope.Create(new TestCaseStarted(0, startedId, testCase.Id, "1", Now())));
            for (var i = 0; i < spec.Steps.Count; i++)
            {
                var step = spec.Steps[i];
                envelopes.Add(Envelope.Create(new TestStepStarted(startedId, testSteps[i].Id, Now())));
                foreach (var a in spec.Attachments.Where(a => a.StepIndex == i))
                {
                    envelopes.Add(Envelope.Create(new Attachment(
                        a.Body, a.Base64 ? AttachmentContentEncoding.BASE64 : AttachmentContentEncoding.IDENTITY, a.FileName, a.MediaType,
                        null, startedId, testSteps[i].Id, null, null, null, Now())));
                }

                envelopes.Add(Envelope.Create(new TestStepFinished(startedId, testSteps[i].Id,
                    new TestStepResult(new Duration(0, 250_000_000), step.Message, step.Status, null), Now())));
            }

            envelopes.Add(Envelope.Create(new TestCaseFinished(startedId, Now(), false)));
        }

        envelopes.Add(Envelope.Create(new TestRunFinished(null, true, Now(), null, runId)));
        return envelopes;
    }

    private string NextId() => (++_id).ToString(CultureInfo.InvariantCulture);

    private Timestamp Now()
    {
        _millis += 500;
        return new Timestamp(StartSeconds + (_millis / 1000), _millis % 1000 * 1_000_000);
    }
}
