using System.Globalization;
using System.Text.Json;

namespace Harness.Gherkin.Configuration;

public enum MissingOrPendingStepsOutcome
{
    Pending,
    Inconclusive,
    Ignore,
    Error,
}

/// <summary>reqnroll.json read strictly (an unknown key or a wrong shape is an error naming the file and key, where Reqnroll
/// itself ignores it): the adapter, `check` and `steps` take the feature language, binding culture, non-parallel tags and binding
/// assemblies from it; Reqnroll reads the same file for everything else. The other values are checked, not used.</summary>
public sealed record RunnerConfiguration
{
    public const string FileName = "reqnroll.json";

    /// <summary>The Gherkin dialect of feature files without a <c># language:</c> line.</summary>
    public string FeatureLanguage { get; init; } = "en";

    /// <summary>The culture step arguments are converted under: bindingCulture.name, else language.binding, else the feature language's culture.</summary>
    public CultureInfo BindingCulture { get; init; } = CultureInfo.InvariantCulture;

    public MissingOrPendingStepsOutcome MissingOrPendingStepsOutcome { get; init; } = MissingOrPendingStepsOutcome.Pending;

    public bool StopAtFirstError { get; init; }

    public IReadOnlyList<string> BindingAssemblies { get; init; } = [];

    public bool TraceSuccessfulSteps { get; init; } = true;

    public bool TraceTimings { get; init; }

    public TimeSpan MinTracedDuration { get; init; } = TimeSpan.FromSeconds(0.1);

    /// <summary>generator.addNonParallelizableMarkerForTags: a feature with one of these tags (written with or without "@")
    /// runs while no other feature runs, as Reqnroll's NUnit generator marks it [NonParallelizable].</summary>
    public IReadOnlyList<string> NonParallelizableTags { get; init; } = [];

    /// <summary>Where the Cucumber Messages NDJSON of a run goes (formatters.message.outputFilePath), relative to the configuration file.</summary>
    public string? MessagesOutputFilePath { get; init; }

    /// <summary>The file this configuration came from, or null for the defaults.</summary>
    public string? SourcePath { get; init; }

    public static RunnerConfiguration Default { get; } = new();

