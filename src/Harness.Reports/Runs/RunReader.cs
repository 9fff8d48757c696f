using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Harness.Gherkin.Formatters;
using Io.Cucumber.Messages.Types;

namespace Harness.Reports.Runs;

/// <summary>Reads a run's Cucumber Messages NDJSON into scenario outcomes. It trusts nothing but the messages:
/// times are the messages' timestamps, durations the steps' reported durations.</summary>
public static class RunReader
{
    public const string LogMediaType = "text/x.cucumber.log+plain";
    public const string ManualTag = "@手動確認";
    public const string RequirementTagPrefix = "@req:";
    public const string BankTagPrefix = "@bank:";

    /// <summary>The start of the log line a scenario ends with, naming the ledger items it checked (features/_マニュアルの記載.md).</summary>
    public const string LedgerLogPrefix = "マニュアルの記載: ";
    private const string OctetStream = "application/octet-stream";

    public static RunResults Read(string ndjsonPath)
    {
        if (!File.Exists(ndjsonPath))
        {
            throw new ReportException($"実行結果の NDJSON {ndjsonPath} がありません。");
        }

        var state = new State();
        foreach (var (envelope, lineNo) in ReadEnvelopes(ndjsonPath))
        {
            state.Add(envelope, ndjsonPath, lineNo);
        }

        return state.Build();
    }

    /// <summary>Copies the NDJSON line by line through <see cref="Sanitize"/>. Lines with nothing to hide are copied byte for byte.</summary>
    public static void WriteSanitizedCopy(string ndjsonPath, string destination)
    {
        using var writer = new StreamWriter(destination, false, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var (envelope, line) in ReadLines(ndjsonPath))
        {
            var sanitized = envelope is null ? null : Sanitize(envelope);
            if (envelope is null || ReferenceEquals(sanitized, envelope))
            {
                writer.WriteLine(line);
            }
            else if (sanitized is not null)
            {
                writer.WriteLine(MessageSerializer.Serialize(sanitized));
            }
        }
    }

    /// <summary>An envelope as the report may pass it on (<see cref="SecretPolicy"/>): null for a secret attachment, a zip
    /// attachment redacted (<see cref="ZipRedaction"/>), secret values masked in log lines and step failure messages; the
    /// same instance when there is nothing to hide.</summary>
    public static Envelope? Sanitize(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Attachment is { } a)
        {
            var mediaType = MediaTypeOf(a);
            if (SecretPolicy.IsSecretAttachment(mediaType, a.FileName))
            {
                return null;
            }

            string? body = null;
            if (a.ContentEncoding == AttachmentContentEncoding.BASE64 && ZipRedaction.IsZip(mediaType, a.FileName) && TryBase64(a.Body) is { } zip)
            {
                body = Convert.ToBase64String(ZipRedaction.Redact(zip));
            }
            else if (a.ContentEncoding == AttachmentContentEncoding.IDENTITY && SecretPolicy.Redact(a.Body) is var redacted && redacted != a.Body)
            {
                body = redacted;
            }
            else if (a.ContentEncoding == AttachmentContentEncoding.BASE64 && IsTextLike(mediaType) && TryBase64(a.Body) is { } bytes
                && Encoding.UTF8.GetString(bytes) is var text && SecretPolicy.Redact(text) is var redactedText && redactedText != text)
            {
                // Reqnroll attaches every file (a mail's .eml, a JSON journal) as BASE64: its text is masked like a log line's.
                body = Convert.ToBase64String(Encoding.UTF8.GetBytes(redactedText));
            }

            return body is null || body == a.Body ? envelope : Envelope.Create(new Attachment(
                body, a.ContentEncoding, a.FileName, a.MediaType, a.Source, a.TestCaseStartedId, a.TestStepId, a.Url,
                a.TestRunStartedId, a.TestRunHookStartedId, a.Timestamp));
        }

