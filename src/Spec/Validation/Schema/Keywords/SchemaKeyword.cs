using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary>A compiled validation keyword (or a group of keywords that only make sense together).</summary>
internal abstract class SchemaKeyword
{
    /// <summary>
    /// True when <paramref name="instance"/> satisfies the keyword. On failure, reports violations to
    /// <paramref name="context"/> when it is collecting; in quiet mode it may return at the first failure
    /// and must not build messages.
    /// </summary>
    public abstract bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context);

    /// <summary>
    /// Does now what is otherwise deferred to first use (resolving a <c>$ref</c>, building a regex), so
    /// that a broken schema fails at compile time, and adds the subschemas to <paramref name="subschemas"/>.
    /// </summary>
    public virtual void Prepare(List<SchemaNode> subschemas)
    {
    }
}
