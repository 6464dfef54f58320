namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// URI arithmetic for <c>id</c> and <c>$ref</c>. Resources are keyed by their absolute URI without
/// fragment, as a string (<see cref="Uri.AbsoluteUri"/> form). The common shapes of reference —
/// <c>#fragment</c> and a plain relative file name such as <c>defs.json#/definitions/x</c> — are
/// resolved with string operations; anything else goes through <see cref="Uri"/>, which is exact but
/// costly (its parsing dominated schema start-up).
/// </summary>
internal static class SchemaUri
{
    public static Uri RequireAbsolute(Uri uri, string paramName) =>
        uri.IsAbsoluteUri ? uri : throw new ArgumentException($"schema URI \"{uri}\" must be absolute", paramName);

    /// <summary>
    /// Resolves <paramref name="reference"/> against <paramref name="baseKey"/> (an absolute URI without
    /// fragment): the key of the target resource and the target's fragment without '#', still %-encoded.
    /// </summary>
    public static (string Key, string Fragment) Resolve(string baseKey, string reference)
    {
        int hash = reference.IndexOf('#');
        ReadOnlySpan<char> path = hash < 0 ? reference : reference.AsSpan(0, hash);
        string fragment = hash < 0 ? string.Empty : reference[(hash + 1)..];
        if (path.IsEmpty)
        {
            return (baseKey, fragment);
        }

        if (IsPlainRelativePath(path) && TryGetDirectory(baseKey, out ReadOnlySpan<char> directory))
        {
            return (string.Concat(directory, path), fragment);
        }

        Uri target = ResolveUri(baseKey, reference);
        return (ResourceKey(target), Fragment(target));
    }

    /// <summary>The base URI in effect inside a schema that declares <paramref name="id"/>.</summary>
    public static string ApplyId(string baseKey, string id) => Resolve(baseKey, id).Key;

    /// <summary>The absolute URI without its fragment: the key documents and <c>id</c>s are registered under.</summary>
    public static string ResourceKey(Uri uri)
    {
        string text = uri.AbsoluteUri;
        int hash = text.IndexOf('#');
        return hash < 0 ? text : text[..hash];
    }

    /// <summary>The fragment without its leading '#', still percent-encoded; empty when there is none.</summary>
    public static string Fragment(Uri uri)
    {
        string text = uri.AbsoluteUri;
        int hash = text.IndexOf('#');
        return hash < 0 ? string.Empty : text[(hash + 1)..];
    }

    /// <summary>The key of a location-independent identifier such as <c>id: "#foo"</c>.</summary>
    public static string PlainNameKey(string resourceKey, string escapedFragment) =>
        resourceKey + "#" + Uri.UnescapeDataString(escapedFragment);

    private static Uri ResolveUri(string baseKey, string reference)
    {
        try
        {
            return new Uri(new Uri(baseKey, UriKind.Absolute), reference);
        }
        catch (UriFormatException e)
        {
            throw new SchemaException($"invalid URI reference \"{reference}\" (base {baseKey})", e);
        }
    }

    /// <summary>
    /// Segments of unreserved characters (RFC 3986) separated by '/', none starting with '.': such a
    /// path needs no normalisation, so resolving it only replaces the last segment of the base.
    /// </summary>
    private static bool IsPlainRelativePath(ReadOnlySpan<char> path)
    {
        bool segmentStart = true;
        foreach (char c in path)
        {
            if (c == '/')
            {
                if (segmentStart)
                {
                    return false; // leading '/' (absolute path, authority) or empty segment
                }

                segmentStart = true;
                continue;
            }

            if (segmentStart && c == '.')
            {
                return false;
            }

            segmentStart = false;
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '~' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The base up to and including its last '/', when the base is hierarchical (scheme://…/…) without query.</summary>
    private static bool TryGetDirectory(string baseKey, out ReadOnlySpan<char> directory)
    {
        int authority = baseKey.IndexOf("://", StringComparison.Ordinal);
        int lastSlash = baseKey.LastIndexOf('/');
        if (authority > 0 && lastSlash > authority + 2 && !baseKey.Contains('?'))
        {
            directory = baseKey.AsSpan(0, lastSlash + 1);
            return true;
        }

        directory = default;
        return false;
    }
}