    /// <summary>Loads <paramref name="path"/>; a missing file gives the defaults. A malformed file or an unknown key throws
    /// <see cref="ConfigurationException"/> naming the file and the key.</summary>
    public static RunnerConfiguration Load(string path)
    {
        if (!File.Exists(path))
        {
            return Default;
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Finds reqnroll.json in <paramref name="directory"/> or the nearest folder above it.</summary>
    public static string? Find(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static RunnerConfiguration Parse(string json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException(path, null, $"JSON として読めません (行 {ex.LineNumber + 1}, 位置 {ex.BytePositionInLine + 1}): {ex.Message}");
        }

        using (document)
        {
            var reader = new Reader(path);
            return reader.Read(document.RootElement);
        }
    }

    private sealed class Reader(string path)
    {
        private CultureInfo? _languageBinding;
        private CultureInfo? _bindingCultureName;
        private string _featureLanguageName = "en-US";

        public RunnerConfiguration Read(JsonElement root)
        {
            var config = new RunnerConfiguration { SourcePath = Path.GetFullPath(path) };
            foreach (var property in Object(root, string.Empty))
            {
                var key = property.Name;
                var value = property.Value;
                config = key switch
                {
                    "$schema" => Discard(String(value, key), config),
                    "language" => ReadLanguage(value, config),
                    "bindingCulture" => ReadBindingCulture(value, config),
                    "runtime" => ReadRuntime(value, config),
                    "bindingAssemblies" or "stepAssemblies" => config with { BindingAssemblies = [.. config.BindingAssemblies, .. ReadBindingAssemblies(value, key)] },
                    "ide" => Discard(Object(value, key), config),
                    "trace" => ReadTrace(value, config),
                    "generator" => ReadGenerator(value, config),
                    "formatters" => ReadFormatters(value, config),
                    _ => throw Unknown(key, "$schema, language, bindingCulture, runtime, bindingAssemblies, stepAssemblies, generator, trace, formatters, ide"),
                };
            }

            // Reqnroll: bindingCulture.name wins over language.binding, which defaults to the feature language.
            var culture = _bindingCultureName ?? _languageBinding ?? CultureOrInvariant(_featureLanguageName);
            return config with { BindingCulture = culture };
        }

        private static CultureInfo CultureOrInvariant(string name)
        {
            try
            {
                return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                return CultureInfo.InvariantCulture;
            }
        }

        private static RunnerConfiguration Discard(object? _, RunnerConfiguration config) => config;

        private RunnerConfiguration ReadLanguage(JsonElement element, RunnerConfiguration config)
        {
            foreach (var p in Object(element, "language"))
            {
                config = p.Name switch
                {
                    "feature" => config with { FeatureLanguage = DialectOf(_featureLanguageName = String(p.Value, "language.feature"), "language.feature") },
                    "binding" => Discard(_languageBinding = Culture(String(p.Value, "language.binding"), "language.binding"), config),
                    _ => throw Unknown("language." + p.Name, "feature, binding"),
                };
            }

            return config;
        }

        private RunnerConfiguration ReadBindingCulture(JsonElement element, RunnerConfiguration config)
        {
            foreach (var p in Object(element, "bindingCulture"))
            {
                config = p.Name switch
                {
                    "name" => Discard(_bindingCultureName = Culture(String(p.Value, "bindingCulture.name"), "bindingCulture.name"), config),
                    _ => throw Unknown("bindingCulture." + p.Name, "name"),
                };
            }

            return config;
        }

        private RunnerConfiguration ReadRuntime(JsonElement element, RunnerConfiguration config)
        {
            foreach (var p in Object(element, "runtime"))
            {
                var key = "runtime." + p.Name;
                config = p.Name switch
                {
                    "missingOrPendingStepsOutcome" => config with { MissingOrPendingStepsOutcome = Enum<MissingOrPendingStepsOutcome>(p.Value, key) },
                    "stopAtFirstError" => config with { StopAtFirstError = Bool(p.Value, key) },
                    "obsoleteBehavior" => Discard(Choice(p.Value, key, "None", "Warn", "Pending", "Error"), config),
                    "dependencies" => Discard(Array(p.Value, key), config),
                    _ => throw Unknown(key, "missingOrPendingStepsOutcome, stopAtFirstError, obsoleteBehavior, dependencies"),
                };
            }

            return config;
        }

        private IReadOnlyList<string> ReadBindingAssemblies(JsonElement element, string section)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                throw Wrong(section, "配列 ([{\"assembly\": \"名前\"}])");
            }

            var names = new List<string>();
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var key = $"{section}[{index++}]";
                string? name = null;
                foreach (var p in Object(item, key))
                {
                    name = p.Name == "assembly" ? String(p.Value, key + ".assembly") : throw Unknown(key + "." + p.Name, "assembly");
                }

                names.Add(!string.IsNullOrWhiteSpace(name) ? name : throw Wrong(key + ".assembly", "アセンブリ名"));
            }

            return names;
        }

        private RunnerConfiguration ReadTrace(JsonElement element, RunnerConfiguration config)
        {
            foreach (var p in Object(element, "trace"))
            {
                var key = "trace." + p.Name;
                config = p.Name switch
                {
                    "traceSuccessfulSteps" => config with { TraceSuccessfulSteps = Bool(p.Value, key) },
                    "traceTimings" => config with { TraceTimings = Bool(p.Value, key) },
                    "minTracedDuration" => config with { MinTracedDuration = Duration(p.Value, key) },
                    "stepDefinitionSkeletonStyle" => Discard(Choice(p.Value, key, "CucumberExpressionAttribute", "RegexAttribute", "MethodNameUnderscores", "MethodNamePascalCase", "MethodNameRegex"), config),
                    "coloredOutput" or "generateStepDefinitionSkeletonAsAsync" => Discard(Bool(p.Value, key), config),
                    "traceLevel" => Discard(String(p.Value, key), config),
                    _ => throw Unknown(key, "traceSuccessfulSteps, traceTimings, minTracedDuration, stepDefinitionSkeletonStyle, coloredOutput, traceLevel, generateStepDefinitionSkeletonAsAsync"),
                };
            }

            return config;
        }

        private RunnerConfiguration ReadGenerator(JsonElement element, RunnerConfiguration config)
        {
            // No code is generated here (pickles are compiled at run time): addNonParallelizableMarkerForTags shapes the NUnit
            // fixtures as Reqnroll's generated ones would be; the other keys are accepted and have no effect.
            foreach (var p in Object(element, "generator"))
            {
                var key = "generator." + p.Name;
                switch (p.Name)
                {
                    case "allowDebugGeneratedFiles" or "allowRowTests" or "disableFriendlyTestNames":
                        Bool(p.Value, key);
                        break;
                    case "addNonParallelizableMarkerForTags":
                        config = config with
                        {
                            NonParallelizableTags = [.. Array(p.Value, key).EnumerateArray().Select((tag, i) => Tag(tag, $"{key}[{i}]"))],
                        };
                        break;
                    default:
                        throw Unknown(key, "allowDebugGeneratedFiles, allowRowTests, addNonParallelizableMarkerForTags, disableFriendlyTestNames");
                }
            }

            return config;
        }

