using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>
/// Type-tolerant accessors: every lookup answers false instead of throwing when the
/// node is missing or has an unexpected kind (the schema reports types, not us).
/// </summary>
internal static class JsonAccess
{
    public static bool TryProperty(this JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The property exists and is not JSON null.</summary>
    public static bool Has(this JsonElement element, string name) =>
        element.TryProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public static bool TryObject(this JsonElement element, string name, out JsonElement value) =>
        element.TryKind(name, JsonValueKind.Object, out value);

    public static bool TryArray(this JsonElement element, string name, out JsonElement value) =>
        element.TryKind(name, JsonValueKind.Array, out value);

    public static bool TryString(this JsonElement element, string name, out string value)
    {
        if (element.TryKind(name, JsonValueKind.String, out var node))
        {
            return node.TryAsString(out value);
        }

        value = string.Empty;
        return false;
    }

    /// <summary>
    /// The string value; false for other kinds and for escapes that do not decode to valid
    /// UTF-16 (a lone surrogate), which <see cref="JsonElement.GetString"/> refuses with an exception.
    /// </summary>
    public static bool TryAsString(this JsonElement element, out string value)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            try
            {
                value = element.GetString() ?? string.Empty;
                return true;
            }
            catch (InvalidOperationException)
            {
            }
        }

        value = string.Empty;
        return false;
    }

    public static bool TryInt64(this JsonElement element, string name, out long value)
    {
        if (element.TryKind(name, JsonValueKind.Number, out var node) && node.TryGetInt64(out value))
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Any finite number, integral or not, as a double (for range checks on huge values).</summary>
    public static bool TryNumber(this JsonElement element, string name, out double value)
    {
        if (element.TryKind(name, JsonValueKind.Number, out var node))
        {
            return node.TryAsNumber(out value);
        }

        value = 0;
        return false;
    }

    public static bool TryAsNumber(this JsonElement element, out double value)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value))
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Compares two numbers exactly where decimal can hold them, else as doubles.</summary>
    public static bool TryCompare(JsonElement left, JsonElement right, out int result)
    {
        if (left.ValueKind == JsonValueKind.Number && right.ValueKind == JsonValueKind.Number)
        {
            if (left.TryGetDecimal(out var l) && right.TryGetDecimal(out var r))
            {
                result = l.CompareTo(r);
                return true;
            }

            if (left.TryAsNumber(out var ld) && right.TryAsNumber(out var rd))
            {
                result = ld.CompareTo(rd);
                return true;
            }
        }

        result = 0;
        return false;
    }

    public static bool TryBool(this JsonElement element, string name, out bool value)
    {
        if (element.TryProperty(name, out var node) &&
            (node.ValueKind == JsonValueKind.True || node.ValueKind == JsonValueKind.False))
        {
            value = node.ValueKind == JsonValueKind.True;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>Elements of an array with their index; nothing when the node is not an array.</summary>
    public static IEnumerable<(int Index, JsonElement Item)> Items(this JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (index++, item);
        }
    }

    /// <summary>The string elements of an array with their index; other kinds are skipped.</summary>
    public static IEnumerable<(int Index, string Value)> StringItems(this JsonElement array)
    {
        foreach (var (index, item) in array.Items())
        {
            if (item.TryAsString(out var value))
            {
                yield return (index, value);
            }
        }
    }

    /// <summary>The object elements of an array with their index; other kinds are skipped.</summary>
    public static IEnumerable<(int Index, JsonElement Item)> ObjectItems(this JsonElement array)
    {
        foreach (var (index, item) in array.Items())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                yield return (index, item);
            }
        }
    }

    /// <summary>
    /// Properties of an object (nothing when the node is not an object). Properties whose name
    /// does not decode to valid UTF-16 are skipped.
    /// </summary>
    public static IEnumerable<(string Name, JsonElement Value)> Properties(this JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                continue;
            }

            yield return (name, property.Value);
        }
    }

    private static bool TryKind(this JsonElement element, string name, JsonValueKind kind, out JsonElement value)
    {
        if (element.TryProperty(name, out value) && value.ValueKind == kind)
        {
            return true;
        }

        value = default;
        return false;
    }
}
