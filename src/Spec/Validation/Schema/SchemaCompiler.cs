using System.Text.Json;
using Runc.Sharp.Spec.Validation.Schema.Keywords;
using K = Runc.Sharp.Spec.Validation.Schema.SchemaKeywordName;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// Turns one schema object into its keywords. Subschemas become uncompiled <see cref="SchemaNode"/>s,
/// <c>$ref</c>s are resolved when first followed and regexes built when first matched: compiling a
/// node costs one pass over its members, whatever lies below it.
/// </summary>
internal static class SchemaCompiler
{
    public static SchemaKeyword[] Compile(SchemaNode node)
    {
        JsonElement schema = node.Element;
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(node, $"a schema must be a JSON object, not {JsonTypeNames.Of(schema)}");
        }

        SchemaKeywordValues.Read(schema, out SchemaKeywordValues values);
        JsonElement reference = values.Get(K.Ref);
        if (reference.ValueKind == JsonValueKind.String)
        {
            return [new RefKeyword(node.Registry, node.InheritedBaseKey, reference.GetString()!)];
        }

        JsonElement id = values.Get(K.Id);
        string baseKey = id.ValueKind == JsonValueKind.String
            ? SchemaUri.ApplyId(node.InheritedBaseKey, id.GetString()!)
            : node.InheritedBaseKey;
        var builder = new Builder(node, baseKey, new List<SchemaKeyword>(4));
        builder.AddGeneric(values);
        builder.AddNumberKeywords(values);
        builder.AddStringKeywords(values);
        builder.AddArrayKeywords(values);
        builder.AddObjectKeywords(values);
        builder.AddCombinators(values);
        return builder.Keywords.Count == 0 ? [] : [.. builder.Keywords];
    }

    internal static SchemaException Invalid(SchemaNode node, string message) =>
        new($"invalid schema at {node}: {message}");

    /// <summary>The node being compiled, the base URI for its subschemas and the keywords so far.</summary>
    private readonly record struct Builder(SchemaNode Node, string BaseKey, List<SchemaKeyword> Keywords)
    {
        public void AddGeneric(in SchemaKeywordValues values)
        {
            if (values.Has(K.Type))
            {
                Keywords.Add(new TypeKeyword(ParseTypes(values.Get(K.Type))));
            }

            if (values.Has(K.Enum))
            {
                JsonElement enumValues = RequireKind(values.Get(K.Enum), JsonValueKind.Array, "enum");
                var items = new JsonElement[enumValues.GetArrayLength()];
                int i = 0;
                foreach (JsonElement item in enumValues.EnumerateArray())
                {
                    items[i++] = item;
                }

                Keywords.Add(new EnumKeyword(items));
            }
        }

        public void AddNumberKeywords(in SchemaKeywordValues values)
        {
            if (values.Has(K.MultipleOf))
            {
                JsonNumber divisor = ReadNumber(values.Get(K.MultipleOf), "multipleOf");
                Keywords.Add(divisor.IsPositive ? new MultipleOfKeyword(divisor) : throw Invalid(Node, "multipleOf must be greater than 0"));
            }

            if (values.Has(K.Maximum))
            {
                Keywords.Add(new MaximumKeyword(ReadNumber(values.Get(K.Maximum), "maximum"), ReadFlag(values.Get(K.ExclusiveMaximum), "exclusiveMaximum")));
            }

            if (values.Has(K.Minimum))
            {
                Keywords.Add(new MinimumKeyword(ReadNumber(values.Get(K.Minimum), "minimum"), ReadFlag(values.Get(K.ExclusiveMinimum), "exclusiveMinimum")));
            }
        }

        public void AddStringKeywords(in SchemaKeywordValues values)
        {
            if (values.Has(K.MaxLength))
            {
                Keywords.Add(new LengthKeyword(ReadCount(values.Get(K.MaxLength), "maxLength"), isMaximum: true));
            }

            if (values.Has(K.MinLength))
            {
                Keywords.Add(new LengthKeyword(ReadCount(values.Get(K.MinLength), "minLength"), isMaximum: false));
            }

            if (values.Has(K.Pattern))
            {
                string pattern = RequireKind(values.Get(K.Pattern), JsonValueKind.String, "pattern").GetString()!;
                Keywords.Add(new PatternKeyword(new SchemaPattern(pattern)));
            }
        }

        public void AddArrayKeywords(in SchemaKeywordValues values)
        {
            JsonElement items = values.Get(K.Items);
            if (items.ValueKind == JsonValueKind.Array)
            {
                (SchemaNode? additional, bool allowed) = BooleanOrSchema(values.Get(K.AdditionalItems), "additionalItems");
                Keywords.Add(new TupleItemsKeyword(Array(items, "items"), additional, allowed));
            }
            else if (items.ValueKind != JsonValueKind.Undefined)
            {
                Keywords.Add(new ItemsKeyword(Child(items, "items")));
            }

            if (values.Has(K.MaxItems))
            {
                Keywords.Add(new ItemCountKeyword(ReadCount(values.Get(K.MaxItems), "maxItems"), isMaximum: true));
            }

            if (values.Has(K.MinItems))
            {
                Keywords.Add(new ItemCountKeyword(ReadCount(values.Get(K.MinItems), "minItems"), isMaximum: false));
            }

            if (ReadFlag(values.Get(K.UniqueItems), "uniqueItems"))
            {
                Keywords.Add(UniqueItemsKeyword.Instance);
            }
        }

        public void AddObjectKeywords(in SchemaKeywordValues values)
        {
            if (values.Has(K.MaxProperties))
            {
                Keywords.Add(new PropertyCountKeyword(ReadCount(values.Get(K.MaxProperties), "maxProperties"), isMaximum: true));
            }

            if (values.Has(K.MinProperties))
            {
                Keywords.Add(new PropertyCountKeyword(ReadCount(values.Get(K.MinProperties), "minProperties"), isMaximum: false));
            }

            if (values.Has(K.Required))
            {
                Keywords.Add(new RequiredKeyword(ReadStrings(values.Get(K.Required), "required")));
            }

            if (values.Has(K.Properties) || values.Has(K.PatternProperties) || values.Has(K.AdditionalProperties))
            {
                (SchemaNode? additional, bool allowed) = BooleanOrSchema(values.Get(K.AdditionalProperties), "additionalProperties");
                Keywords.Add(new PropertiesKeyword(Properties(values.Get(K.Properties)), PatternProperties(values.Get(K.PatternProperties)), additional, allowed));
            }

            if (values.Has(K.Dependencies))
            {
                JsonElement dependencies = RequireKind(values.Get(K.Dependencies), JsonValueKind.Object, "dependencies");
                var compiled = new List<(string, SchemaNode?, string[])>();
                foreach (JsonProperty dependency in dependencies.EnumerateObject())
                {
                    compiled.Add(dependency.Value.ValueKind == JsonValueKind.Array
                        ? (dependency.Name, null, ReadStrings(dependency.Value, "dependencies"))
                        : (dependency.Name, Child(dependency.Value, "dependencies", compiled.Count), []));
                }

                Keywords.Add(new DependenciesKeyword([.. compiled]));
            }
        }

        public void AddCombinators(in SchemaKeywordValues values)
        {
            if (values.Has(K.AllOf))
            {
                Keywords.Add(new AllOfKeyword(Array(values.Get(K.AllOf), "allOf")));
            }

            if (values.Has(K.AnyOf))
            {
                Keywords.Add(new AnyOfKeyword(Array(values.Get(K.AnyOf), "anyOf")));
            }

            if (values.Has(K.OneOf))
            {
                Keywords.Add(new OneOfKeyword(Array(values.Get(K.OneOf), "oneOf")));
            }

            if (values.Has(K.Not))
            {
                Keywords.Add(new NotKeyword(Child(values.Get(K.Not), "not")));
            }
        }

        private SchemaNode Child(JsonElement schema, string keyword, int index = -1) =>
            new(Node, BaseKey, schema, keyword, index);

        private SchemaNode[] Array(JsonElement array, string keyword)
        {
            RequireKind(array, JsonValueKind.Array, keyword);
            var nodes = new SchemaNode[array.GetArrayLength()];
            int i = 0;
            foreach (JsonElement item in array.EnumerateArray())
            {
                nodes[i] = Child(item, keyword, i);
                i++;
            }

            return nodes;
        }

        private PropertyTable? Properties(JsonElement map)
        {
            if (map.ValueKind == JsonValueKind.Undefined)
            {
                return null;
            }

            RequireKind(map, JsonValueKind.Object, "properties");
            var entries = new List<(byte[], SchemaNode)>(map.GetPropertyCount());
            foreach (JsonProperty entry in map.EnumerateObject())
            {
                entries.Add((PropertyTable.NameOf(entry), Child(entry.Value, "properties", entries.Count)));
            }

            return new PropertyTable(entries);
        }

        private (SchemaPattern Pattern, SchemaNode Schema)[] PatternProperties(JsonElement map)
        {
            if (map.ValueKind == JsonValueKind.Undefined)
            {
                return [];
            }

            RequireKind(map, JsonValueKind.Object, "patternProperties");
            var entries = new List<(SchemaPattern, SchemaNode)>();
            foreach (JsonProperty entry in map.EnumerateObject())
            {
                entries.Add((new SchemaPattern(entry.Name), Child(entry.Value, "patternProperties", entries.Count)));
            }

            return [.. entries];
        }

        /// <summary>additionalItems/additionalProperties: absent or true → (null, true); false → (null, false); schema → (node, true).</summary>
        private (SchemaNode? Schema, bool Allowed) BooleanOrSchema(JsonElement value, string keyword) => value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.True => (null, true),
            JsonValueKind.False => (null, false),
            JsonValueKind.Object => (Child(value, keyword), true),
            _ => throw Invalid(Node, $"{keyword} must be a boolean or a schema"),
        };

        private JsonTypes ParseTypes(JsonElement type)
        {
            if (type.ValueKind != JsonValueKind.Array)
            {
                return ParseType(type);
            }

            JsonTypes types = JsonTypes.None;
            foreach (JsonElement name in type.EnumerateArray())
            {
                types |= ParseType(name);
            }

            return types;
        }

        private JsonTypes ParseType(JsonElement name) =>
            JsonTypeNames.TryParse(name, out JsonTypes parsed)
                ? parsed
                : throw Invalid(Node, $"type {JsonValueText.Format(name)} is not one of the draft-04 types");

        private JsonNumber ReadNumber(JsonElement value, string keyword) =>
            JsonNumber.From(RequireKind(value, JsonValueKind.Number, keyword));

        private long ReadCount(JsonElement value, string keyword)
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal count)
                && count >= 0 && count == decimal.Truncate(count) && count <= long.MaxValue)
            {
                return (long)count;
            }

            throw Invalid(Node, $"{keyword} must be a non-negative integer");
        }

        private bool ReadFlag(JsonElement value, string keyword) => value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.False => false,
            JsonValueKind.True => true,
            _ => throw Invalid(Node, $"{keyword} must be a boolean"),
        };

        private string[] ReadStrings(JsonElement value, string keyword)
        {
            RequireKind(value, JsonValueKind.Array, keyword);
            var strings = new string[value.GetArrayLength()];
            int i = 0;
            foreach (JsonElement item in value.EnumerateArray())
            {
                strings[i++] = RequireKind(item, JsonValueKind.String, keyword).GetString()!;
            }

            return strings;
        }

        private JsonElement RequireKind(JsonElement value, JsonValueKind kind, string keyword) =>
            value.ValueKind == kind
                ? value
                : throw Invalid(Node, $"{keyword} must be {(kind == JsonValueKind.Array ? "an" : "a")} {kind.ToString().ToLowerInvariant()}, not {JsonTypeNames.Of(value)}");
    }
}
