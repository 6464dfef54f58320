using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// A schema value inside a registered document. <paramref name="BaseKey"/> is the base URI the
/// enclosing schemas establish (the value's own <c>id</c>, if any, is applied when it is compiled);
/// <paramref name="Description"/> (<c>uri#pointer</c>) is for diagnostics.
/// </summary>
internal readonly record struct SchemaLocation(SchemaDocument Document, JsonElement Element, string BaseKey, string Description)
{
    /// <summary>
    /// Follows JSON-pointer tokens, applying the <c>id</c>s of the schemas passed through (only of
    /// schemas: an "id" member of a <c>properties</c> map or of an <c>enum</c> value is data).
    /// </summary>
    public bool TryDescend(string[] tokens, string description, out SchemaLocation target)
    {
        JsonElement element = Element;
        string baseKey = BaseKey;
        Subschemas.Step position = Subschemas.Step.Schema;
        foreach (string token in tokens)
        {
            if (position == Subschemas.Step.Schema && Subschemas.TryGetId(element, out string id))
            {
                baseKey = SchemaUri.ApplyId(baseKey, id);
            }

            if (!JsonPointer.TryStep(element, token, out JsonElement child))
            {
                target = default;
                return false;
            }

            position = position switch
            {
                Subschemas.Step.Schema => Subschemas.Classify(token, child),
                Subschemas.Step.Container => Subschemas.Step.Schema,
                _ => Subschemas.Step.Other,
            };
            element = child;
        }

        target = new SchemaLocation(Document, element, baseKey, description);
        return true;
    }

    public override string ToString() => Description;
}
