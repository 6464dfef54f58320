using System.Text.Json;
using Runc.Sharp.Spec.Validation;

namespace Runc.Sharp.Spec.Json;

/// <summary>
/// Maps the JSON path of every value in a document (same syntax as <see cref="JsonPath"/>) to the
/// line and column where that value starts in the raw UTF-8 text. Meant to be built lazily, only
/// when there are errors to locate.
/// </summary>
public sealed class JsonPositionMap
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private readonly Dictionary<string, JsonTextPosition> _positions;

    private JsonPositionMap(Dictionary<string, JsonTextPosition> positions) => _positions = positions;

    public int Count => _positions.Count;

    /// <summary>
    /// Reads <paramref name="utf8Json"/> once and records where each value starts. A document that
    /// is not valid JSON yields the positions read before the error. With duplicate keys the last
    /// occurrence wins, as it does for <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>.
    /// </summary>
    public static JsonPositionMap Build(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options = default)
    {
        if (utf8Json.StartsWith(Utf8Bom))
        {
            utf8Json = utf8Json[Utf8Bom.Length..];
        }

        var positions = new Dictionary<string, JsonTextPosition>(StringComparer.Ordinal);
        var containers = new Stack<Container>();
        var cursor = new TextCursor();
        string? propertyName = null;
        var reader = new Utf8JsonReader(utf8Json, options);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        propertyName = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        containers.Pop();
                        continue;
                    case JsonTokenType.Comment:
                    case JsonTokenType.None:
                        continue;
                }

                string path = containers.Count == 0
                    ? JsonPath.Root
                    : containers.Peek().ChildPath(propertyName);
                positions[path] = cursor.AdvanceTo(utf8Json, checked((int)reader.TokenStartIndex));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    containers.Push(new Container(path, reader.TokenType == JsonTokenType.StartArray));
                }
            }
        }
        catch (JsonException)
        {
            // Keep what was read so far: the parse error itself is reported elsewhere.
        }

        return new JsonPositionMap(positions);
    }

    public bool TryGetPosition(string path, out JsonTextPosition position) =>
        _positions.TryGetValue(path, out position);

    /// <summary>The position of <paramref name="path"/>, or of its nearest ancestor that is in the map.</summary>
    public JsonTextPosition? FindNearest(string path)
    {
        string current = path;
        while (true)
        {
            if (_positions.TryGetValue(current, out var position))
            {
                return position;
            }

            if (!JsonPath.TryGetParent(current, out current))
            {
                return null;
            }
        }
    }

    /// <summary>Returns <paramref name="error"/> with <c>Line</c>/<c>Column</c> filled in from its path.</summary>
    public ValidationError Locate(ValidationError error) =>
        FindNearest(error.Path) is { } position ? error with { Line = position.Line, Column = position.Column } : error;

    public IReadOnlyList<ValidationError> Locate(IReadOnlyList<ValidationError> errors)
    {
        var located = new ValidationError[errors.Count];
        for (int i = 0; i < located.Length; i++)
        {
            located[i] = Locate(errors[i]);
        }

        return located;
    }

    /// <summary>
    /// The 1-based position of a parse error. Without the text, the column is a byte column
    /// (<see cref="JsonException.BytePositionInLine"/> + 1); null when the exception carries no position.
    /// </summary>
    public static JsonTextPosition? PositionOf(JsonException exception)
    {
        if (exception.LineNumber is not { } line || exception.BytePositionInLine is not { } bytes)
        {
            return null;
        }

        return new JsonTextPosition(checked((int)line + 1), checked((int)bytes + 1));
    }

    /// <summary>The 1-based position of a parse error in <paramref name="utf8Json"/>, column counted in characters.</summary>
    public static JsonTextPosition? PositionOf(JsonException exception, ReadOnlySpan<byte> utf8Json)
    {
        if (exception.LineNumber is not { } line || exception.BytePositionInLine is not { } bytes)
        {
            return null;
        }

        if (utf8Json.StartsWith(Utf8Bom))
        {
            utf8Json = utf8Json[Utf8Bom.Length..];
        }

        int lineStart = 0;
        for (long remaining = line; remaining > 0; remaining--)
        {
            int newline = utf8Json[lineStart..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return PositionOf(exception);
            }

            lineStart += newline + 1;
        }

        int lineEnd = (int)Math.Min(utf8Json.Length, lineStart + bytes);
        return new JsonTextPosition(checked((int)line + 1), CountCharacters(utf8Json[lineStart..lineEnd]) + 1);
    }

    /// <summary>Number of UTF-8 sequences (code points) in <paramref name="utf8"/>: every byte that is not a continuation byte.</summary>
    internal static int CountCharacters(ReadOnlySpan<byte> utf8)
    {
        int count = 0;
        foreach (byte b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }

    private sealed class Container(string path, bool isArray)
    {
        private int _nextIndex;

        public string ChildPath(string? propertyName) => isArray
            ? JsonPath.Index(path, _nextIndex++)
            : JsonPath.Property(path, propertyName ?? string.Empty);
    }

    /// <summary>Walks forward through the text, tracking line and column of the current byte offset.</summary>
    private sealed class TextCursor
    {
        private int _offset;
        private int _line = 1;
        private int _column = 1;

        public JsonTextPosition AdvanceTo(ReadOnlySpan<byte> utf8, int offset)
        {
            for (; _offset < offset; _offset++)
            {
                byte b = utf8[_offset];
                if (b == (byte)'\n')
                {
                    _line++;
                    _column = 1;
                }
                else if ((b & 0xC0) != 0x80)
                {
                    _column++;
                }
            }

            return new JsonTextPosition(_line, _column);
        }
    }
}
