using System.Text.Json;
using System.Text.RegularExpressions;
using Runc.Sharp.Spec.Validation.Schema.Keywords;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// Parses schema JSON into <see cref="SchemaNode"/>s. Nodes are cached per document position, so a
/// schema reached twice (or recursively through <c>$ref</c>) is compiled once. References are
/// resolved after the referring node exists, which is what lets cycles close.
/// </summary>
internal sealed class SchemaCompiler(SchemaRegistry registry, Dictionary<(SchemaDocument, string), SchemaNode> nodes)
{
    private readonly Queue<RefKeyword> _unresolved = new();
    private readonly List<(SchemaDocument, string)> _added = [];

    /// <summary>Compiles the schema at <paramref name="root"/> and everything it references; all or nothing.</summary>
    public SchemaNode Compile(SchemaLocation root)
    {
        try
        {
            SchemaNode node = GetOrCompile(root);
            while (_unresolved.TryDequeue(out RefKeyword? reference))
            {
                reference.Target = GetOrCompile(registry.ResolveReference(reference.BaseUri, reference.Reference));
            }

            return node;
        }
        catch
        {
            foreach ((SchemaDocument, string) key in _added)
            {
                nodes.Remove(key);
            }

            throw;
        }
    }

    private SchemaNode GetOrCompile(SchemaLocation location)
    {
        var key = (location.Document, location.Pointer);
        if (nodes.TryGetValue(key, out SchemaNode? node))
        {
            return node;
        }

        node = new SchemaNode(location.ToString());
        nodes.Add(key, node);
        _added.Add(key);
        node.SetKeywords(CompileKeywords(location));
        return node;
    }

    private SchemaKeyword[] CompileKeywords(SchemaLocation location)
    {
        JsonElement schema = location.Element;
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(location, $"a schema must be a JSON object, not {JsonTypeNames.Of(schema)}");
        }

        if (Subschemas.IsReference(schema, out string reference))
        {
            var refKeyword = new RefKeyword(reference, location.BaseUri);
            _unresolved.Enqueue(refKeyword);
            return [refKeyword];
        }

        var keywords = new List<SchemaKeyword>();
        if (schema.TryGetProperty("type", out JsonElement type))
        {
            keywords.Add(new TypeKeyword(ParseTypes(type, location)));
        }

        if (schema.TryGetProperty("enum", out JsonElement values))
        {
            RequireKind(values, JsonValueKind.Array, "enum", location);
            keywords.Add(new EnumKeyword([.. values.EnumerateArray()]));
        }

