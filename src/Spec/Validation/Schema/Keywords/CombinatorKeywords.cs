using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary><c>allOf</c>: every branch must match; their errors are reported as they are.</summary>
internal sealed class AllOfKeyword(SchemaNode[] branches) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        bool valid = true;
        foreach (SchemaNode branch in branches)
        {
            if (!branch.Evaluate(instance, location, context))
            {
                valid = false;
                if (!context.IsCollecting)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}

/// <summary><c>anyOf</c>: at least one branch must match. Branches are tried quietly; errors are only gathered on failure.</summary>
internal sealed class AnyOfKeyword(SchemaNode[] branches) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        List<SchemaViolation>? outer = context.Redirect(null);
        try
        {
            foreach (SchemaNode branch in branches)
            {
                if (branch.Evaluate(instance, location, context))
                {
                    return true;
                }
            }
        }
        finally
        {
            context.Redirect(outer);
        }

        BranchReport.NoBranchMatched("anyOf", branches, instance, location, context);
        return false;
    }
}

/// <summary><c>oneOf</c>: exactly one branch must match.</summary>
internal sealed class OneOfKeyword(SchemaNode[] branches) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        var matching = new List<int>(2);
        List<SchemaViolation>? outer = context.Redirect(null);
        try
        {
            for (int i = 0; i < branches.Length; i++)
            {
                if (branches[i].Evaluate(instance, location, context))
                {
                    matching.Add(i);
                }
            }
        }
        finally
        {
            context.Redirect(outer);
        }

        if (matching.Count == 1)
        {
            return true;
        }

        if (matching.Count == 0)
        {
            BranchReport.NoBranchMatched("oneOf", branches, instance, location, context);
        }
        else
        {
            context.Report(
                location,
                "oneOf",
                $"value matches oneOf schemas {string.Join(", ", matching.Select(i => "#" + i))}, expected exactly one");
        }

        return false;
    }
}

/// <summary><c>not</c>: the value must not match the schema.</summary>
internal sealed class NotKeyword(SchemaNode schema) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        List<SchemaViolation>? outer = context.Redirect(null);
        bool matched;
        try
        {
            matched = schema.Evaluate(instance, location, context);
        }
        finally
        {
            context.Redirect(outer);
        }

        if (!matched)
        {
            return true;
        }

        context.Report(location, "not", "value must not match the \"not\" schema");
        return false;
    }
}
