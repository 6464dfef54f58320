namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>process.execCPUAffinity.initial/final</c> are CPU lists such as <c>0-3,7</c>.</summary>
internal sealed class ExecCpuAffinityRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Process.TryObject("execCPUAffinity", out var affinity))
        {
            return;
        }

        foreach (var field in new[] { "initial", "final" })
        {
            // An empty "final" means the container's default affinity.
            if (affinity.TryString(field, out var list) && list.Length > 0 && !CpuList.IsValid(list))
            {
                context.Error("$.process.execCPUAffinity".Dot(field), $"execCPUAffinity.{field} {Text.Q(list)} is not a valid cpu list");
            }
        }
    }
}
