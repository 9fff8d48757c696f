using System.Globalization;
using Harness.Gherkin.Bindings;
using Harness.Gherkin.Configuration;
using Harness.Gherkin.ErrorHandling;
using Harness.Gherkin.Infrastructure;
using Harness.Gherkin.Parsing;
using Messages = Io.Cucumber.Messages.Types;

namespace Harness.Gherkin.Execution;

/// <summary>One scenario's run, as Reqnroll's TestExecutionEngine: BeforeScenario hooks, the steps (each with BeforeStep/AfterStep
/// hooks; after a failure the rest are skipped but still matched), AfterScenario hooks always, then the container is disposed.</summary>
internal sealed class ScenarioRunner
{
    private readonly TestRunner _run;
    private readonly FeatureRun _feature;
    private readonly ScenarioCase _scenario;
    private readonly Exception? _inheritedError;
    private readonly ScopeTarget _scope;
    private readonly List<StepResult> _results = [];
    private readonly List<string> _pendingMethods = [];
    private StepStatus _status = StepStatus.Passed;
    private string? _message;
    private Exception? _error;

    public ScenarioRunner(TestRunner run, FeatureRun feature, ScenarioCase scenario, Exception? inheritedError)
    {
        _run = run;
        _feature = feature;
        _scenario = scenario;
        _inheritedError = inheritedError;
        _scope = new ScopeTarget(scenario.Tags, feature.Feature.Title, scenario.ScenarioTitle);
    }

    private sealed record PlannedStep(Messages.PickleStep PickleStep, StepToMatch Step, StepMatch Match, string TestStepId, int Line, string? Snippet);

    private sealed record PlannedHook(HookBinding Hook, string TestStepId);

    public async Task<ScenarioResult> RunAsync()
    {
        var started = _run.Time.GetTimestamp();
        var culture = _run.Configuration.BindingCulture;
        var steps = Plan(culture);
        var beforeHooks = _run.Registry.HooksOf(HookType.BeforeScenario).Where(h => h.AppliesTo(_scope)).Select(h => new PlannedHook(h, _run.Ids.GetNewId())).ToList();
        var afterHooks = _run.Registry.HooksOf(HookType.AfterScenario).Where(h => h.AppliesTo(_scope)).Select(h => new PlannedHook(h, _run.Ids.GetNewId())).ToList();

        var testCaseId = _run.Ids.GetNewId();
        _run.Sink.Publish(Messages.Envelope.Create(new Messages.TestCase(
            testCaseId,
            _scenario.Pickle.Id,
            [
                .. beforeHooks.Select(h => new Messages.TestStep(h.Hook.Id, h.TestStepId, null, null, null)),
                .. steps.Select(TestStepOf),
                .. afterHooks.Select(h => new Messages.TestStep(h.Hook.Id, h.TestStepId, null, null, null)),
            ],
            _run.TestRunStartedId)));
        foreach (var step in steps.Where(s => s.Snippet is not null))
        {
            _run.Sink.Publish(Messages.Envelope.Create(new Messages.Suggestion(_run.Ids.GetNewId(), step.PickleStep.Id, [new Messages.Snippet("csharp", step.Snippet!)])));
        }

        var testCaseStartedId = _run.Ids.GetNewId();
        _run.Sink.Publish(Messages.Envelope.Create(new Messages.TestCaseStarted(0, testCaseStartedId, testCaseId, Environment.CurrentManagedThreadId.ToString(CultureInfo.InvariantCulture), _run.Now())));

        var container = new ObjectContainer(_feature.Container);
        var info = new ScenarioInfo(_scenario.ScenarioTitle, _scenario.ScenarioDescription, _scenario.OwnTags, _scenario.Tags, _scenario.ExampleValues, _scenario.RuleTitle);
        var context = new ScenarioContext(info, container);
        var output = new OutputHelper(_run, testCaseStartedId);
        container.RegisterInstanceAs(context);
        container.RegisterInstanceAs(info);
        container.RegisterInstanceAs(_feature.Context);
        container.RegisterInstanceAs<IReqnrollOutputHelper>(output);

        if (_inheritedError is not null)
        {
            Fail(StepStatus.Failed, _inheritedError.Message, _inheritedError);
        }

        foreach (var hook in beforeHooks)
        {
            await RunHookAsync(hook, container, context, testCaseStartedId, output, skip: _status != StepStatus.Passed).ConfigureAwait(false);
        }

        foreach (var step in steps)
        {
            await RunStepAsync(step, container, context, testCaseStartedId, output, culture).ConfigureAwait(false);
        }

        context.StepContext = null;
        foreach (var hook in afterHooks)
        {
            await RunHookAsync(hook, container, context, testCaseStartedId, output, skip: false).ConfigureAwait(false);
        }

        try
        {
            await container.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(StepStatus.Failed, $"シナリオのオブジェクトの破棄 (Dispose) が失敗しました: {ex.Message}", ex);
        }

        _run.Sink.Publish(Messages.Envelope.Create(new Messages.TestCaseFinished(testCaseStartedId, _run.Now(), false)));
        if (_status == StepStatus.Pending)
        {
            _message = ErrorProvider.Pending(_pendingMethods);
        }

        return new ScenarioResult(_scenario.DisplayName, _status, _message, _results, _run.Time.GetElapsedTime(started), _error);
    }

