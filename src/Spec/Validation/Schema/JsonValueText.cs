using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>Compact, truncated JSON text of values for error messages.</summary>
internal static class JsonValueText
{
    private const int MaxLength = 80;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string Format(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            value.WriteTo(writer);
        }

        return Truncate(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>A JSON string literal: <c>Quote("a\"b")</c> is <c>"a\"b"</c>.</summary>
    public static string Quote(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStringValue(text);
        }

        return Truncate(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    public static string FormatList(IEnumerable<JsonElement> values) =>
        Truncate("[" + string.Join(",", values.Select(Format)) + "]", MaxLength * 2);

    public static string Plural(long count, string singular, string? plural = null) =>
        count == 1 ? $"1 {singular}" : $"{count} {plural ?? singular + "s"}";

    private static string Truncate(string text, int maxLength = MaxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 3), "...");
}
