using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>RFC 6901 JSON pointers as used in <c>$ref</c> fragments (<c>~0</c>, <c>~1</c>, %-escapes).</summary>
internal static class JsonPointer
{
    /// <summary>Splits a URI fragment (without '#', starting with '/') into unescaped reference tokens.</summary>
    public static string[] ParseFragment(string escapedFragment)
    {
        if (escapedFragment.Length == 0)
        {
            return [];
        }

        if (escapedFragment[0] != '/')
        {
            throw new SchemaException($"JSON pointer \"{escapedFragment}\" must start with '/'");
        }

        string[] tokens = escapedFragment[1..].Split('/');
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Uri.UnescapeDataString(tokens[i]).Replace("~1", "/").Replace("~0", "~");
        }

        return tokens;
    }

    public static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");

    /// <summary>Appends one reference token: <c>Append("/properties", "a/b")</c> is <c>/properties/a~1b</c>.</summary>
    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Steps into an object member or array element; false when there is none.</summary>
    public static bool TryStep(JsonElement element, string token, out JsonElement child)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return element.TryGetProperty(token, out child);
            case JsonValueKind.Array:
                if (token.Length > 0 && (token == "0" || token[0] != '0')
                    && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
                    && index < element.GetArrayLength())
                {
                    child = element[index];
                    return true;
                }

                break;
        }

        child = default;
        return false;
    }
}
