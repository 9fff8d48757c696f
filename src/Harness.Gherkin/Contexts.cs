using System.Collections.Concurrent;
using Harness.Gherkin.Infrastructure;

namespace Harness.Gherkin;

public enum ScenarioExecutionStatus
{
    OK,
    StepDefinitionPending,
    UndefinedStep,
    BindingError,
    TestError,
    Skipped,
}

public sealed class FeatureInfo
{
    internal FeatureInfo(string title, string? description, string language, string filePath, IReadOnlyList<string> tags)
    {
        Title = title;
        Description = description;
        Language = language;
        FilePath = filePath;
        Tags = tags;
    }

    public string Title { get; }

    public string? Description { get; }

    /// <summary>The Gherkin dialect of the file, e.g. "ja".</summary>
    public string Language { get; }

    /// <summary>The feature file's path relative to the features root, with forward slashes.</summary>
    public string FilePath { get; }

    public string FolderPath => Path.GetDirectoryName(FilePath)?.Replace('\\', '/') ?? string.Empty;

    public IReadOnlyList<string> Tags { get; }
}

public sealed class ScenarioInfo
{
    internal ScenarioInfo(string title, string? description, IReadOnlyList<string> tags, IReadOnlyList<string> combinedTags, IReadOnlyDictionary<string, string> arguments, string? ruleTitle)
    {
        Title = title;
        Description = description;
        Tags = tags;
        CombinedTags = combinedTags;
        Arguments = arguments;
        RuleTitle = ruleTitle;
    }

    public string Title { get; }

    public string? Description { get; }

    /// <summary>The tags written on the scenario (and its examples block).</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The scenario's tags with those inherited from its rule and feature.</summary>
    public IReadOnlyList<string> CombinedTags { get; }

    /// <summary>The example row of an outline, header → value.</summary>
    public IReadOnlyDictionary<string, string> Arguments { get; }

    public string? RuleTitle { get; }
}

public sealed class StepInfo
{
    internal StepInfo(StepDefinitionType stepDefinitionType, string keyword, string text, DataTable? table, string? multilineText)
    {
        StepDefinitionType = stepDefinitionType;
        Keyword = keyword;
        Text = text;
        Table = table;
        MultilineText = multilineText;
    }

    public StepDefinitionType StepDefinitionType { get; }

    public string Keyword { get; }

    public string Text { get; }

    public DataTable? Table { get; }

    public string? MultilineText { get; }
}

/// <summary>A dictionary shared by the bindings of one context, with typed access by key or by type.</summary>
public abstract class ReqnrollContext : ConcurrentDictionary<string, object?>
{
    public Exception? TestError { get; internal set; }

    public void Set<T>(T data) => Set(data, typeof(T).FullName!);

    public void Set<T>(T data, string key) => this[key] = data;

    public T Get<T>() => Get<T>(typeof(T).FullName!);

    public T Get<T>(string key)
    {
        if (!TryGetValue(key, out var value))
        {
            throw new KeyNotFoundException($"コンテキストにキー '{key}' がありません。");
        }

        return (T)value!;
    }

    public bool TryGetValue<T>(string key, out T value)
    {
        if (TryGetValue(key, out var raw) && raw is T typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }
}

public sealed class FeatureContext : ReqnrollContext
{
    internal FeatureContext(FeatureInfo featureInfo, System.Globalization.CultureInfo bindingCulture)
    {
        FeatureInfo = featureInfo;
        BindingCulture = bindingCulture;
    }

    public FeatureInfo FeatureInfo { get; }

    public System.Globalization.CultureInfo BindingCulture { get; }
}

public sealed class ScenarioContext : ReqnrollContext
{
    internal ScenarioContext(ScenarioInfo scenarioInfo, IObjectContainer scenarioContainer)
    {
        ScenarioInfo = scenarioInfo;
        ScenarioContainer = scenarioContainer;
    }

    public ScenarioInfo ScenarioInfo { get; }

    public IObjectContainer ScenarioContainer { get; }

    public ScenarioExecutionStatus ScenarioExecutionStatus { get; internal set; } = ScenarioExecutionStatus.OK;

    /// <summary>The step now running (null outside steps).</summary>
    public StepInfo? StepContext { get; internal set; }

    /// <summary>Marks the current step as pending: the scenario stops and is reported per runtime.missingOrPendingStepsOutcome.</summary>
    public static void Pending() => throw new PendingStepException();
}

public sealed class PendingStepException : Exception
{
    public PendingStepException()
        : base("ステップは保留中です (Pending)。")
    {
    }

    public PendingStepException(string message)
        : base(message)
    {
    }

    public PendingStepException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>Writes to the scenario's log and attaches files (screenshots, traces, mails) as evidence.</summary>
public interface IReqnrollOutputHelper
{
    void WriteLine(string message);

    /// <summary>Attaches a file; its media type is taken from its extension.</summary>
    void AddAttachment(string filePath);

    /// <summary>Attaches bytes (a screenshot) with a media type and a file name.</summary>
    void AddAttachment(ReadOnlyMemory<byte> content, string mediaType, string fileName);
}
