using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Spec.Serialization;

/// <summary>
/// Read/write facade for the runtime-spec documents, byte-compatible with what runc prints:
/// <c>runc spec</c> writes config.json tab-indented without a trailing newline,
/// <c>runc state</c> prints 2-space indented JSON without a trailing newline and
/// <c>runc features</c> prints 4-space indented JSON followed by a newline.
/// </summary>
/// <remarks>
/// Readers throw <see cref="JsonException"/> on malformed JSON, wrong JSON types, numbers
/// outside the field's width, or a top-level <c>null</c>. They do not validate the spec's
/// required members; that is the schema validator's job.
/// </remarks>
public static class SpecJson
{
    /// <summary>Indent used by <c>runc spec</c> for config.json.</summary>
    public const string ConfigIndent = "\t";

    /// <summary>Indent used by <c>runc state</c>.</summary>
    public const string StateIndent = "  ";

    /// <summary>Indent used by <c>runc features</c>.</summary>
    public const string FeaturesIndent = "    ";

    private static readonly ConcurrentDictionary<string, SpecJsonContext> Contexts = new(StringComparer.Ordinal);

    /// <summary>Context used for reading (indentation is irrelevant there).</summary>
    private static SpecJsonContext ReadContext => ContextFor(ConfigIndent);

    /// <summary>Parses a config.json document.</summary>
    public static RuntimeConfig ReadConfig(ReadOnlySpan<byte> utf8Json) =>
        Read(utf8Json, ReadContext.RuntimeConfig, "config");

    /// <summary>Serialises a config; <paramref name="indent"/> null gives compact output.</summary>
    public static byte[] WriteConfig(RuntimeConfig config, string? indent = ConfigIndent) =>
        Write(config, ContextFor(indent).RuntimeConfig);

    /// <summary>Parses a process document (<c>runc exec --process</c>).</summary>
    public static Process ReadProcess(ReadOnlySpan<byte> utf8Json) =>
        Read(utf8Json, ReadContext.Process, "process");

    /// <summary>Serialises a process document; <paramref name="indent"/> null gives compact output.</summary>
    public static byte[] WriteProcess(Process process, string? indent = ConfigIndent) =>
        Write(process, ContextFor(indent).Process);

    /// <summary>Parses a LinuxResources document (<c>runc update --resources</c>).</summary>
    public static LinuxResources ReadResources(ReadOnlySpan<byte> utf8Json) =>
        Read(utf8Json, ReadContext.LinuxResources, "resources");

    /// <summary>Serialises a LinuxResources document; <paramref name="indent"/> null gives compact output.</summary>
    public static byte[] WriteResources(LinuxResources resources, string? indent = ConfigIndent) =>
        Write(resources, ContextFor(indent).LinuxResources);

    /// <summary>Parses an OCI state document.</summary>
    public static ContainerState ReadState(ReadOnlySpan<byte> utf8Json) =>
        Read(utf8Json, ReadContext.ContainerState, "state");

    /// <summary>Serialises a state document like <c>runc state</c>: 2-space indent, no trailing newline.</summary>
    public static byte[] WriteState(ContainerState state) =>
        Write(state, ContextFor(StateIndent).ContainerState);

    /// <summary>Serialises the document sent to a seccomp agent: compact, like Go's json.Marshal.</summary>
    public static byte[] WriteProcessState(ContainerProcessState state) =>
        Write(state, ContextFor(null).ContainerProcessState);

    /// <summary>Parses a seccomp agent's ContainerProcessState document.</summary>
    public static ContainerProcessState ReadProcessState(ReadOnlySpan<byte> utf8Json) =>
        Read(utf8Json, ReadContext.ContainerProcessState, "container process state");

    /// <summary>Parses a features document.</summary>
    public static Features ReadFeatures(ReadOnlySpan<byte> utf8Json) =>
        Read(utf8Json, ReadContext.Features, "features");

    /// <summary>Serialises a features document like <c>runc features</c>: 4-space indent plus a trailing newline.</summary>
    public static byte[] WriteFeatures(Features features)
    {
        byte[] body = Write(features, ContextFor(FeaturesIndent).Features);
        byte[] result = new byte[body.Length + 1];
        body.CopyTo(result, 0);
        result[^1] = (byte)'\n';
        return result;
    }

    /// <summary>
    /// The source-generated context configured for <paramref name="indent"/> (a run of spaces
    /// or of tabs, at most 127 long; null for compact output). Exposed for callers that
    /// serialise straight into a stream or writer.
    /// </summary>
    public static SpecJsonContext ContextFor(string? indent)
    {
        string key = indent ?? "\0compact";
        if (Contexts.TryGetValue(key, out SpecJsonContext? existing))
        {
            return existing;
        }

        JsonSerializerOptions options = CreateOptions(indent);
        return Contexts.GetOrAdd(key, new SpecJsonContext(options));
    }

    private static JsonSerializerOptions CreateOptions(string? indent)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            PropertyNameCaseInsensitive = false,
            NewLine = "\n",
            // Paths, env values and annotations are written as-is ('+', '<', '&', non-ASCII)
            // instead of the default HTML-safe \uXXXX escapes; the output is a file, not HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        if (indent is null)
        {
            options.WriteIndented = false;
            return options;
        }

        if (indent.Length is 0 or > 127)
        {
            throw new ArgumentException("Indent must be 1 to 127 characters long, or null for compact output.", nameof(indent));
        }

        char c = indent[0];
        if ((c != ' ' && c != '\t') || indent.AsSpan().ContainsAnyExcept(c))
        {
            throw new ArgumentException("Indent must consist only of spaces or only of tabs.", nameof(indent));
        }

        options.WriteIndented = true;
        options.IndentCharacter = c;
        options.IndentSize = indent.Length;
        return options;
    }

    private static T Read<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> typeInfo, string what)
        where T : class
    {
        T? value = JsonSerializer.Deserialize(utf8Json, typeInfo);
        return value ?? throw new JsonException($"The {what} document is JSON null; an object is required.");
    }

    private static byte[] Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
    }
}
