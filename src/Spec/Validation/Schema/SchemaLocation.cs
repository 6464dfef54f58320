using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// A schema value inside a registered document. <paramref name="BaseKey"/> is the base URI the
/// enclosing schemas establish (the value's own <c>id</c>, if any, is applied when it is compiled);
/// <paramref name="Description"/> (<c>uri#pointer</c>) is for diagnostics.
/// </summary>
internal readonly record struct SchemaLocation(SchemaDocument Document, JsonElement Element, string BaseKey, string Description)
{
    /// <summary>Follows JSON-pointer tokens, applying the <c>id</c>s of the schemas passed through.</summary>
    public bool TryDescend(string[] tokens, string description, out SchemaLocation target)
    {
        JsonElement element = Element;
        string baseKey = BaseKey;
        bool hasIds = Document.HasIds;
        foreach (string token in tokens)
        {
            if (hasIds && Subschemas.TryGetId(element, out string id))
            {
                baseKey = SchemaUri.ApplyId(baseKey, id);
            }

            if (!JsonPointer.TryStep(element, token, out element))
            {
                target = default;
                return false;
            }
        }

        target = new SchemaLocation(Document, element, baseKey, description);
        return true;
    }

    public override string ToString() => Description;
}
