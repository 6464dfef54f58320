using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// One registered schema document: its key (absolute URI without fragment), its root and the
/// identifiers its nested <c>id</c>s declare. Documents without any <c>id</c> (all the OCI ones)
/// are not scanned at all.
/// </summary>
internal sealed class SchemaDocument
{
    private readonly List<(string Key, SchemaLocation Location)> _identifiers = [];

    /// <param name="mayDeclareIds">False only when the caller knows no <c>id</c> keyword can occur (skips the scan).</param>
    public SchemaDocument(string key, JsonElement root, bool mayDeclareIds)
    {
        Key = key;
        Root = root;
        if (mayDeclareIds)
        {
            Scan(root, string.Empty, key);
        }
    }

    public string Key { get; }

    public JsonElement Root { get; }

    /// <summary>True when some schema in the document has an <c>id</c>, so base URIs vary inside it.</summary>
    public bool HasIds => _identifiers.Count > 0;

    /// <summary>Resource keys (absolute URI, or URI#name for plain-name ids) declared by <c>id</c>, with their schemas.</summary>
    public IReadOnlyList<(string Key, SchemaLocation Location)> Identifiers => _identifiers;

    public SchemaLocation RootLocation => new(this, Root, Key, Key + "#");

    private void Scan(JsonElement schema, string pointer, string inheritedBase)
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
            _identifiers.Add((fragment.Length == 0 ? key : SchemaUri.PlainNameKey(key, fragment), location));
        }

        foreach ((string suffix, JsonElement child) in Subschemas.Of(schema))
        {
            Scan(child, pointer + suffix, baseKey);
        }
    }
}
