using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Io.Cucumber.Messages.Types;

namespace Harness.Gherkin.Formatters;

/// <summary>Cucumber Messages as JSON: camelCase names, nulls left out, enums as the protocol's strings
/// (e.g. <c>"text/x.cucumber.gherkin+plain"</c>, <c>"PASSED"</c>).</summary>
public static class MessageSerializer
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(Envelope envelope) => JsonSerializer.Serialize(envelope, Options);

    public static Envelope Deserialize(string line) =>
        JsonSerializer.Deserialize<Envelope>(line, Options) ?? throw new JsonException("空のメッセージです。");

    /// <summary>Reads an NDJSON file envelope by envelope; a line that is not an envelope throws naming the line.</summary>
    public static IEnumerable<Envelope> ReadAll(string path)
    {
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            Envelope envelope;
            try
            {
                envelope = Deserialize(line);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{lineNo}: Cucumber Messages のエンベロープとして読めません: {ex.Message}", ex);
            }

            yield return envelope;
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = false,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new ProtocolEnumConverterFactory());
        return options;
    }

    /// <summary>Each message enum has an extension class with <c>Value(this T)</c> giving the protocol string.</summary>
    private sealed class ProtocolEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum && typeToConvert.Namespace == typeof(Envelope).Namespace;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(ProtocolEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class ProtocolEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, string> ToText = Enum.GetValues<T>().ToDictionary(v => v, ValueOf);
        private static readonly Dictionary<string, T> FromText = ToText.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? string.Empty;
            return FromText.TryGetValue(text, out var value) ? value : throw new JsonException($"{typeof(T).Name} に '{text}' という値はありません。");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(ToText[value]);

        private static string ValueOf(T value)
        {
            var extensions = typeof(T).Assembly.GetType(typeof(T).FullName + "Extensions");
            var method = extensions?.GetMethod("Value", BindingFlags.Public | BindingFlags.Static, [typeof(T)]);
            return method?.Invoke(null, [value]) as string ?? value.ToString();
        }
    }
}

/// <summary>Where a run's messages go. Implementations are thread-safe: scenarios run in parallel.</summary>
public interface IMessageSink
{
    void Publish(Envelope envelope);
}

/// <summary>Writes each envelope as one line of NDJSON and flushes it, so a crashed run keeps what it did.</summary>
public sealed class NdjsonMessageSink : IMessageSink, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public NdjsonMessageSink(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        Path = System.IO.Path.GetFullPath(path);
        _writer = new StreamWriter(new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read), new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
    }

    public string Path { get; }

    public void Publish(Envelope envelope)
    {
        var line = MessageSerializer.Serialize(envelope);
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }
}

public sealed class InMemoryMessageSink : IMessageSink
{
    private readonly List<Envelope> _envelopes = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<Envelope> Envelopes
    {
        get
        {
            lock (_gate)
            {
                return [.. _envelopes];
            }
        }
    }

    public void Publish(Envelope envelope)
    {
        lock (_gate)
        {
            _envelopes.Add(envelope);
        }
    }
}