        private RunnerConfiguration ReadFormatters(JsonElement element, RunnerConfiguration config)
        {
            foreach (var p in Object(element, "formatters"))
            {
                var key = "formatters." + p.Name;
                switch (p.Name)
                {
                    case "message":
                        foreach (var q in Object(p.Value, key))
                        {
                            config = q.Name == "outputFilePath"
                                ? config with { MessagesOutputFilePath = String(q.Value, key + ".outputFilePath") }
                                : throw Unknown(key + "." + q.Name, "outputFilePath");
                        }

                        break;
                    case "html":
                        foreach (var q in Object(p.Value, key))
                        {
                            _ = q.Name == "outputFilePath" ? String(q.Value, key + ".outputFilePath") : throw Unknown(key + "." + q.Name, "outputFilePath");
                        }

                        break;
                    default:
                        throw Unknown(key, "message, html");
                }
            }

            return config;
        }

        private ObjectEnumeratorList Object(JsonElement element, string key)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Wrong(key.Length == 0 ? "(ルート)" : key, "オブジェクト ({ … })");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var list = new ObjectEnumeratorList();
            foreach (var p in element.EnumerateObject())
            {
                if (!seen.Add(p.Name))
                {
                    throw new ConfigurationException(path, Join(key, p.Name), "キーが重複しています");
                }

                list.Add(p);
            }

            return list;
        }

        private static string Join(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

        private JsonElement Array(JsonElement element, string key) =>
            element.ValueKind == JsonValueKind.Array ? element : throw Wrong(key, "配列 ([ … ])");

        private string String(JsonElement element, string key) =>
            element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Wrong(key, "文字列");

        /// <summary>A tag name, with or without its "@"; an empty one would match no feature and go unnoticed.</summary>
        private string Tag(JsonElement element, string key) =>
            String(element, key).TrimStart('@') is { Length: > 0 } tag && !tag.Any(char.IsWhiteSpace)
                ? tag
                : throw Wrong(key, "タグ名 (例: \"障害\" か \"@障害\"。空白は入れられません)");

        private bool Bool(JsonElement element, string key) => element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(key, "true または false"),
        };

        private TimeSpan Duration(JsonElement element, string key) =>
            TimeSpan.TryParse(String(element, key), CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero
                ? value
                : throw Wrong(key, "時間 (例: \"0:0:0.1\")");

        private string Choice(JsonElement element, string key, params string[] allowed)
        {
            var text = String(element, key);
            return allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
                ?? throw Wrong(key, string.Join(" / ", allowed) + $" のどれか (値: \"{text}\")");
        }

        private T Enum<T>(JsonElement element, string key)
            where T : struct, Enum
            => System.Enum.Parse<T>(Choice(element, key, System.Enum.GetNames<T>()), ignoreCase: true);

        private CultureInfo Culture(string name, string key)
        {
            try
            {
                var culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
                return culture;
            }
            catch (CultureNotFoundException)
            {
                throw Wrong(key, $"カルチャー名 (例: \"ja-JP\"。値: \"{name}\")");
            }
        }

        private string DialectOf(string name, string key)
        {
            var provider = new global::Gherkin.GherkinDialectProvider();
            foreach (var candidate in new[] { name, name.Split('-')[0] })
            {
                try
                {
                    provider.GetDialect(candidate, null);
                    return candidate;
                }
                catch (global::Gherkin.NoSuchLanguageException)
                {
                }
            }

            throw Wrong(key, $"Gherkin の言語 (例: \"ja\"。値: \"{name}\")");
        }

        private ConfigurationException Unknown(string key, string known) =>
            new(path, key, $"不明なキーです。ここに書けるキー: {known}");

        private ConfigurationException Wrong(string key, string expected) =>
            new(path, key, $"値は {expected} でなければなりません");
    }

    private sealed class ObjectEnumeratorList : List<JsonProperty>;
}

/// <summary>reqnroll.json is malformed or has an unknown key; the message names the file and the key.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string path, string? key, string problem)
        : base(key is null ? $"{path}: {problem}" : $"{path}: キー '{key}': {problem}")
    {
        FilePath = path;
        Key = key;
    }

    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? FilePath { get; }

    public string? Key { get; }
}
