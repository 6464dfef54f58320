using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary>A keyword over a list of subschemas.</summary>
internal abstract class BranchesKeyword(SchemaNode[] branches) : SchemaKeyword
{
    protected SchemaNode[] Branches { get; } = branches;

    public override void Prepare(List<SchemaNode> subschemas) => subschemas.AddRange(Branches);
}

/// <summary><c>allOf</c>: every branch must match; their errors are reported as they are.</summary>
internal sealed class AllOfKeyword(SchemaNode[] branches) : BranchesKeyword(branches)
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        bool valid = true;
        foreach (SchemaNode branch in Branches)
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
internal sealed class AnyOfKeyword(SchemaNode[] branches) : BranchesKeyword(branches)
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        List<SchemaViolation>? outer = context.Redirect(null);
        try
        {
            foreach (SchemaNode branch in Branches)
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

        BranchReport.NoBranchMatched("anyOf", Branches, instance, location, context);
        return false;
    }
}

/// <summary><c>oneOf</c>: exactly one branch must match.</summary>
internal sealed class OneOfKeyword(SchemaNode[] branches) : BranchesKeyword(branches)
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        int matches = CountMatches(instance, location, context, names: null);
        if (matches == 1)
        {
            return true;
        }

        if (matches == 0)
        {
            BranchReport.NoBranchMatched("oneOf", Branches, instance, location, context);
        }
        else if (context.IsCollecting)
        {
            var names = new List<string>(matches);
            CountMatches(instance, location, context, names);
            context.Report(location, "oneOf", $"value matches oneOf schemas {string.Join(", ", names)}, expected exactly one");
        }

        return false;
    }

    /// <summary>Evaluates every branch quietly; adds "#i" of each matching one to <paramref name="names"/>.</summary>
    private int CountMatches(JsonElement instance, InstanceLocation location, EvaluationContext context, List<string>? names)
    {
        int matches = 0;
        List<SchemaViolation>? outer = context.Redirect(null);
        try
        {
            for (int i = 0; i < Branches.Length; i++)
            {
                if (Branches[i].Evaluate(instance, location, context))
                {
                    matches++;
                    names?.Add("#" + i);
                }
            }
        }
        finally
        {
            context.Redirect(outer);
        }

        return matches;
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

    public override void Prepare(List<SchemaNode> subschemas) => subschemas.Add(schema);
}
