using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// One registered schema document: its root, the base URI in effect at each schema position
/// (changed by nested <c>id</c>s) and the identifiers it declares.
/// </summary>
internal sealed class SchemaDocument
{
    private readonly Dictionary<string, Uri> _baseUris = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Pointer)> _identifiers = [];

    public SchemaDocument(Uri uri, JsonElement root)
    {
        Uri = uri;
        Root = root;
        Scan(root, string.Empty, uri);
    }

    public Uri Uri { get; }

    public JsonElement Root { get; }

    /// <summary>Resource keys (absolute URI, or URI#name for plain-name ids) declared by <c>id</c>, with their pointers.</summary>
    public IReadOnlyList<(string Key, string Pointer)> Identifiers => _identifiers;

    public SchemaLocation RootLocation => new(this, string.Empty, Root);

    public Uri BaseUriAt(string pointer) =>
        _baseUris.TryGetValue(pointer, out Uri? baseUri) ? baseUri : WalkBaseUri(pointer);

    private void Scan(JsonElement schema, string pointer, Uri parentBase)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        Uri baseUri = parentBase;
        if (Subschemas.TryGetId(schema, out string id))
        {
            Uri identified = SchemaUri.Resolve(parentBase, id);
            string key = SchemaUri.ResourceKey(identified);
            string fragment = SchemaUri.Fragment(identified);
            baseUri = SchemaUri.WithoutFragment(identified);
            _identifiers.Add((fragment.Length == 0 ? key : SchemaUri.PlainNameKey(key, fragment), pointer));
        }

        _baseUris[pointer] = baseUri;
        if (Subschemas.IsReference(schema, out _))
        {
            return;
        }

        foreach ((string suffix, JsonElement child) in Subschemas.Of(schema))
        {
            Scan(child, pointer + suffix, baseUri);
        }
    }

    /// <summary>Base URI of a position the scan did not visit (a $ref into a non-schema spot): apply ids along the path.</summary>
    private Uri WalkBaseUri(string pointer)
    {
        Uri baseUri = _baseUris[string.Empty];
        JsonElement element = Root;
        foreach (string token in JsonPointer.ParsePointer(pointer))
        {
            if (!JsonPointer.TryStep(element, token, out element))
            {
                break;
            }

            if (Subschemas.TryGetId(element, out string id))
            {
                baseUri = SchemaUri.WithoutFragment(SchemaUri.Resolve(baseUri, id));
            }
        }

        return baseUri;
    }
}
