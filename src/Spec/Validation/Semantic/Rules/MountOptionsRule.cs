namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// Mount option words that would be silently lost: filesystem data on a bind mount (the
/// kernel ignores data for MS_BIND, so this is usually a misspelt flag) and tmpcopyup
/// outside tmpfs.
/// </summary>
internal sealed class MountOptionsRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        foreach (var mount in MountView.All(context.Root))
        {
            foreach (var (index, option) in mount.Options)
            {
                var path = mount.Path.Dot("options").At(index);
                if (Text.HasNul(option))
                {
                    context.Error(path, $"mount option {Text.Q(option)} contains a nul byte");
                }
                else if (option == "tmpcopyup" && mount.Type != "tmpfs")
                {
                    context.Warning(path, $"mount option \"tmpcopyup\" only applies to tmpfs mounts, not {Text.Q(mount.Type ?? string.Empty)}");
                }
                else if (mount.IsBind && !MountOptions.IsKnown(option))
                {
                    context.Warning(path, $"mount option {Text.Q(option)} is not a known flag and is ignored for bind mount {mount.Label}");
                }
            }
        }
    }
}
