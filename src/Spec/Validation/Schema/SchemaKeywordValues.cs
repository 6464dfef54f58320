using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>The draft-04 keywords the compiler looks at.</summary>
internal enum SchemaKeywordName
{
    Ref,
    Id,
    Type,
    Enum,
    MultipleOf,
    Maximum,
    ExclusiveMaximum,
    Minimum,
    ExclusiveMinimum,
    MaxLength,
    MinLength,
    Pattern,
    Items,
    AdditionalItems,
    MaxItems,
    MinItems,
    UniqueItems,
    MaxProperties,
    MinProperties,
    Required,
    Properties,
    PatternProperties,
    AdditionalProperties,
    Dependencies,
    AllOf,
    AnyOf,
    OneOf,
    Not,
    Count,
    Unknown = -1,
}

/// <summary>
/// The values of a schema object's keywords, gathered in one pass over its members (one lookup per
/// keyword would scan the object ~30 times). Absent keywords are <see cref="JsonValueKind.Undefined"/>;
/// for a repeated member the last one wins, as with <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>.
/// </summary>
[InlineArray((int)SchemaKeywordName.Count)]
internal struct SchemaKeywordValues
{
    private const int LongestKeyword = 20; // "additionalProperties"

    private JsonElement _first;

    public static SchemaKeywordValues Read(JsonElement schema)
    {
        var values = default(SchemaKeywordValues);
        foreach (JsonProperty member in schema.EnumerateObject())
        {
            SchemaKeywordName name = Identify(member);
            if (name != SchemaKeywordName.Unknown)
            {
                values[(int)name] = member.Value;
            }
        }

        return values;
    }

    public readonly bool Has(SchemaKeywordName name) => this[(int)name].ValueKind != JsonValueKind.Undefined;

    public readonly JsonElement Get(SchemaKeywordName name) => this[(int)name];

    private static SchemaKeywordName Identify(JsonProperty member)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8PropertyName(member);
        if (raw.Contains((byte)'\\'))
        {
            return Identify(member.Name); // escaped: let the reader unescape it
        }

        if (raw.Length > LongestKeyword)
        {
            return SchemaKeywordName.Unknown;
        }

        Span<char> name = stackalloc char[LongestKeyword];
        return Ascii.ToUtf16(raw, name, out int length) == System.Buffers.OperationStatus.Done
            ? Identify(name[..length])
            : SchemaKeywordName.Unknown;
    }

    private static SchemaKeywordName Identify(ReadOnlySpan<char> name) => name switch
    {
        "$ref" => SchemaKeywordName.Ref,
        "id" => SchemaKeywordName.Id,
        "type" => SchemaKeywordName.Type,
        "enum" => SchemaKeywordName.Enum,
        "multipleOf" => SchemaKeywordName.MultipleOf,
        "maximum" => SchemaKeywordName.Maximum,
        "exclusiveMaximum" => SchemaKeywordName.ExclusiveMaximum,
        "minimum" => SchemaKeywordName.Minimum,
        "exclusiveMinimum" => SchemaKeywordName.ExclusiveMinimum,
        "maxLength" => SchemaKeywordName.MaxLength,
        "minLength" => SchemaKeywordName.MinLength,
        "pattern" => SchemaKeywordName.Pattern,
        "items" => SchemaKeywordName.Items,
        "additionalItems" => SchemaKeywordName.AdditionalItems,
        "maxItems" => SchemaKeywordName.MaxItems,
        "minItems" => SchemaKeywordName.MinItems,
        "uniqueItems" => SchemaKeywordName.UniqueItems,
        "maxProperties" => SchemaKeywordName.MaxProperties,
        "minProperties" => SchemaKeywordName.MinProperties,
        "required" => SchemaKeywordName.Required,
        "properties" => SchemaKeywordName.Properties,
        "patternProperties" => SchemaKeywordName.PatternProperties,
        "additionalProperties" => SchemaKeywordName.AdditionalProperties,
        "dependencies" => SchemaKeywordName.Dependencies,
        "allOf" => SchemaKeywordName.AllOf,
        "anyOf" => SchemaKeywordName.AnyOf,
        "oneOf" => SchemaKeywordName.OneOf,
        "not" => SchemaKeywordName.Not,
        _ => SchemaKeywordName.Unknown,
    };
}
