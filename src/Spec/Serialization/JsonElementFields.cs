using System.Text.Json;

namespace Runc.Sharp.Spec.Serialization;

/// <summary>
/// Optional members of a JSON object, typed: absent or null gives null, a value of another JSON
/// type or out of the target's range throws JsonException naming the member.
/// </summary>
public static class JsonElementFields
{
    public static string? String(this JsonElement o, string name) =>
        Member(o, name, JsonValueKind.String) is { } v ? v.GetString() : null;

    public static bool? Bool(this JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "a boolean"),
        };
    }

    public static int? Int32(this JsonElement o, string name) =>
        Member(o, name, JsonValueKind.Number) is { } v ? (v.TryGetInt32(out var x) ? x : throw OutOfRange(name)) : null;

    public static uint? UInt32(this JsonElement o, string name) =>
        Member(o, name, JsonValueKind.Number) is { } v ? (v.TryGetUInt32(out var x) ? x : throw OutOfRange(name)) : null;

    public static long? Int64(this JsonElement o, string name) =>
        Member(o, name, JsonValueKind.Number) is { } v ? (v.TryGetInt64(out var x) ? x : throw OutOfRange(name)) : null;

    public static ulong? UInt64(this JsonElement o, string name) =>
        Member(o, name, JsonValueKind.Number) is { } v ? (v.TryGetUInt64(out var x) ? x : throw OutOfRange(name)) : null;

    public static T? Object<T>(this JsonElement o, string name, Func<JsonElement, T> read) where T : class =>
        Member(o, name, JsonValueKind.Object) is { } v ? read(v) : null;

    public static List<T>? List<T>(this JsonElement o, string name, Func<JsonElement, T> read)
    {
        if (Member(o, name, JsonValueKind.Array) is not { } v)
            return null;
        var list = new List<T>(v.GetArrayLength());
        foreach (var item in v.EnumerateArray())
            list.Add(read(item));
        return list;
    }

    public static List<string>? Strings(this JsonElement o, string name) =>
        o.List(name, s => s.ValueKind == JsonValueKind.String ? s.GetString()! : throw WrongType(name, "an array of strings"));

    public static Dictionary<string, string>? StringMap(this JsonElement o, string name)
    {
        if (Member(o, name, JsonValueKind.Object) is not { } v)
            return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in v.EnumerateObject())
            map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw WrongType(name, "an object of strings");
        return map;
    }

    private static JsonElement? Member(JsonElement o, string name, JsonValueKind kind)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        return v.ValueKind == kind ? v : throw WrongType(name, kind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.Object => "an object",
            _ => "an array",
        });
    }

    private static JsonException WrongType(string name, string what) => new($"{name}: expected {what}");

    private static JsonException OutOfRange(string name) => new($"{name}: number out of range");
}
