using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary>A compiled validation keyword (or a group of keywords that only make sense together).</summary>
internal abstract class SchemaKeyword
{
    /// <summary>
    /// True when <paramref name="instance"/> satisfies the keyword. On failure, reports violations to
    /// <paramref name="context"/> when it is collecting; in quiet mode it may return at the first failure.
    /// </summary>
    public abstract bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context);
}
