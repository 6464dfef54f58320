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
    private JsonElement _first;

    /// <summary>Fills <paramref name="values"/> (by reference: the struct is large) from <paramref name="schema"/>'s members.</summary>
    public static void Read(JsonElement schema, out SchemaKeywordValues values)
    {
        values = default;
        foreach (JsonProperty member in schema.EnumerateObject())
        {
            SchemaKeywordName name = Identify(member);
            if (name != SchemaKeywordName.Unknown)
            {
                values[(int)name] = member.Value;
            }
        }
    }

    public readonly bool Has(SchemaKeywordName name) => this[(int)name].ValueKind != JsonValueKind.Undefined;

    public readonly JsonElement Get(SchemaKeywordName name) => this[(int)name];

    private static SchemaKeywordName Identify(JsonProperty member)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8PropertyName(member);
        SchemaKeywordName name = Identify(raw);

        // An escaped name ("\u0074ype") never matches as raw bytes; unescape it (rare) and try again.
        return name == SchemaKeywordName.Unknown && raw.Contains((byte)'\\')
            ? Identify(Encoding.UTF8.GetBytes(member.Name))
            : name;
    }

    internal static SchemaKeywordName Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => Is(name, "id"u8, SchemaKeywordName.Id),
        3 => Is(name, "not"u8, SchemaKeywordName.Not),
        4 => name[0] switch
        {
            (byte)'$' => Is(name, "$ref"u8, SchemaKeywordName.Ref),
            (byte)'t' => Is(name, "type"u8, SchemaKeywordName.Type),
            _ => Is(name, "enum"u8, SchemaKeywordName.Enum),
        },
        5 => name[0] switch
        {
            (byte)'i' => Is(name, "items"u8, SchemaKeywordName.Items),
            (byte)'o' => Is(name, "oneOf"u8, SchemaKeywordName.OneOf),
            _ => name[1] == (byte)'l' ? Is(name, "allOf"u8, SchemaKeywordName.AllOf) : Is(name, "anyOf"u8, SchemaKeywordName.AnyOf),
        },
        7 => name[0] == (byte)'p' ? Is(name, "pattern"u8, SchemaKeywordName.Pattern)
            : name[1] == (byte)'a' ? Is(name, "maximum"u8, SchemaKeywordName.Maximum)
            : Is(name, "minimum"u8, SchemaKeywordName.Minimum),
        8 => name[1] switch
        {
            (byte)'e' => Is(name, "required"u8, SchemaKeywordName.Required),
            (byte)'a' => Is(name, "maxItems"u8, SchemaKeywordName.MaxItems),
            _ => Is(name, "minItems"u8, SchemaKeywordName.MinItems),
        },
        9 => name[1] == (byte)'a' ? Is(name, "maxLength"u8, SchemaKeywordName.MaxLength) : Is(name, "minLength"u8, SchemaKeywordName.MinLength),
        10 => name[0] == (byte)'p' ? Is(name, "properties"u8, SchemaKeywordName.Properties) : Is(name, "multipleOf"u8, SchemaKeywordName.MultipleOf),
        11 => Is(name, "uniqueItems"u8, SchemaKeywordName.UniqueItems),
        12 => Is(name, "dependencies"u8, SchemaKeywordName.Dependencies),
        13 => name[1] == (byte)'a' ? Is(name, "maxProperties"u8, SchemaKeywordName.MaxProperties) : Is(name, "minProperties"u8, SchemaKeywordName.MinProperties),
        15 => Is(name, "additionalItems"u8, SchemaKeywordName.AdditionalItems),
        16 => name[10] == (byte)'a' ? Is(name, "exclusiveMaximum"u8, SchemaKeywordName.ExclusiveMaximum) : Is(name, "exclusiveMinimum"u8, SchemaKeywordName.ExclusiveMinimum),
        17 => Is(name, "patternProperties"u8, SchemaKeywordName.PatternProperties),
        20 => Is(name, "additionalProperties"u8, SchemaKeywordName.AdditionalProperties),
        _ => SchemaKeywordName.Unknown,
    };

    private static SchemaKeywordName Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> keyword, SchemaKeywordName result) =>
        name.SequenceEqual(keyword) ? result : SchemaKeywordName.Unknown;
}
