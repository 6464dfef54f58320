namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>linux.resources.pids.limit</c>: -1 is unlimited; other negatives only mean the same by accident.</summary>
internal sealed class PidsRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (context.Resources.TryObject("pids", out var pids) && pids.TryNumber("limit", out var limit) && limit < -1)
        {
            context.Warning("$.linux.resources.pids.limit", $"pids.limit {Text.N(limit)} is treated as unlimited, use -1");
        }
    }
}
