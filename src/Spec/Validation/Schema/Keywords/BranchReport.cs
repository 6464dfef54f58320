using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary>
/// Turns a failed <c>anyOf</c>/<c>oneOf</c> into a few useful errors instead of every branch's errors:
/// <list type="bullet">
/// <item>every branch failed only on the value's type → one merged "expected type a or b, got c";</item>
/// <item>exactly one branch had the right type → that branch's errors, which are the real problem;</item>
/// <item>otherwise → a summary naming the closest branch (fewest errors), followed by its errors.</item>
/// </list>
/// </summary>
internal static class BranchReport
{
    public static void NoBranchMatched(
        string keyword,
        SchemaNode[] branches,
        JsonElement instance,
        InstanceLocation location,
        EvaluationContext context)
    {
        if (!context.IsCollecting)
        {
            return;
        }

        var branchViolations = new List<SchemaViolation>[branches.Length];
        for (int i = 0; i < branches.Length; i++)
        {
            branchViolations[i] = [];
            List<SchemaViolation>? outer = context.Redirect(branchViolations[i]);
            try
            {
                branches[i].Evaluate(instance, location, context);
            }
            finally
            {
                context.Redirect(outer);
            }
        }

        JsonTypes expected = JsonTypes.None;
        var relevant = new List<int>();
        for (int i = 0; i < branches.Length; i++)
        {
            if (IsTypeMismatchOnly(branchViolations[i], location))
            {
                expected |= branchViolations[i][0].ExpectedTypes;
            }
            else if (branchViolations[i].Count > 0)
            {
                relevant.Add(i);
            }
        }

        if (relevant.Count == 0)
        {
            context.Report(
                location,
                "type",
                $"expected type {JsonTypeNames.Describe(expected)}, got {JsonTypeNames.Of(instance)}",
                expected);
            return;
        }

        int closest = relevant.MinBy(i => branchViolations[i].Count);
        if (relevant.Count > 1)
        {
            context.Report(
                location,
                keyword,
                $"value does not match any of the {branches.Length} {keyword} schemas; closest is #{closest}:");
        }

        context.Violations!.AddRange(branchViolations[closest]);
    }

    private static bool IsTypeMismatchOnly(List<SchemaViolation> violations, InstanceLocation location)
    {
        if (violations.Count == 0)
        {
            return false;
        }

        foreach (SchemaViolation violation in violations)
        {
            if (violation.Keyword != "type" || violation.ExpectedTypes == JsonTypes.None || !ReferenceEquals(violation.Location, location))
            {
                return false;
            }
        }

        return true;
    }
}
