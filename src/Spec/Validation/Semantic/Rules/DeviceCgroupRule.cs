namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.resources.devices</c> (the device allow list): type a/c/b and an access string made
/// of r, w and m. runc refuses an empty access.
/// </summary>
internal sealed class DeviceCgroupRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Resources.TryArray("devices", out var devices))
        {
            return;
        }

        foreach (var (index, rule) in devices.ObjectItems())
        {
            var path = "$.linux.resources.devices".At(index);
            if (rule.TryString("type", out var type) && type is not ("a" or "c" or "b"))
            {
                context.Error(path.Dot("type"), $"device cgroup type {Text.Q(type)} must be one of \"a\", \"c\" or \"b\"");
            }

            if (!rule.TryString("access", out var access))
            {
                if (!rule.Has("access"))
                {
                    context.Error(path.Dot("access"), "device cgroup access must be set, e.g. \"rwm\"");
                }
            }
            else if (access.Length == 0)
            {
                context.Error(path.Dot("access"), "device cgroup access must not be empty");
            }
            else if (access.Any(c => c is not ('r' or 'w' or 'm')))
            {
                context.Error(path.Dot("access"), $"device cgroup access {Text.Q(access)} may only contain \"r\", \"w\" and \"m\"");
            }
        }
    }
}
