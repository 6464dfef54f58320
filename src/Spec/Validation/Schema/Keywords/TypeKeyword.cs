using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary><c>type</c>: one type name or a list. "integer" is any number without a fractional part (1.0 too).</summary>
internal sealed class TypeKeyword(JsonTypes allowed) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (Matches(instance))
        {
            return true;
        }

        if (context.IsCollecting)
        {
            context.Report(
                location,
                "type",
                $"expected type {JsonTypeNames.Describe(allowed)}, got {JsonTypeNames.Of(instance)}",
                allowed);
        }

        return false;
    }

    private bool Matches(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => (allowed & JsonTypes.Object) != 0,
        JsonValueKind.Array => (allowed & JsonTypes.Array) != 0,
        JsonValueKind.String => (allowed & JsonTypes.String) != 0,
        JsonValueKind.True or JsonValueKind.False => (allowed & JsonTypes.Boolean) != 0,
        JsonValueKind.Null => (allowed & JsonTypes.Null) != 0,
        JsonValueKind.Number => (allowed & JsonTypes.Number) != 0
            || ((allowed & JsonTypes.Integer) != 0 && JsonNumber.From(instance).IsInteger),
        _ => false,
    };
}
