using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// Where draft-04 keywords hold subschemas. Used to find <c>id</c>s and base URIs without mistaking
/// data (an <c>enum</c> value, a property called "id") for a schema.
/// </summary>
internal static class Subschemas
{
    /// <summary>The direct subschemas of a schema object, with the pointer suffix that leads to each.</summary>
    public static IEnumerable<(string Suffix, JsonElement Schema)> Of(JsonElement schema)
    {
        foreach (JsonProperty keyword in schema.EnumerateObject())
        {
            JsonElement value = keyword.Value;
            string prefix = "/" + JsonPointer.Escape(keyword.Name);
            switch (keyword.Name)
            {
                case "properties" or "patternProperties" or "definitions" or "dependencies" when value.ValueKind == JsonValueKind.Object:
                    foreach (JsonProperty member in value.EnumerateObject())
                    {
                        if (member.Value.ValueKind == JsonValueKind.Object)
                        {
                            yield return (JsonPointer.Append(prefix, member.Name), member.Value);
                        }
                    }

                    break;
                case "items" or "allOf" or "anyOf" or "oneOf" when value.ValueKind == JsonValueKind.Array:
                    int index = 0;
                    foreach (JsonElement item in value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object)
                        {
                            yield return (JsonPointer.Append(prefix, index), item);
                        }

                        index++;
                    }

                    break;
                case "items" or "additionalItems" or "additionalProperties" or "not" when value.ValueKind == JsonValueKind.Object:
                    yield return (prefix, value);
                    break;
            }
        }
    }

    /// <summary>What a JSON-pointer step from a schema leads to.</summary>
    public enum Step
    {
        /// <summary>Data or an unknown keyword: nothing below is a schema.</summary>
        Other,

        /// <summary>A subschema (<c>not</c>, <c>additionalProperties</c>, object-valued <c>items</c>...).</summary>
        Schema,

        /// <summary>An object or array whose members are subschemas (<c>properties</c>, <c>allOf</c>...).</summary>
        Container,
    }

    /// <summary>Classifies the value reached from a schema through keyword <paramref name="keyword"/>.</summary>
    public static Step Classify(string keyword, JsonElement value) => keyword switch
    {
        "properties" or "patternProperties" or "definitions" or "dependencies" or "allOf" or "anyOf" or "oneOf" => Step.Container,
        "items" => value.ValueKind == JsonValueKind.Array ? Step.Container : Step.Schema,
        "additionalItems" or "additionalProperties" or "not" => Step.Schema,
        _ => Step.Other,
    };

    /// <summary>A string <c>$ref</c> makes every sibling keyword (including <c>id</c>) meaningless in draft-04.</summary>
    public static bool IsReference(JsonElement schema, out string reference)
    {
        if (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("$ref"u8, out JsonElement value)
            && value.ValueKind == JsonValueKind.String)
        {
            reference = value.GetString()!;
            return true;
        }

        reference = string.Empty;
        return false;
    }

    public static bool TryGetId(JsonElement schema, out string id)
    {
        if (schema.ValueKind == JsonValueKind.Object
            && !IsReference(schema, out _)
            && schema.TryGetProperty("id"u8, out JsonElement value)
            && value.ValueKind == JsonValueKind.String)
        {
            id = value.GetString()!;
            return true;
        }

        id = string.Empty;
        return false;
    }
}
