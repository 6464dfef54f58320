using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Runc.Sharp.Spec.Tests.Model;

/// <summary>Semantic JSON comparison (object member order ignored, numbers by value) with a precise failure path.</summary>
internal static class JsonTree
{
    public static void AssertEquivalent(string expectedJson, string actualJson)
    {
        using JsonDocument expected = JsonDocument.Parse(expectedJson);
        using JsonDocument actual = JsonDocument.Parse(actualJson);
        string? difference = FindDifference(expected.RootElement, actual.RootElement, "$");
        if (difference is not null)
        {
            throw new Xunit.Sdk.XunitException(
                $"JSON trees differ at {difference}{Environment.NewLine}--- expected ---{Environment.NewLine}{expectedJson}{Environment.NewLine}--- actual ---{Environment.NewLine}{actualJson}");
        }
    }

    public static void AssertEquivalent(byte[] expectedUtf8, byte[] actualUtf8) =>
        AssertEquivalent(Encoding.UTF8.GetString(expectedUtf8), Encoding.UTF8.GetString(actualUtf8));

    /// <summary>Returns a description of the first difference, or null when the trees are equal.</summary>
    public static string? FindDifference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} but was {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var actualMembers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (JsonProperty p in actual.EnumerateObject())
                {
                    actualMembers[p.Name] = p.Value;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (JsonProperty p in expected.EnumerateObject())
                {
                    seen.Add(p.Name);
                    if (!actualMembers.TryGetValue(p.Name, out JsonElement value))
                    {
                        return $"{path}.{p.Name}: missing in actual";
                    }

                    string? inner = FindDifference(p.Value, value, $"{path}.{p.Name}");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                foreach (string name in actualMembers.Keys)
                {
                    if (!seen.Contains(name))
                    {
                        return $"{path}.{name}: unexpected member in actual";
                    }
                }

                return null;

            case JsonValueKind.Array:
                int expectedLength = expected.GetArrayLength();
                int actualLength = actual.GetArrayLength();
                if (expectedLength != actualLength)
                {
                    return $"{path}: expected {expectedLength} elements but was {actualLength}";
                }

                for (int i = 0; i < expectedLength; i++)
                {
                    string? inner = FindDifference(expected[i], actual[i], $"{path}[{i}]");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.String:
                return expected.GetString() == actual.GetString()
                    ? null
                    : $"{path}: expected \"{expected.GetString()}\" but was \"{actual.GetString()}\"";

            case JsonValueKind.Number:
                return NumbersEqual(expected.GetRawText(), actual.GetRawText())
                    ? null
                    : $"{path}: expected {expected.GetRawText()} but was {actual.GetRawText()}";

            default:
                return null; // true/false/null: equal kinds mean equal values
        }
    }

    private static bool NumbersEqual(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        const NumberStyles Styles = NumberStyles.Float;
        if (decimal.TryParse(a, Styles, CultureInfo.InvariantCulture, out decimal da) &&
            decimal.TryParse(b, Styles, CultureInfo.InvariantCulture, out decimal db))
        {
            return da == db;
        }

        return double.Parse(a, CultureInfo.InvariantCulture) == double.Parse(b, CultureInfo.InvariantCulture);
    }
}
