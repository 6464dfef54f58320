namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>linux.rootfsPropagation</c> is a propagation type, plain or recursive (as runc maps them).</summary>
internal sealed class RootfsPropagationRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (context.Linux.TryString("rootfsPropagation", out var value) && value.Length > 0 &&
            !MountOptions.Propagation.Contains(value))
        {
            context.Error("$.linux.rootfsPropagation", $"rootfsPropagation {Text.Q(value)} must be one of shared, slave, private, unbindable or their r-prefixed forms");
        }
    }
}