    private List<PlannedStep> Plan(CultureInfo culture) =>
        PickleSteps.Plan(_scenario).Select(p =>
        {
            var match = _run.Matcher.Match(p.Step);
            var snippet = match is StepUndefined ? SnippetGenerator.Generate(p.Step.Type, p.Step.Text, p.Step.Arguments, culture) : null;
            return new PlannedStep(p.PickleStep, p.Step, match, _run.Ids.GetNewId(), p.Line, snippet);
        }).ToList();

    private static Messages.TestStep TestStepOf(PlannedStep step) => step.Match switch
    {
        StepMatched m => new Messages.TestStep(
            null,
            step.TestStepId,
            step.PickleStep.Id,
            [m.Binding.Id],
            [new Messages.StepMatchArgumentsList(m.TextArguments.Select(a => new Messages.StepMatchArgument(
                new Messages.Group([], a.Start, a.Value), a.ParameterType?.Name)).ToList())]),
        StepAmbiguous a => new Messages.TestStep(null, step.TestStepId, step.PickleStep.Id, a.Candidates.Select(c => c.Id).Distinct().ToList(), []),
        _ => new Messages.TestStep(null, step.TestStepId, step.PickleStep.Id, [], []),
    };

    private async Task RunHookAsync(PlannedHook hook, IObjectContainer container, ScenarioContext context, string testCaseStartedId, OutputHelper output, bool skip)
    {
        _run.Sink.Publish(Messages.Envelope.Create(new Messages.TestStepStarted(testCaseStartedId, hook.TestStepId, _run.Now())));
        var started = _run.Time.GetTimestamp();
        var status = Messages.TestStepResultStatus.SKIPPED;
        string? message = null;
        Messages.Exception? exception = null;
        if (!skip)
        {
            output.CurrentTestStepId = hook.TestStepId;
            try
            {
                await _run.InvokeAsync(hook.Hook.Method, container, []).ConfigureAwait(false);
                status = Messages.TestStepResultStatus.PASSED;
            }
            catch (Exception ex)
            {
                status = Messages.TestStepResultStatus.FAILED;
                message = ErrorProvider.HookFailed(hook.Hook, ex);
                exception = new Messages.Exception(ex.GetType().FullName!, ex.Message, ex.StackTrace);
                context.TestError ??= ex;
                context.ScenarioExecutionStatus = ScenarioExecutionStatus.TestError;
                Fail(StepStatus.Failed, message, ex);
                Trace($"-> フック失敗: {message}");
            }
        }

        _run.Sink.Publish(Messages.Envelope.Create(new Messages.TestStepFinished(testCaseStartedId, hook.TestStepId,
            new Messages.TestStepResult(Cucumber.Messages.Converters.ToDuration(_run.Time.GetElapsedTime(started)), message, status, exception), _run.Now())));
    }

