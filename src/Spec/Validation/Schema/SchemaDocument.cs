using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// One registered schema document: its key (absolute URI without fragment), its root and the
/// identifiers its nested <c>id</c>s declare. The scan for those runs on first use of
/// <see cref="Identifiers"/>; a registry only asks for the ids of a lazily loaded document when a
/// lookup has found nothing else.
/// </summary>
internal sealed class SchemaDocument(string key, JsonElement root)
{
    private List<(string Key, SchemaLocation Location)>? _identifiers;

    public string Key { get; } = key;

    public JsonElement Root { get; } = root;

    /// <summary>Resource keys (absolute URI, or URI#name for plain-name ids) declared by <c>id</c>, with their schemas.</summary>
    public IReadOnlyList<(string Key, SchemaLocation Location)> Identifiers
    {
        get
        {
            if (_identifiers is null)
            {
                var identifiers = new List<(string, SchemaLocation)>();
                Scan(Root, string.Empty, Key, identifiers);
                _identifiers = identifiers;
            }

            return _identifiers;
        }
    }

    public SchemaLocation RootLocation => new(this, Root, Key, Key + "#");

    private void Scan(JsonElement schema, string pointer, string inheritedBase, List<(string, SchemaLocation)> identifiers)
    {
        if (schema.ValueKind != JsonValueKind.Object || Subschemas.IsReference(schema, out _))
        {
            return;
        }

        string baseKey = inheritedBase;
        if (Subschemas.TryGetId(schema, out string id))
        {
            (string key, string fragment) = SchemaUri.Resolve(inheritedBase, id);
            baseKey = key;
            var location = new SchemaLocation(this, schema, inheritedBase, Key + "#" + pointer);
            identifiers.Add((fragment.Length == 0 ? key : SchemaUri.PlainNameKey(key, fragment), location));
        }

        foreach ((string suffix, JsonElement child) in Subschemas.Of(schema))
        {
            Scan(child, pointer + suffix, baseKey, identifiers);
        }
    }
}