        if (envelope.TestStepFinished is { TestStepResult: { } result } f)
        {
            var message = Masked(result.Message);
            var exception = result.Exception is { } x ? new Io.Cucumber.Messages.Types.Exception(x.Type, Masked(x.Message), Masked(x.StackTrace)) : null;
            if (message != result.Message || exception?.Message != result.Exception?.Message || exception?.StackTrace != result.Exception?.StackTrace)
            {
                return Envelope.Create(new TestStepFinished(f.TestCaseStartedId, f.TestStepId, new TestStepResult(result.Duration, message, result.Status, exception), f.Timestamp));
            }
        }

        if (envelope.TestRunHookFinished is { Result: { } hookResult } h && MaskedResult(hookResult) is { } maskedHook)
        {
            return Envelope.Create(new TestRunHookFinished(h.TestRunHookStartedId, maskedHook, h.Timestamp));
        }

        if (envelope.TestRunFinished is { } r)
        {
            var message = Masked(r.Message);
            var exception = MaskedException(r.Exception);
            if (message != r.Message || !ReferenceEquals(exception, r.Exception))
            {
                return Envelope.Create(new TestRunFinished(message, r.Success, r.Timestamp, exception, r.TestRunStartedId));
            }
        }

        return envelope;
    }

    /// <summary>The attachment's media type, or the one its file name's extension says when the runner did not know it
    /// (Reqnroll attaches files and writes application/octet-stream for what it has no mapping for, e.g. a mail's .eml).</summary>
    public static string MediaTypeOf(Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (!string.IsNullOrEmpty(attachment.MediaType) && !attachment.MediaType.Equals(OctetStream, StringComparison.OrdinalIgnoreCase))
        {
            return attachment.MediaType;
        }

        return Path.GetExtension(attachment.FileName ?? string.Empty).ToUpperInvariant() switch
        {
            ".EML" => "message/rfc822",
            ".PNG" => "image/png",
            ".JPG" or ".JPEG" => "image/jpeg",
            ".JSON" => "application/json",
            ".ZIP" => "application/zip",
            ".TXT" => "text/plain",
            ".HTML" or ".HTM" => "text/html",
            _ => string.IsNullOrEmpty(attachment.MediaType) ? OctetStream : attachment.MediaType,
        };
    }

    private static IEnumerable<(Envelope Envelope, int Line)> ReadEnvelopes(string path)
    {
        foreach (var (envelope, _, lineNo) in ReadLinesNumbered(path))
        {
            if (envelope is not null)
            {
                yield return (envelope, lineNo);
            }
        }
    }

    private static IEnumerable<(Envelope? Envelope, string Line)> ReadLines(string path)
    {
        foreach (var (envelope, line, _) in ReadLinesNumbered(path))
        {
            yield return (envelope, line);
        }
    }

    private static IEnumerable<(Envelope? Envelope, string Line, int LineNo)> ReadLinesNumbered(string path)
    {
        var lineNo = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            Envelope envelope;
            try
            {
                envelope = MessageSerializer.Deserialize(line);
            }
            catch (JsonException ex)
            {
                throw new ReportException($"実行結果 {path} の {lineNo} 行目が Cucumber Messages のエンベロープとして読めません: {ex.Message}", ex);
            }

            yield return (envelope, line, lineNo);
        }
    }

    private sealed class State
    {
        private readonly Dictionary<string, GherkinDocument> _documentsByUri = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Scenario> _scenariosByAstId = new(StringComparer.Ordinal);

        /// <summary>The line of each scenario and example row: a pickle's line is its row's, else its scenario's (the
        /// protocol's own pickle.location is newer than the messages Reqnroll writes).</summary>
        private readonly Dictionary<string, long> _lines = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Step> _stepsByAstId = new(StringComparer.Ordinal);
        private readonly List<Pickle> _pickles = [];
        private readonly Dictionary<string, Pickle> _picklesById = new(StringComparer.Ordinal);
        private readonly Dictionary<string, PickleStep> _pickleStepsById = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TestCase> _testCases = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TestCaseStarted> _started = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TestCaseFinished> _finished = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<TestStepFinished>> _stepResults = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<EvidenceFile>> _evidence = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _logs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<LedgerCheck>> _ledgerChecks = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _suggestions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _hookNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _runHookIds = new(StringComparer.Ordinal);
        private readonly List<FeatureSource> _sources = [];
        private DateTimeOffset? _startedAt;
        private DateTimeOffset? _finishedAt;
        private string? _runtime;
        private string? _implementation;
        private int _withheld;
        private int _evidenceCount;

        public void Add(Envelope e, string path, int lineNo)
        {
            if (e.Meta is { } meta)
            {
                _runtime = meta.Runtime is { } r ? $"{r.Name} {r.Version}" : null;
                _implementation = meta.Implementation is { } i ? $"{i.Name} {i.Version}" : null;
            }
            else if (e.Source is { } source)
            {
                _sources.Add(new FeatureSource(source.Uri, Sha256Hex(Encoding.UTF8.GetBytes(source.Data))));
            }
            else if (e.GherkinDocument is { } document)
            {
                AddDocument(document);
            }
            else if (e.Pickle is { } pickle)
            {
                _pickles.Add(pickle);
                _picklesById[pickle.Id] = pickle;
                foreach (var step in pickle.Steps)
                {
                    _pickleStepsById[step.Id] = step;
                }
            }
            else if (e.Hook is { } hook)
            {
                _hookNames[hook.Id] = hook.Name ?? hook.SourceReference?.JavaMethod?.MethodName ?? "フック";
            }
            else if (e.TestCase is { } testCase)
            {
                _testCases[testCase.Id] = testCase;
            }
            else if (e.Suggestion is { } suggestion)
            {
                ListOf(_suggestions, suggestion.PickleStepId).AddRange(suggestion.Snippets.Select(s => s.Code));
            }
            else if (e.TestRunStarted is { } runStarted)
            {
                _startedAt = ToTime(runStarted.Timestamp);
            }
            else if (e.TestRunFinished is { } runFinished)
            {
                _finishedAt = ToTime(runFinished.Timestamp);
            }
            else if (e.TestRunHookStarted is { } hookStarted)
            {
                _runHookIds[hookStarted.Id] = hookStarted.HookId;
            }
            else if (e.TestRunHookFinished is { Result: { } hookResult } hookFinished && hookResult.Status != TestStepResultStatus.PASSED)
            {
                // A test-run hook ([BeforeTestRun]/[AfterTestRun]) belongs to no scenario: its failure is shown with the run's logs.
                var name = _runHookIds.TryGetValue(hookFinished.TestRunHookStartedId, out var hookId) && _hookNames.TryGetValue(hookId, out var n) ? n : "フック";
                ListOf(_logs, string.Empty).Add(SecretPolicy.Redact($"テスト実行のフック {name}: {hookResult.Status.Value()} {hookResult.Message}".TrimEnd()));
            }
            else if (e.TestCaseStarted is { } caseStarted)
            {
                _started[caseStarted.Id] = caseStarted;
            }
            else if (e.TestCaseFinished is { } caseFinished)
            {
                _finished[caseFinished.TestCaseStartedId] = caseFinished;
            }
            else if (e.TestStepFinished is { } stepFinished)
            {
                ListOf(_stepResults, stepFinished.TestCaseStartedId).Add(stepFinished);
            }
            else if (e.Attachment is { } attachment)
            {
                AddAttachment(attachment, path, lineNo);
            }
        }

        private void AddDocument(GherkinDocument document)
        {
            _documentsByUri[document.Uri] = document;
            if (document.Feature is null)
            {
                return;
            }

            foreach (var child in document.Feature.Children)
            {
                AddChild(child.Background, child.Scenario);
                if (child.Rule is { } rule)
                {
                    foreach (var ruleChild in rule.Children)
                    {
                        AddChild(ruleChild.Background, ruleChild.Scenario);
                    }
                }
            }
        }

        private void AddChild(Background? background, Scenario? scenario)
        {
            foreach (var step in background?.Steps ?? [])
            {
                _stepsByAstId[step.Id] = step;
            }

            if (scenario is not null)
            {
                _scenariosByAstId[scenario.Id] = scenario;
                _lines[scenario.Id] = scenario.Location.Line;
                foreach (var row in scenario.Examples.SelectMany(e => e.TableBody))
                {
                    _lines[row.Id] = row.Location.Line;
                }

                foreach (var step in scenario.Steps)
                {
                    _stepsByAstId[step.Id] = step;
                }
            }
        }

        private void AddAttachment(Attachment a, string path, int lineNo)
        {
            var mediaType = MediaTypeOf(a);
            if (SecretPolicy.IsSecretAttachment(mediaType, a.FileName))
            {
                _withheld++;
                return;
            }

            var owner = a.TestCaseStartedId ?? string.Empty;
            if (mediaType == LogMediaType && a.ContentEncoding == AttachmentContentEncoding.IDENTITY && a.Body.StartsWith(LedgerLogPrefix, StringComparison.Ordinal))
            {
                // A record for the ledger section, not evidence: kept out of the logs the report shows.
                ListOf(_ledgerChecks, owner).Add(LedgerCheckOf(a.Body[LedgerLogPrefix.Length..], path, lineNo));
                return;
            }

            if (mediaType == LogMediaType)
            {
                ListOf(_logs, owner).Add(SecretPolicy.Redact(a.Body));
                return;
            }

            byte[] content;
            try
            {
                content = a.ContentEncoding == AttachmentContentEncoding.BASE64
                    ? IsTextLike(mediaType) ? Encoding.UTF8.GetBytes(SecretPolicy.Redact(Encoding.UTF8.GetString(Convert.FromBase64String(a.Body)))) : Convert.FromBase64String(a.Body)
                    : Encoding.UTF8.GetBytes(SecretPolicy.Redact(a.Body));
            }
            catch (FormatException ex)
            {
                throw new ReportException($"実行結果 {path} の {lineNo} 行目: 添付 (attachment) の本文が base64 として読めません。", ex);
            }

            if (ZipRedaction.IsZip(mediaType, a.FileName))
            {
                content = ZipRedaction.Redact(content);
            }

            _evidenceCount++;
            var name = EvidenceName(a.FileName, mediaType);
            ListOf(_evidence, owner).Add(new EvidenceFile(
                _evidenceCount, $"evidence/{_evidenceCount:D3}-{name}", mediaType, a.FileName, content, a.TestStepId));
        }

        public RunResults Build()
        {
            var finalAttempts = _started.Values
                .Where(s => !(_finished.TryGetValue(s.Id, out var f) && f.WillBeRetried))
                .GroupBy(s => s.TestCaseId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Attempt)!, StringComparer.Ordinal);
            var startedByPickle = _testCases.Values
                .Where(tc => finalAttempts.ContainsKey(tc.Id))
                .ToDictionary(tc => tc.PickleId, tc => (TestCase: tc, Started: finalAttempts[tc.Id]), StringComparer.Ordinal);

            var scenarios = new List<ScenarioOutcome>();
            var undefined = new List<UndefinedStep>();
            foreach (var pickle in _pickles)
            {
                var featureName = _documentsByUri.TryGetValue(pickle.Uri, out var doc) && doc.Feature is { } f ? f.Name : pickle.Uri;
                var tags = pickle.Tags.Select(t => t.Name).ToList();
                var ast = pickle.AstNodeIds.Count > 0 && _scenariosByAstId.TryGetValue(pickle.AstNodeIds[0], out var s) ? s : null;
                var isManual = tags.Contains(ManualTag, StringComparer.Ordinal);
                var steps = new List<StepOutcome>();
                IReadOnlyList<EvidenceFile> evidence = [];
                IReadOnlyList<string> logs = [];
                var duration = TimeSpan.Zero;
                ScenarioStatus status;
                if (startedByPickle.TryGetValue(pickle.Id, out var run))
                {
                    var results = _stepResults.TryGetValue(run.Started.Id, out var r) ? r : [];
                    foreach (var testStep in run.TestCase.TestSteps)
                    {
                        var result = results.FirstOrDefault(x => x.TestStepId == testStep.Id);
                        if (result is null)
                        {
                            continue;
                        }

                        duration += ToTimeSpan(result.TestStepResult.Duration);
                        steps.Add(StepOf(testStep, result));
                        if (result.TestStepResult.Status == TestStepResultStatus.UNDEFINED && testStep.PickleStepId is { } psid)
                        {
                            var last = steps[^1];
                            if (!isManual)
                            {
                                // A manual scenario's steps are not meant to be bound: they are not listed as undefined.
                                undefined.Add(new UndefinedStep(featureName, pickle.Name, last.Keyword, last.Text,
                                    _suggestions.TryGetValue(psid, out var snippets) ? snippets : []));
                            }
                        }
                    }

                    if (!_finished.ContainsKey(run.Started.Id))
                    {
                        steps.Add(new StepOutcome(string.Empty, "(シナリオが終了していません: 実行が途中で止まりました)", "FAILED", null, true, string.Empty));
                    }

                    evidence = _evidence.TryGetValue(run.Started.Id, out var ev) ? ev : [];
                    logs = _logs.TryGetValue(run.Started.Id, out var lg) ? lg : [];
                    status = isManual ? ScenarioStatus.Manual : StatusOf(steps);
                }
                else
                {
                    status = isManual ? ScenarioStatus.Manual : ScenarioStatus.NotRun;
                }

                scenarios.Add(new ScenarioOutcome(
                    pickle.Id, pickle.Uri, featureName, pickle.Name, (int)Enumerable.Reverse(pickle.AstNodeIds).Select(id => _lines.GetValueOrDefault(id)).FirstOrDefault(l => l > 0), tags,
                    [.. tags.Where(t => t.StartsWith(RequirementTagPrefix, StringComparison.Ordinal)).Select(t => t[RequirementTagPrefix.Length..]).Distinct(StringComparer.Ordinal)],
                    [.. tags.Where(t => t.StartsWith(BankTagPrefix, StringComparison.Ordinal)).Select(t => t[BankTagPrefix.Length..]).Distinct(StringComparer.Ordinal)],
                    tags.Contains("@ui", StringComparer.Ordinal) ? "ui" : tags.Contains("@api", StringComparer.Ordinal) ? "api" : null,
                    isManual ? (ast?.Description?.Trim() is { Length: > 0 } reason ? reason : "(理由の記載なし)") : null,
                    status, steps, evidence, logs, duration)
                {
                    LedgerChecks = run.Started is { } st && _ledgerChecks.TryGetValue(st.Id, out var checks) ? checks : [],
                });
            }

            // Outline rows share a name: tell them apart by their line so history compares like with like.
            var duplicates = scenarios.GroupBy(s => s.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            scenarios = [.. scenarios.Select(s => duplicates.Contains(s.Key) ? s with { Key = $"{s.Key} (行 {s.Line})" } : s)];

            return new RunResults(scenarios, undefined, _sources, _startedAt, _finishedAt, _runtime, _implementation, _withheld)
            {
                RunEvidence = _evidence.TryGetValue(string.Empty, out var runEvidence) ? runEvidence : [],
                RunLogs = _logs.TryGetValue(string.Empty, out var runLogs) ? runLogs : [],
            };
        }

        private static LedgerCheck LedgerCheckOf(string json, string path, int lineNo)
        {
            var where = $"実行結果 {path} の {lineNo} 行目: ログ「{LedgerLogPrefix.Trim()}」の JSON";
            try
            {
                using var doc = JsonDocument.Parse(json);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("bank", out var bank) || bank.ValueKind != JsonValueKind.String)
                {
                    throw new ReportException($"{where} に bank (文字列) がありません: {json}");
                }

                IReadOnlyList<string> Ids(string name)
                {
                    if (!root.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
                    {
                        return [];
                    }

                    if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                    {
                        throw new ReportException($"{where} の {name} が文字列の配列ではありません: {json}");
                    }

                    return [.. list.EnumerateArray().Select(x => x.GetString()!)];
                }

                return new LedgerCheck(bank.GetString()!, Ids("checked"), Ids("failed"));
            }
            catch (JsonException ex)
            {
                throw new ReportException($"{where} が読めません: {ex.Message}", ex);
            }
        }

        private StepOutcome StepOf(TestStep testStep, TestStepFinished result)
        {
            var message = result.TestStepResult.Message is { } m ? SecretPolicy.Redact(m) : null;
            var status = result.TestStepResult.Status.Value();
            if (testStep.PickleStepId is { } pickleStepId && _pickleStepsById.TryGetValue(pickleStepId, out var pickleStep))
            {
                var keyword = pickleStep.AstNodeIds.Count > 0 && _stepsByAstId.TryGetValue(pickleStep.AstNodeIds[0], out var astStep) ? astStep.Keyword.Trim() : string.Empty;
                return new StepOutcome(keyword, pickleStep.Text, status, message, false, testStep.Id);
            }

            var hook = testStep.HookId is { } hookId && _hookNames.TryGetValue(hookId, out var name) ? name : "フック";
            return new StepOutcome("フック", hook, status, message, true, testStep.Id);
        }

        private static ScenarioStatus StatusOf(List<StepOutcome> steps)
        {
            if (steps.Any(s => s.Status is not ("PASSED" or "SKIPPED" or "UNDEFINED" or "PENDING")))
            {
                return ScenarioStatus.Failed;
            }

            if (steps.Any(s => s.Status is "UNDEFINED" or "PENDING"))
            {
                return ScenarioStatus.Unimplemented;
            }

            // A scenario whose steps were all skipped (or that has none) verified nothing.
            return steps.Any(s => s is { IsHook: false, Status: "PASSED" }) && steps.All(s => s.Status == "PASSED") ? ScenarioStatus.Passed : ScenarioStatus.Skipped;
        }

        private static string EvidenceName(string? fileName, string mediaType)
        {
            var name = string.IsNullOrWhiteSpace(fileName) ? "attachment" + ExtensionOf(mediaType) : Path.GetFileName(fileName);
            var sb = new StringBuilder(name.Length);
            foreach (var c in name)
            {
                sb.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
            }

            return sb.ToString().TrimStart('.') is { Length: > 0 } safe ? safe : "attachment" + ExtensionOf(mediaType);
        }

        private static string ExtensionOf(string mediaType) => mediaType.ToUpperInvariant() switch
        {
            "IMAGE/PNG" => ".png",
            "IMAGE/JPEG" => ".jpg",
            "TEXT/HTML" => ".html",
            "TEXT/PLAIN" => ".txt",
            "APPLICATION/JSON" => ".json",
            "APPLICATION/ZIP" => ".zip",
            "MESSAGE/RFC822" => ".eml",
            _ => ".bin",
        };

        private static List<T> ListOf<T>(Dictionary<string, List<T>> map, string key)
        {
            if (!map.TryGetValue(key, out var list))
            {
                list = [];
                map[key] = list;
            }

            return list;
        }
    }

    private static string? Masked(string? text) => text is null ? null : SecretPolicy.Redact(text);

    /// <summary>The result with secret values masked in its message and exception; null when there is nothing to mask.</summary>
    private static TestStepResult? MaskedResult(TestStepResult result)
    {
        var message = Masked(result.Message);
        var exception = MaskedException(result.Exception);
        return message == result.Message && ReferenceEquals(exception, result.Exception)
            ? null
            : new TestStepResult(result.Duration, message, result.Status, exception);
    }

    /// <summary>The exception with secret values masked in its message and stack trace; the same instance when there are none.</summary>
    private static Io.Cucumber.Messages.Types.Exception? MaskedException(Io.Cucumber.Messages.Types.Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        var message = Masked(exception.Message);
        var stackTrace = Masked(exception.StackTrace);
        return message == exception.Message && stackTrace == exception.StackTrace
            ? exception
            : new Io.Cucumber.Messages.Types.Exception(exception.Type, message, stackTrace);
    }

    /// <summary>Media types whose body is text a secret value can be written in: text/*, JSON, XML and a mail (message/rfc822).</summary>
    private static bool IsTextLike(string mediaType)
    {
        var type = mediaType.Split(';')[0].Trim();
        return type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("message/", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }

    private static byte[]? TryBase64(string body)
    {
        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    internal static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static DateTimeOffset ToTime(Timestamp t) => DateTimeOffset.FromUnixTimeSeconds(t.Seconds).AddTicks(t.Nanos / 100);

    private static TimeSpan ToTimeSpan(Duration? d) => d is null ? TimeSpan.Zero : TimeSpan.FromSeconds(d.Seconds) + TimeSpan.FromTicks(d.Nanos / 100);
}