    private async Task RunStepAsync(PlannedStep planned, ObjectContainer container, ScenarioContext context, string testCaseStartedId, OutputHelper output, CultureInfo culture)
    {
        var step = planned.Step;
        context.StepContext = new StepInfo(step.Type, step.Keyword, step.Text, step.Arguments.Table, step.Arguments.DocString);
        _run.Sink.Publish(Messages.Envelope.Create(new Messages.TestStepStarted(testCaseStartedId, planned.TestStepId, _run.Now())));
        output.CurrentTestStepId = planned.TestStepId;
        var started = _run.Time.GetTimestamp();
        Trace($"{step.Keyword.Trim()} {step.Text}");

        StepStatus status;
        string? message = null;
        Exception? error = null;
        switch (planned.Match)
        {
            case not StepMatched when _status != StepStatus.Passed && _run.Configuration.StopAtFirstError:
                // runtime.stopAtFirstError: after the first error the rest is not even reported as undefined.
                status = StepStatus.Skipped;
                Trace("-> スキップ: " + ErrorProvider.Skipped);
                break;
            case StepUndefined undefined:
                status = StepStatus.Undefined;
                message = ErrorProvider.Undefined(step, undefined, planned.Snippet!);
                context.ScenarioExecutionStatus = Max(context.ScenarioExecutionStatus, ScenarioExecutionStatus.UndefinedStep);
                Trace("-> 未定義: " + message);
                break;
            case StepAmbiguous ambiguous:
                status = StepStatus.Ambiguous;
                message = ErrorProvider.Ambiguous(step, ambiguous);
                context.ScenarioExecutionStatus = Max(context.ScenarioExecutionStatus, ScenarioExecutionStatus.BindingError);
                Trace("-> あいまい: " + message);
                break;
            case StepMatched when _status != StepStatus.Passed:
                status = StepStatus.Skipped;
                Trace("-> スキップ: " + ErrorProvider.Skipped);
                break;
            case StepMatched matched:
                (status, message, error) = await InvokeStepAsync(matched, container, context, culture).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException("未知の一致結果です。");
        }

        var duration = _run.Time.GetElapsedTime(started);
        if (status is not (StepStatus.Passed or StepStatus.Skipped))
        {
            Fail(status, message, error);
        }

        _results.Add(new StepResult(step.Keyword.Trim(), step.Text, planned.Line, status, duration, message, planned.Snippet));
        _run.Sink.Publish(Messages.Envelope.Create(new Messages.TestStepFinished(testCaseStartedId, planned.TestStepId,
            new Messages.TestStepResult(
                Cucumber.Messages.Converters.ToDuration(duration),
                message,
                status switch
                {
                    StepStatus.Passed => Messages.TestStepResultStatus.PASSED,
                    StepStatus.Failed => Messages.TestStepResultStatus.FAILED,
                    StepStatus.Undefined => Messages.TestStepResultStatus.UNDEFINED,
                    StepStatus.Ambiguous => Messages.TestStepResultStatus.AMBIGUOUS,
                    StepStatus.Pending => Messages.TestStepResultStatus.PENDING,
                    _ => Messages.TestStepResultStatus.SKIPPED,
                },
                error is null ? null : new Messages.Exception(error.GetType().FullName!, error.Message, error.StackTrace)),
            _run.Now())));
    }

    private async Task<(StepStatus Status, string? Message, Exception? Error)> InvokeStepAsync(StepMatched matched, ObjectContainer container, ScenarioContext context, CultureInfo culture)
    {
        var stepHooks = (Before: _run.Registry.HooksOf(HookType.BeforeStep).Where(h => h.AppliesTo(_scope)).ToList(),
                         After: _run.Registry.HooksOf(HookType.AfterStep).Where(h => h.AppliesTo(_scope)).ToList());
        var binding = matched.Binding;
        var started = _run.Time.GetTimestamp();
        (StepStatus, string?, Exception?) outcome;
        try
        {
            foreach (var hook in stepHooks.Before)
            {
                await _run.InvokeAsync(hook.Method, container, []).ConfigureAwait(false);
            }

            var parameters = binding.Method.GetParameters();
            if (parameters.Length != matched.Arguments.Count)
            {
                context.ScenarioExecutionStatus = Max(context.ScenarioExecutionStatus, ScenarioExecutionStatus.BindingError);
                outcome = (StepStatus.Failed, ErrorProvider.ParameterCountMismatch(binding, matched.Arguments.Count), null);
            }
            else
            {
                var stepCulture = binding.Culture is null ? culture : CultureInfo.GetCultureInfo(binding.Culture);
                var arguments = new object?[parameters.Length];
                for (var i = 0; i < parameters.Length; i++)
                {
                    arguments[i] = await _run.Converter.ConvertAsync(matched.Arguments[i], parameters[i], stepCulture, container.Resolve).ConfigureAwait(false);
                }

                await _run.InvokeAsync(binding.Method, container, arguments).ConfigureAwait(false);
                outcome = (StepStatus.Passed, null, null);
                if (_run.Configuration.TraceSuccessfulSteps)
                {
                    Trace($"-> 完了: {binding.MethodDisplay}{Timing(_run.Time.GetElapsedTime(started))}");
                }
            }
        }
        catch (PendingStepException ex)
        {
            context.ScenarioExecutionStatus = Max(context.ScenarioExecutionStatus, ScenarioExecutionStatus.StepDefinitionPending);
            _pendingMethods.Add(ErrorProvider.MethodText(binding.Method));
            outcome = (StepStatus.Pending, ex.Message, null);
            Trace($"-> 保留: {binding.MethodDisplay}: {ex.Message}");
        }
        catch (StepArgumentConversionException ex)
        {
            context.ScenarioExecutionStatus = Max(context.ScenarioExecutionStatus, ScenarioExecutionStatus.BindingError);
            outcome = (StepStatus.Failed, ex.Message, ex);
            Trace("-> 引数エラー: " + ex.Message);
        }
        catch (Exception ex)
        {
            context.TestError ??= ex;
            context.ScenarioExecutionStatus = ScenarioExecutionStatus.TestError;
            outcome = (StepStatus.Failed, ex.Message, ex);
            Trace($"-> エラー: {ex.Message}{Timing(_run.Time.GetElapsedTime(started))}");
        }

        foreach (var hook in stepHooks.After)
        {
            try
            {
                await _run.InvokeAsync(hook.Method, container, []).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                if (outcome.Item1 == StepStatus.Passed)
                {
                    outcome = (StepStatus.Failed, ErrorProvider.HookFailed(hook, ex), ex);
                }
            }
        }

        return outcome;
    }

