using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary>
/// <c>$ref</c>: validates against the referenced schema (draft-04 ignores all sibling keywords).
/// The target, and the document it lives in, are looked up when the reference is first followed.
/// </summary>
internal sealed class RefKeyword(SchemaRegistry registry, string baseKey, string reference) : SchemaKeyword
{
    private SchemaNode? _target;

    public SchemaNode Target => Volatile.Read(ref _target) ?? Resolve();

    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        SchemaNode target = Target;

        // Re-entering the same schema for the same value via references ({"$ref": "#"}) can only loop;
        // such a cycle adds no constraint of its own.
        if (!context.TryEnter(location, target))
        {
            return true;
        }

        try
        {
            return target.Evaluate(instance, location, context);
        }
        finally
        {
            context.Exit();
        }
    }

    public override void Prepare(List<SchemaNode> subschemas) => subschemas.Add(Target);

    private SchemaNode Resolve()
    {
        lock (registry.Gate)
        {
            SchemaNode? target = _target;
            if (target is null)
            {
                target = registry.ResolveReference(baseKey, reference);
                Volatile.Write(ref _target, target);
            }

            return target;
        }
    }
}
