using System.Runtime.CompilerServices;
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

    private readonly Lock _gate = new();
    private readonly SchemaRegistry? _fallback;
    private readonly Dictionary<string, SchemaLocation> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<SchemaDocument>> _deferred = new(StringComparer.Ordinal);
    private readonly List<SchemaDocument> _unscanned = [];
    private readonly Dictionary<string, SchemaNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string BaseKey, string Reference), SchemaNode> _references = new(SameBaseComparer.Instance);

    public SchemaRegistry(SchemaRegistry? fallback = null) => _fallback = fallback;

    /// <summary>The OCI runtime-spec v1.3.0 schemas embedded in this assembly, loaded on first use.</summary>
    public static SchemaRegistry Oci => OciRegistry.Value;

    /// <summary>Guards the registry and the lazy parts of the schemas compiled from it.</summary>
    internal Lock Gate => _gate;

    /// <summary>
    /// Registers a schema document under an absolute URI (its fragment, if any, is ignored). The element
    /// is cloned, so the caller may dispose its <see cref="JsonDocument"/>. Registering a URI again replaces it.
    /// </summary>
    public void Register(Uri uri, JsonElement document)
    {
        string key = SchemaUri.ResourceKey(SchemaUri.RequireAbsolute(uri, nameof(uri)));
        var schemaDocument = new SchemaDocument(key, document.Clone());
        lock (_gate)
        {
            _nodes.Clear();
            _references.Clear();
            _deferred.Remove(key);
            foreach ((string identifier, SchemaLocation location) in schemaDocument.Identifiers)
            {
                _resources[identifier] = location;
            }

            _resources[key] = schemaDocument.RootLocation;
        }
    }

    /// <summary>Parses <paramref name="json"/> and registers it under <paramref name="uri"/>.</summary>
    public void Register(string uri, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        Register(new Uri(uri, UriKind.Absolute), document.RootElement);
    }

    /// <summary>
    /// Registers a document under <paramref name="key"/> (an absolute URI without fragment, in
    /// <see cref="Uri.AbsoluteUri"/> form) that is only loaded when a lookup needs it: its key is asked
    /// for, or some key is not found (it might be an <c>id</c> inside the document; only then are
    /// its ids looked for, and they never replace what is registered otherwise).
    /// </summary>
    internal void RegisterDeferred(string key, Func<SchemaDocument> load)
    {
        lock (_gate)
        {
            _deferred[key] = load;
        }
    }

    /// <summary>True while the deferred document <paramref name="key"/> has not been loaded (for tests).</summary>
    internal bool IsDeferred(string key)
    {
        lock (_gate)
        {
            return _deferred.ContainsKey(key);
        }
    }

    /// <summary>True when a document or <c>id</c> is registered for <paramref name="uri"/> (ignoring its fragment).</summary>
    public bool Contains(Uri uri) => TryFindResource(SchemaUri.ResourceKey(SchemaUri.RequireAbsolute(uri, nameof(uri))), out _);

    /// <summary>
    /// The compiled schema at <paramref name="uri"/>, which may carry a JSON-pointer or plain-name
    /// fragment (<c>defs.json#/definitions/uint32</c>). Compiles it and everything it references once,
    /// so a malformed or unresolvable schema fails here.
    /// </summary>
    /// <exception cref="SchemaException">Unknown URI, unresolvable <c>$ref</c> or malformed schema.</exception>
    public JsonSchema GetSchema(Uri uri)
    {
        SchemaUri.RequireAbsolute(uri, nameof(uri));
        lock (_gate)
        {
            SchemaNode root = ResolveNode(SchemaUri.ResourceKey(uri), SchemaUri.Fragment(uri), uri.OriginalString);
            SchemaNode.CompileAll(root);
            return new JsonSchema(uri, root);
        }
    }

    public JsonSchema GetSchema(string uri) => GetSchema(new Uri(uri, UriKind.Absolute));

    /// <summary>
    /// The schema of the document registered as <paramref name="key"/>, compiled lazily: each subschema
    /// when a value first reaches it, each <c>$ref</c> (and the document it leads to) when first followed.
    /// For schemas known to be well-formed; problems in them only surface while validating.
    /// </summary>
    internal JsonSchema GetSchemaLazily(string key)
    {
        lock (_gate)
        {
            return new JsonSchema(key, ResolveNode(key, string.Empty, key));
        }
    }

    /// <summary>The node for a <c>$ref</c> found in a schema whose base URI is <paramref name="baseKey"/>.</summary>
    internal SchemaNode ResolveReference(string baseKey, string reference)
    {
        lock (_gate)
        {
            // The same $ref text recurs all over a document (defs.json#/definitions/uint32...).
            if (!_references.TryGetValue((baseKey, reference), out SchemaNode? node))
            {
                (string key, string fragment) = SchemaUri.Resolve(baseKey, reference);
                node = ResolveNode(key, fragment, reference);
                _references.Add((baseKey, reference), node);
            }

            return node;
        }
    }

    /// <summary>One node per target (resource key + fragment), so shared and recursive references meet.</summary>
    private SchemaNode ResolveNode(string key, string fragment, string reference)
    {
        string target = key + "#" + fragment;
        if (!_nodes.TryGetValue(target, out SchemaNode? node))
        {
            node = new SchemaNode(this, Locate(key, fragment, target, reference));
            _nodes.Add(target, node);
        }

        return node;
    }

    private SchemaLocation Locate(string key, string fragment, string target, string reference)
    {
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
            return resource.TryDescend(JsonPointer.ParseFragment(fragment), target, out SchemaLocation pointed)
                ? pointed
                : throw new SchemaException($"cannot resolve $ref \"{reference}\": {key} has nothing at #{fragment}");
        }

        if (TryFindResource(SchemaUri.PlainNameKey(key, fragment), out SchemaLocation named))
        {
            return named;
        }

        // Leniency for "#definitions/uint32" (no leading slash, as in OCI's defs.json): read it as a pointer.
        if (resource.TryDescend(JsonPointer.ParseFragment("/" + fragment), target, out SchemaLocation lenient))
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

            if (_deferred.Remove(key, out Func<SchemaDocument>? load))
            {
                AddDeferred(load());
                if (_resources.TryGetValue(key, out location))
                {
                    return true;
                }
            }

            if (_deferred.Count > 0 || _unscanned.Count > 0)
            {
                RegisterDeferredIds();
                if (_resources.TryGetValue(key, out location))
                {
                    return true;
                }
            }
        }

        return _fallback is not null && _fallback.TryFindResource(key, out location);
    }

    private void AddDeferred(SchemaDocument document)
    {
        _resources[document.Key] = document.RootLocation;
        _unscanned.Add(document);
    }

    /// <summary>A key was not found: it may be an id inside a deferred document. Loads and scans them all.</summary>
    private void RegisterDeferredIds()
    {
        foreach (Func<SchemaDocument> pending in _deferred.Values)
        {
            AddDeferred(pending());
        }

        _deferred.Clear();
        foreach (SchemaDocument document in _unscanned)
        {
            foreach ((string identifier, SchemaLocation location) in document.Identifiers)
            {
                _resources.TryAdd(identifier, location);
            }
        }

        _unscanned.Clear();
    }

    /// <summary>
    /// Keys of the reference cache. Base keys are compared by identity: the nodes of one document share
    /// one base string, and an equal string that is another instance only costs a second cache entry.
    /// </summary>
    private sealed class SameBaseComparer : IEqualityComparer<(string BaseKey, string Reference)>
    {
        public static readonly SameBaseComparer Instance = new();

        public bool Equals((string BaseKey, string Reference) x, (string BaseKey, string Reference) y) =>
            ReferenceEquals(x.BaseKey, y.BaseKey) && string.Equals(x.Reference, y.Reference, StringComparison.Ordinal);

        public int GetHashCode((string BaseKey, string Reference) key) =>
            RuntimeHelpers.GetHashCode(key.BaseKey) ^ StringComparer.Ordinal.GetHashCode(key.Reference);
    }
}
