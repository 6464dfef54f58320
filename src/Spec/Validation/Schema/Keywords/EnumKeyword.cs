using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary><c>enum</c>: the value must equal one of the listed values (JSON equality).</summary>
internal sealed class EnumKeyword(JsonElement[] values) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        foreach (JsonElement value in values)
        {
            if (JsonEquality.AreEqual(instance, value))
            {
                return true;
            }
        }

        if (context.IsCollecting)
        {
            context.Report(
                location,
                "enum",
                $"value {JsonValueText.Format(instance)} is not one of {JsonValueText.FormatList(values)}");
        }

        return false;
    }
}
