using System.Runtime.InteropServices;
using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// JSON value equality for <c>enum</c> and <c>uniqueItems</c>: numbers by value (1 == 1.0), objects
/// regardless of member order, true/false distinct from 1/0.
/// </summary>
internal static class JsonEquality
{
    public static bool AreEqual(JsonElement left, JsonElement right)
    {
        JsonValueKind kind = left.ValueKind;
        if (kind != right.ValueKind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                return JsonNumber.From(left).CompareTo(JsonNumber.From(right)) == 0;
            case JsonValueKind.String:
                return StringEquals(left, right);
            case JsonValueKind.Array:
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }

                using (var rightItems = right.EnumerateArray())
                {
                    foreach (JsonElement leftItem in left.EnumerateArray())
                    {
                        rightItems.MoveNext();
                        if (!AreEqual(leftItem, rightItems.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Object:
                int count = 0;
                foreach (JsonProperty member in left.EnumerateObject())
                {
                    count++;
                    if (!right.TryGetProperty(member.Name, out JsonElement other) || !AreEqual(member.Value, other))
                    {
                        return false;
                    }
                }

                return count == CountMembers(right);
            default:
                return true; // true, false, null: same kind is same value
        }
    }

    /// <summary>A hash consistent with <see cref="AreEqual"/>.</summary>
    public static int GetHashCode(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return JsonNumber.From(value).AsDouble.GetHashCode();
            case JsonValueKind.String:
                return StringComparer.Ordinal.GetHashCode(value.GetString()!);
            case JsonValueKind.Array:
                var hash = new HashCode();
                foreach (JsonElement item in value.EnumerateArray())
                {
                    hash.Add(GetHashCode(item));
                }

                return hash.ToHashCode();
            case JsonValueKind.Object:
                int combined = 17;
                foreach (JsonProperty member in value.EnumerateObject())
                {
                    combined += HashCode.Combine(StringComparer.Ordinal.GetHashCode(member.Name), GetHashCode(member.Value)); // order-independent
                }

                return combined;
            default:
                return (int)value.ValueKind;
        }
    }

    /// <summary>Compares the UTF-8 text directly; only escaped strings (rare) need unescaping.</summary>
    private static bool StringEquals(JsonElement left, JsonElement right)
    {
        ReadOnlySpan<byte> leftText = JsonMarshal.GetRawUtf8Value(left);
        ReadOnlySpan<byte> rightText = JsonMarshal.GetRawUtf8Value(right);
        if (!leftText.Contains((byte)'\\') && !rightText.Contains((byte)'\\'))
        {
            return leftText.SequenceEqual(rightText);
        }

        return left.ValueEquals(right.GetString());
    }

    private static int CountMembers(JsonElement obj)
    {
        int count = 0;
        foreach (JsonProperty unused in obj.EnumerateObject())
        {
            count++;
        }

        return count;
    }
}