    private static ScenarioExecutionStatus Max(ScenarioExecutionStatus a, ScenarioExecutionStatus b) => a > b ? a : b;

    /// <summary>Keeps the scenario's worst outcome: a failure outranks an ambiguity, which outranks undefined, then pending.</summary>
    private void Fail(StepStatus status, string? message, Exception? error)
    {
        static int Rank(StepStatus s) => s switch
        {
            StepStatus.Failed => 4,
            StepStatus.Ambiguous => 3,
            StepStatus.Undefined => 2,
            StepStatus.Pending => 1,
            _ => 0,
        };

        if (Rank(status) > Rank(_status))
        {
            _status = status;
            _message = message;
            _error = error;
        }
        else if (status == _status && status == StepStatus.Undefined && message is not null)
        {
            _message += "\n\n" + message;
        }
    }

    private void Trace(string line) => _run.TraceOutput?.Invoke(line);

    /// <summary>trace.traceTimings: a step's duration is shown when it is at least trace.minTracedDuration.</summary>
    private string Timing(TimeSpan duration) =>
        _run.Configuration.TraceTimings && duration >= _run.Configuration.MinTracedDuration ? $" ({ErrorProvider.Duration(duration)})" : string.Empty;

    /// <summary>Attachments and log lines of the step (or hook) under way.</summary>
    private sealed class OutputHelper(TestRunner run, string testCaseStartedId) : IReqnrollOutputHelper
    {
        public string? CurrentTestStepId { get; set; }

        public void WriteLine(string message)
        {
            run.TraceOutput?.Invoke(message);
            run.Sink.Publish(Messages.Envelope.Create(new Messages.Attachment(
                message, Messages.AttachmentContentEncoding.IDENTITY, null, "text/x.cucumber.log+plain", null, testCaseStartedId, CurrentTestStepId, null, null, null, run.Now())));
        }

        public void AddAttachment(string filePath)
        {
            var bytes = File.ReadAllBytes(filePath);
            AddAttachment(bytes, MediaTypeOf(filePath), Path.GetFileName(filePath));
        }

        public void AddAttachment(ReadOnlyMemory<byte> content, string mediaType, string fileName)
        {
            run.Sink.Publish(Messages.Envelope.Create(new Messages.Attachment(
                Convert.ToBase64String(content.Span), Messages.AttachmentContentEncoding.BASE64, fileName, mediaType, null, testCaseStartedId, CurrentTestStepId, null, null, null, run.Now())));
        }

        private static string MediaTypeOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".PNG" => "image/png",
            ".JPG" or ".JPEG" => "image/jpeg",
            ".HTML" or ".HTM" => "text/html",
            ".TXT" or ".LOG" => "text/plain",
            ".JSON" => "application/json",
            ".ZIP" => "application/zip",
            ".EML" => "message/rfc822",
            ".XML" => "application/xml",
            _ => "application/octet-stream",
        };
    }
}
