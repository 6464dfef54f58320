namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>URI arithmetic for <c>id</c> and <c>$ref</c>: resolution against a base and fragment splitting.</summary>
internal static class SchemaUri
{
    public static Uri RequireAbsolute(Uri uri, string paramName) =>
        uri.IsAbsoluteUri ? uri : throw new ArgumentException($"schema URI \"{uri}\" must be absolute", paramName);

    public static Uri Resolve(Uri baseUri, string reference)
    {
        try
        {
            return new Uri(baseUri, reference);
        }
        catch (UriFormatException e)
        {
            throw new SchemaException($"invalid URI reference \"{reference}\" (base {baseUri})", e);
        }
    }

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

    public static Uri WithoutFragment(Uri uri) => new(ResourceKey(uri));
}
