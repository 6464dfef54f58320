using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>A schema value inside a registered document, identified by its JSON pointer.</summary>
internal readonly record struct SchemaLocation(SchemaDocument Document, string Pointer, JsonElement Element)
{
    public Uri BaseUri => Document.BaseUriAt(Pointer);

    public bool TryDescend(IReadOnlyList<string> tokens, out SchemaLocation target)
    {
        string pointer = Pointer;
        JsonElement element = Element;
        foreach (string token in tokens)
        {
            if (!JsonPointer.TryStep(element, token, out element))
            {
                target = default;
                return false;
            }

            pointer = JsonPointer.Append(pointer, token);
        }

        target = new SchemaLocation(Document, pointer, element);
        return true;
    }

    public override string ToString() => $"{Document.Uri}#{Pointer}";
}
