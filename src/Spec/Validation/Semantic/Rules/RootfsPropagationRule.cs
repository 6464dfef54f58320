namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.rootfsPropagation</c> is a propagation type, plain or recursive (as runc maps them);
/// without pivot_root a private root would let the container's mounts stay reachable, so runc
/// refuses [r]private then.
/// </summary>
internal sealed class RootfsPropagationRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryString("rootfsPropagation", out var value) || value.Length == 0)
        {
            return;
        }

        const string path = "$.linux.rootfsPropagation";
        if (!MountOptions.Propagation.Contains(value))
        {
            context.Error(path, $"rootfsPropagation {Text.Q(value)} must be one of shared, slave, private, unbindable or their r-prefixed forms");
        }
        else if (context.Options.NoPivotRoot && value is "private" or "rprivate")
        {
            context.Error(path, $"rootfsPropagation {Text.Q(value)} is not safe without pivot_root");
        }
    }
}