        AddNumberKeywords(schema, location, keywords);
        AddStringKeywords(schema, location, keywords);
        AddArrayKeywords(schema, location, keywords);
        AddObjectKeywords(schema, location, keywords);
        AddCombinators(schema, location, keywords);
        return [.. keywords];
    }

    private static void AddNumberKeywords(JsonElement schema, SchemaLocation location, List<SchemaKeyword> keywords)
    {
        if (schema.TryGetProperty("multipleOf", out JsonElement divisor))
        {
            JsonNumber value = ReadNumber(divisor, "multipleOf", location);
            if (!value.IsPositive)
            {
                throw Invalid(location, "multipleOf must be greater than 0");
            }

            keywords.Add(new MultipleOfKeyword(value));
        }

        if (schema.TryGetProperty("maximum", out JsonElement maximum))
        {
            keywords.Add(new MaximumKeyword(ReadNumber(maximum, "maximum", location), ReadFlag(schema, "exclusiveMaximum", location)));
        }

        if (schema.TryGetProperty("minimum", out JsonElement minimum))
        {
            keywords.Add(new MinimumKeyword(ReadNumber(minimum, "minimum", location), ReadFlag(schema, "exclusiveMinimum", location)));
        }
    }

    private static void AddStringKeywords(JsonElement schema, SchemaLocation location, List<SchemaKeyword> keywords)
    {
        if (schema.TryGetProperty("maxLength", out JsonElement maxLength))
        {
            keywords.Add(new LengthKeyword(ReadCount(maxLength, "maxLength", location), isMaximum: true));
        }

        if (schema.TryGetProperty("minLength", out JsonElement minLength))
        {
            keywords.Add(new LengthKeyword(ReadCount(minLength, "minLength", location), isMaximum: false));
        }

        if (schema.TryGetProperty("pattern", out JsonElement pattern))
        {
            RequireKind(pattern, JsonValueKind.String, "pattern", location);
            string text = pattern.GetString()!;
            keywords.Add(new PatternKeyword(text, PatternCache.Get(text)));
        }
    }

    private void AddArrayKeywords(JsonElement schema, SchemaLocation location, List<SchemaKeyword> keywords)
    {
        if (schema.TryGetProperty("items", out JsonElement items))
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                SchemaNode[] positional = CompileArray(location, "items");
                (SchemaNode? additional, bool allowed) = CompileBooleanOrSchema(location, "additionalItems");
                keywords.Add(new TupleItemsKeyword(positional, additional, allowed));
            }
            else
            {
                keywords.Add(new ItemsKeyword(Child(location, "items")));
            }
        }

        if (schema.TryGetProperty("maxItems", out JsonElement maxItems))
        {
            keywords.Add(new ItemCountKeyword(ReadCount(maxItems, "maxItems", location), isMaximum: true));
        }

        if (schema.TryGetProperty("minItems", out JsonElement minItems))
        {
            keywords.Add(new ItemCountKeyword(ReadCount(minItems, "minItems", location), isMaximum: false));
        }

        if (ReadFlag(schema, "uniqueItems", location))
        {
            keywords.Add(UniqueItemsKeyword.Instance);
        }
    }

    private void AddObjectKeywords(JsonElement schema, SchemaLocation location, List<SchemaKeyword> keywords)
    {
        if (schema.TryGetProperty("maxProperties", out JsonElement maxProperties))
        {
            keywords.Add(new PropertyCountKeyword(ReadCount(maxProperties, "maxProperties", location), isMaximum: true));
        }

        if (schema.TryGetProperty("minProperties", out JsonElement minProperties))
        {
            keywords.Add(new PropertyCountKeyword(ReadCount(minProperties, "minProperties", location), isMaximum: false));
        }

        if (schema.TryGetProperty("required", out JsonElement required))
        {
            keywords.Add(new RequiredKeyword(ReadStrings(required, "required", location)));
        }

        bool hasProperties = schema.TryGetProperty("properties", out _);
        bool hasPatterns = schema.TryGetProperty("patternProperties", out JsonElement patterns);
        if (hasProperties || hasPatterns || schema.TryGetProperty("additionalProperties", out _))
        {
            var properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
            foreach ((string name, SchemaNode node) in CompileMap(location, "properties"))
            {
                properties[name] = node;
            }

            var patternProperties = CompileMap(location, "patternProperties")
                .Select(entry => (entry.Key, PatternCache.Get(entry.Key), entry.Schema))
                .ToArray();
            (SchemaNode? additional, bool allowed) = CompileBooleanOrSchema(location, "additionalProperties");
            keywords.Add(new PropertiesKeyword(properties, patternProperties, additional, allowed));
        }

        if (schema.TryGetProperty("dependencies", out JsonElement dependencies))
        {
            RequireKind(dependencies, JsonValueKind.Object, "dependencies", location);
            var compiled = new List<(string, SchemaNode?, string[])>();
            foreach (JsonProperty dependency in dependencies.EnumerateObject())
            {
                compiled.Add(dependency.Value.ValueKind == JsonValueKind.Array
                    ? (dependency.Name, null, ReadStrings(dependency.Value, "dependencies", location))
                    : (dependency.Name, Child(location, "dependencies", dependency.Name), []));
            }

            keywords.Add(new DependenciesKeyword([.. compiled]));
        }
    }

    private void AddCombinators(JsonElement schema, SchemaLocation location, List<SchemaKeyword> keywords)
    {
        if (schema.TryGetProperty("allOf", out _))
        {
            keywords.Add(new AllOfKeyword(CompileArray(location, "allOf")));
        }

        if (schema.TryGetProperty("anyOf", out _))
        {
            keywords.Add(new AnyOfKeyword(CompileArray(location, "anyOf")));
        }

        if (schema.TryGetProperty("oneOf", out _))
        {
            keywords.Add(new OneOfKeyword(CompileArray(location, "oneOf")));
        }

        if (schema.TryGetProperty("not", out _))
        {
            keywords.Add(new NotKeyword(Child(location, "not")));
        }
    }

    private SchemaNode Child(SchemaLocation parent, params string[] tokens) =>
        parent.TryDescend(tokens, out SchemaLocation child)
            ? GetOrCompile(child)
            : throw Invalid(parent, $"missing subschema /{string.Join('/', tokens)}");

    private SchemaNode[] CompileArray(SchemaLocation location, string keyword)
    {
        JsonElement array = location.Element.GetProperty(keyword);
        RequireKind(array, JsonValueKind.Array, keyword, location);
        var nodes = new SchemaNode[array.GetArrayLength()];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = Child(location, keyword, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return nodes;
    }

    private List<(string Key, SchemaNode Schema)> CompileMap(SchemaLocation location, string keyword)
    {
        var entries = new List<(string, SchemaNode)>();
        if (location.Element.TryGetProperty(keyword, out JsonElement map))
        {
            RequireKind(map, JsonValueKind.Object, keyword, location);
            foreach (JsonProperty entry in map.EnumerateObject())
            {
                entries.Add((entry.Name, Child(location, keyword, entry.Name)));
            }
        }

        return entries;
    }

    /// <summary>additionalItems/additionalProperties: absent or true → (null, true); false → (null, false); schema → (node, true).</summary>
    private (SchemaNode? Schema, bool Allowed) CompileBooleanOrSchema(SchemaLocation location, string keyword)
    {
        if (!location.Element.TryGetProperty(keyword, out JsonElement value))
        {
            return (null, true);
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => (null, true),
            JsonValueKind.False => (null, false),
            JsonValueKind.Object => (Child(location, keyword), true),
            _ => throw Invalid(location, $"{keyword} must be a boolean or a schema"),
        };
    }

    private static JsonTypes ParseTypes(JsonElement type, SchemaLocation location)
    {
        JsonTypes types = JsonTypes.None;
        IEnumerable<JsonElement> names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray() : [type];
        foreach (JsonElement name in names)
        {
            if (name.ValueKind != JsonValueKind.String || !JsonTypeNames.TryParse(name.GetString()!, out JsonTypes parsed))
            {
                throw Invalid(location, $"type {JsonValueText.Format(name)} is not one of the draft-04 types");
            }

            types |= parsed;
        }

        return types;
    }

    private static JsonNumber ReadNumber(JsonElement value, string keyword, SchemaLocation location)
    {
        RequireKind(value, JsonValueKind.Number, keyword, location);
        return JsonNumber.From(value);
    }

    private static long ReadCount(JsonElement value, string keyword, SchemaLocation location)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal count)
            && count >= 0 && count == decimal.Truncate(count) && count <= long.MaxValue)
        {
            return (long)count;
        }

        throw Invalid(location, $"{keyword} must be a non-negative integer");
    }

    private static bool ReadFlag(JsonElement schema, string keyword, SchemaLocation location)
    {
        if (!schema.TryGetProperty(keyword, out JsonElement value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(location, $"{keyword} must be a boolean"),
        };
    }

    private static string[] ReadStrings(JsonElement value, string keyword, SchemaLocation location)
    {
        RequireKind(value, JsonValueKind.Array, keyword, location);
        var strings = new List<string>();
        foreach (JsonElement item in value.EnumerateArray())
        {
            RequireKind(item, JsonValueKind.String, keyword, location);
            strings.Add(item.GetString()!);
        }

        return [.. strings];
    }

    private static void RequireKind(JsonElement value, JsonValueKind kind, string keyword, SchemaLocation location)
    {
        if (value.ValueKind != kind)
        {
            throw Invalid(location, $"{keyword} must be {(kind == JsonValueKind.Array ? "an" : "a")} {kind.ToString().ToLowerInvariant()}, not {JsonTypeNames.Of(value)}");
        }
    }

    private static SchemaException Invalid(SchemaLocation location, string message) =>
        new($"invalid schema at {location}: {message}");
}
