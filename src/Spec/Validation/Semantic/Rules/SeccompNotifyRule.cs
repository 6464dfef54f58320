namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// SCMP_ACT_NOTIFY needs a listener socket, may not be the default action and may not catch
/// write(2): the runtime writes the notify fd to its parent after loading the filter, so a
/// notifying write would hang container start (runc refuses both). listenerMetadata needs a
/// listenerPath (spec MUST NOT).
/// </summary>
internal sealed class SeccompNotifyRule : ISemanticRule
{
    private const string BasePath = "$.linux.seccomp";

    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryObject("seccomp", out var seccomp))
        {
            return;
        }

        var hasListener = seccomp.TryString("listenerPath", out var listenerPath) && listenerPath.Length > 0;
        var usesNotify = false;

        if (seccomp.TryString("defaultAction", out var defaultAction) && defaultAction == SeccompNames.Notify)
        {
            usesNotify = true;
            context.Error(BasePath.Dot("defaultAction"), "seccomp action SCMP_ACT_NOTIFY cannot be used as the default action");
        }

        if (seccomp.TryArray("syscalls", out var syscalls))
        {
            foreach (var (index, syscall) in syscalls.ObjectItems())
            {
                if (!syscall.TryString("action", out var action) || action != SeccompNames.Notify)
                {
                    continue;
                }

                usesNotify = true;
                if (!syscall.TryArray("names", out var names))
                {
                    continue;
                }

                foreach (var (nameIndex, name) in names.StringItems())
                {
                    if (name == "write")
                    {
                        context.Error(BasePath.Dot("syscalls").At(index).Dot("names").At(nameIndex),
                            "seccomp action SCMP_ACT_NOTIFY cannot be used for the write syscall");
                    }
                }
            }
        }

        if (usesNotify && !hasListener)
        {
            context.Error(BasePath.Dot("listenerPath"), "seccomp action SCMP_ACT_NOTIFY is used but listenerPath is not set");
        }

        if (hasListener && !PathText.IsAbsolute(listenerPath))
        {
            context.Warning(BasePath.Dot("listenerPath"), $"seccomp listenerPath {Text.Q(listenerPath)} is relative, it resolves against the bundle directory");
        }

        if (seccomp.TryString("listenerMetadata", out var metadata) && metadata.Length > 0 && !hasListener)
        {
            context.Error(BasePath.Dot("listenerMetadata"), "seccomp listenerMetadata must not be set without listenerPath");
        }
    }
}
