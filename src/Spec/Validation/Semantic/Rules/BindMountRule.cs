namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>A bind mount needs a source to bind from.</summary>
internal sealed class BindMountRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        foreach (var mount in MountView.All(context.Root))
        {
            if (!mount.IsBind)
            {
                continue;
            }

            if (!mount.Node.Has("source"))
            {
                context.Error(mount.Path.Dot("source"), $"bind mount {mount.Label} needs a source");
            }
            else if (mount.Node.TryString("source", out var source) && source.Length == 0)
            {
                context.Error(mount.Path.Dot("source"), $"bind mount {mount.Label} has an empty source");
            }
        }
    }
}
