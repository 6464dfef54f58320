using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// Schema documents by URI, the <c>id</c>s they declare, and the compiled form of what has been asked
/// for. Nothing is ever fetched: every document a <c>$ref</c> can reach must be registered, either
/// here or in the <c>fallback</c> registry (consulted for documents and ids this one lacks).
/// Thread-safe; compiled schemas are immutable and can be used concurrently.
/// </summary>
public sealed class SchemaRegistry
{
    private static readonly Lazy<SchemaRegistry> OciRegistry = new(OciSchemaResources.CreateRegistry);

    private readonly object _gate = new();
    private readonly SchemaRegistry? _fallback;
    private readonly Dictionary<string, SchemaLocation> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<(SchemaDocument, string), SchemaNode> _nodes = [];

    public SchemaRegistry(SchemaRegistry? fallback = null) => _fallback = fallback;

    /// <summary>The OCI runtime-spec v1.3.0 schemas embedded in this assembly, loaded on first use.</summary>
    public static SchemaRegistry Oci => OciRegistry.Value;

    /// <summary>
    /// Registers a schema document under an absolute URI (its fragment, if any, is ignored). The element
    /// is cloned, so the caller may dispose its <see cref="JsonDocument"/>. Registering a URI again replaces it.
    /// </summary>
    public void Register(Uri uri, JsonElement document)
    {
        SchemaUri.RequireAbsolute(uri, nameof(uri));
        var schemaDocument = new SchemaDocument(SchemaUri.WithoutFragment(uri), document.Clone());
        lock (_gate)
        {
            _nodes.Clear();
            foreach ((string key, string pointer) in schemaDocument.Identifiers)
            {
                if (schemaDocument.RootLocation.TryDescend(JsonPointer.ParsePointer(pointer), out SchemaLocation location))
                {
                    _resources[key] = location;
                }
            }

            _resources[SchemaUri.ResourceKey(uri)] = schemaDocument.RootLocation;
        }
    }

    /// <summary>Parses <paramref name="json"/> and registers it under <paramref name="uri"/>.</summary>
    public void Register(string uri, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        Register(new Uri(uri, UriKind.Absolute), document.RootElement);
    }

    /// <summary>True when a document or <c>id</c> is registered for <paramref name="uri"/> (ignoring its fragment).</summary>
    public bool Contains(Uri uri) => TryFindResource(SchemaUri.ResourceKey(SchemaUri.RequireAbsolute(uri, nameof(uri))), out _);

    /// <summary>
    /// The compiled schema at <paramref name="uri"/>, which may carry a JSON-pointer or plain-name
    /// fragment (<c>defs.json#/definitions/uint32</c>). Compiles it and everything it references once.
    /// </summary>
    /// <exception cref="SchemaException">Unknown URI, unresolvable <c>$ref</c> or malformed schema.</exception>
    public JsonSchema GetSchema(Uri uri)
    {
        SchemaUri.RequireAbsolute(uri, nameof(uri));
        lock (_gate)
        {
            SchemaLocation location = ResolveReference(uri, uri.OriginalString);
            SchemaNode root = new SchemaCompiler(this, _nodes).Compile(location);
            return new JsonSchema(uri, root);
        }
    }

    public JsonSchema GetSchema(string uri) => GetSchema(new Uri(uri, UriKind.Absolute));

    /// <summary>Finds the schema a <c>$ref</c> points to: resource by URI, then the fragment inside it.</summary>
    internal SchemaLocation ResolveReference(Uri baseUri, string reference)
    {
        Uri target = SchemaUri.Resolve(baseUri, reference);
        string key = SchemaUri.ResourceKey(target);
        string fragment = SchemaUri.Fragment(target);
        if (!TryFindResource(key, out SchemaLocation resource))
        {
            throw new SchemaException($"cannot resolve $ref \"{reference}\": no schema is registered for {key}");
        }

        if (fragment.Length == 0)
        {
            return resource;
        }

        if (fragment[0] == '/')
        {
            return resource.TryDescend(JsonPointer.ParseFragment(fragment), out SchemaLocation pointed)
                ? pointed
                : throw new SchemaException($"cannot resolve $ref \"{reference}\": {key} has nothing at #{fragment}");
        }

        if (TryFindResource(SchemaUri.PlainNameKey(key, fragment), out SchemaLocation named))
        {
            return named;
        }

        // Leniency for "#definitions/uint32" (no leading slash, as in OCI's defs.json): read it as a pointer.
        if (resource.TryDescend(JsonPointer.ParseFragment("/" + fragment), out SchemaLocation lenient))
        {
            return lenient;
        }

        throw new SchemaException($"cannot resolve $ref \"{reference}\": no schema in {key} has id \"#{fragment}\"");
    }

    private bool TryFindResource(string key, out SchemaLocation location)
    {
        lock (_gate)
        {
            if (_resources.TryGetValue(key, out location))
            {
                return true;
            }
        }

        return _fallback is not null && _fallback.TryFindResource(key, out location);
    }
}
