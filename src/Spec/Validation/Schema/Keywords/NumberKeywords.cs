using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary><c>multipleOf</c>: exact decimal arithmetic where the numbers fit, so 0.0075 is a multiple of 0.0001.</summary>
internal sealed class MultipleOfKeyword(JsonNumber divisor) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Number || JsonNumber.From(instance).IsMultipleOf(divisor))
        {
            return true;
        }

        if (context.IsCollecting)
        {
            context.Report(location, "multipleOf", $"value {instance.GetRawText()} is not a multiple of {divisor} (multipleOf)");
        }

        return false;
    }
}

/// <summary><c>maximum</c> with its boolean <c>exclusiveMaximum</c> modifier.</summary>
internal sealed class MaximumKeyword(JsonNumber limit, bool exclusive) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        int comparison = JsonNumber.From(instance).CompareTo(limit);
        if (exclusive ? comparison < 0 : comparison <= 0)
        {
            return true;
        }

        if (context.IsCollecting)
        {
            context.Report(
                location,
                "maximum",
                exclusive
                    ? $"value {instance.GetRawText()} is not less than exclusive maximum {limit}"
                    : $"value {instance.GetRawText()} is greater than maximum {limit}");
        }

        return false;
    }
}

/// <summary><c>minimum</c> with its boolean <c>exclusiveMinimum</c> modifier.</summary>
internal sealed class MinimumKeyword(JsonNumber limit, bool exclusive) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        int comparison = JsonNumber.From(instance).CompareTo(limit);
        if (exclusive ? comparison > 0 : comparison >= 0)
        {
            return true;
        }

        if (context.IsCollecting)
        {
            context.Report(
                location,
                "minimum",
                exclusive
                    ? $"value {instance.GetRawText()} is not greater than exclusive minimum {limit}"
                    : $"value {instance.GetRawText()} is less than minimum {limit}");
        }

        return false;
    }
}
