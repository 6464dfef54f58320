namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.cgroupsPath</c>: with the systemd driver it is <c>slice:prefix:name</c>; otherwise a
/// path whose ".." components must not climb above the cgroup root (runc would silently clamp).
/// </summary>
internal sealed class CgroupsPathRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryString("cgroupsPath", out var value) || value.Length == 0)
        {
            return;
        }

        const string path = "$.linux.cgroupsPath";
        if (Text.HasNul(value))
        {
            context.Error(path, $"cgroupsPath {Text.Q(value)} contains a nul byte");
            return;
        }

        if (context.Options.SystemdCgroup)
        {
            CheckSystemd(context, value, path);
            return;
        }

        if (!PathText.StaysInside(value))
        {
            context.Error(path, $"cgroupsPath {Text.Q(value)} escapes the cgroup root with \"..\"");
        }
        else if (PathText.HasDotDotComponent(value))
        {
            context.Warning(path, $"cgroupsPath {Text.Q(value)} contains \"..\" components");
        }
    }

    private static void CheckSystemd(SemanticContext context, string value, string path)
    {
        var parts = value.Split(':');
        if (parts.Length != 3)
        {
            context.Error(path, $"cgroupsPath {Text.Q(value)} must have the form \"slice:prefix:name\" for systemd cgroups");
            return;
        }

        var (slice, name) = (parts[0], parts[2]);
        if (slice.Length > 0 && !slice.EndsWith(".slice", StringComparison.Ordinal))
        {
            context.Error(path, $"systemd slice {Text.Q(slice)} in cgroupsPath must end in \".slice\"");
        }

        if (parts.Any(part => part.Contains('/')))
        {
            context.Error(path, $"cgroupsPath {Text.Q(value)} must not contain \"/\" for systemd cgroups");
        }

        if (name.Length == 0)
        {
            context.Error(path, $"cgroupsPath {Text.Q(value)} has an empty unit name");
        }
    }
}
