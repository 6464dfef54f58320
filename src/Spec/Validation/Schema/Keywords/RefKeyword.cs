using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary>
/// <c>$ref</c>: validates against the referenced schema (draft-04 ignores all sibling keywords).
/// The target is resolved once, after compilation, by <see cref="SchemaCompiler"/>.
/// </summary>
internal sealed class RefKeyword(string reference, Uri baseUri) : SchemaKeyword
{
    public string Reference { get; } = reference;

    public Uri BaseUri { get; } = baseUri;

    public SchemaNode? Target { get; set; }

    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        SchemaNode target = Target ?? throw new InvalidOperationException($"$ref \"{Reference}\" was never resolved");

        // Re-entering the same schema for the same value via references ({"$ref": "#"}) can only loop;
        // such a cycle adds no constraint of its own.
        if (!location.TryEnter(target))
        {
            return true;
        }

        try
        {
            return target.Evaluate(instance, location, context);
        }
        finally
        {
            location.Exit(target);
        }
    }
}
