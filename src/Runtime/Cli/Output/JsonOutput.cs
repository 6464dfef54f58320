using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Runc.Sharp.Runtime.Containers;

namespace Runc.Sharp.Cli.Output;

/// <summary>JSON printed to stdout, formatted as Go's json.MarshalIndent does.</summary>
public static class JsonOutput
{
    public static readonly ContainersOutputContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>Go's json.Marshal: compact (list and ps output).</summary>
    public static readonly ContainersOutputContext Compact = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });

    public static byte[] Indented<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    /// <summary>A list as Go's json.Marshal prints it, newline-terminated; an empty one is `null`.</summary>
    public static byte[] CompactList<T>(List<T> items, JsonTypeInfo<List<T>> type) =>
        items.Count == 0 ? "null\n"u8.ToArray() : [.. JsonSerializer.SerializeToUtf8Bytes(items, type), (byte)'\n'];
}
