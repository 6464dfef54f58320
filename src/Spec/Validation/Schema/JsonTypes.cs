using System.Runtime.InteropServices;
using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>The draft-04 primitive types, as a set.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Array = 1 << 0,
    Boolean = 1 << 1,
    Integer = 1 << 2,
    Null = 1 << 3,
    Number = 1 << 4,
    Object = 1 << 5,
    String = 1 << 6,
}

internal static class JsonTypeNames
{
    private static readonly (JsonTypes Type, string Name)[] Names =
    [
        (JsonTypes.Array, "array"),
        (JsonTypes.Boolean, "boolean"),
        (JsonTypes.Integer, "integer"),
        (JsonTypes.Null, "null"),
        (JsonTypes.Number, "number"),
        (JsonTypes.Object, "object"),
        (JsonTypes.String, "string"),
    ];

    /// <summary>A type name given as a JSON string, compared without building the string.</summary>
    public static bool TryParse(JsonElement name, out JsonTypes type)
    {
        type = JsonTypes.None;
        if (name.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(name);
        raw = raw[1..^1]; // the quotes
        if (raw.Contains((byte)'\\'))
        {
            return TryParse(name.GetString()!, out type);
        }

        type = raw.SequenceEqual("string"u8) ? JsonTypes.String
            : raw.SequenceEqual("object"u8) ? JsonTypes.Object
            : raw.SequenceEqual("array"u8) ? JsonTypes.Array
            : raw.SequenceEqual("integer"u8) ? JsonTypes.Integer
            : raw.SequenceEqual("number"u8) ? JsonTypes.Number
            : raw.SequenceEqual("boolean"u8) ? JsonTypes.Boolean
            : raw.SequenceEqual("null"u8) ? JsonTypes.Null
            : JsonTypes.None;
        return type != JsonTypes.None;
    }

    public static bool TryParse(string name, out JsonTypes type)
    {
        foreach ((JsonTypes candidate, string candidateName) in Names)
        {
            if (candidateName == name)
            {
                type = candidate;
                return true;
            }
        }

        type = JsonTypes.None;
        return false;
    }

    /// <summary>"string", "string or null", "array, object or null".</summary>
    public static string Describe(JsonTypes types)
    {
        var names = new List<string>();
        foreach ((JsonTypes candidate, string name) in Names)
        {
            if ((types & candidate) != 0 && !(candidate == JsonTypes.Integer && (types & JsonTypes.Number) != 0))
            {
                names.Add(name);
            }
        }

        return names.Count switch
        {
            0 => "nothing",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
        };
    }

    /// <summary>The name of an instance's type as it appears in messages (whole numbers are still "number").</summary>
    public static string Of(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}
