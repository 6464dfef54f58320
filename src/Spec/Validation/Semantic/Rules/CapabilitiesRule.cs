using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// Capability names in every set. Unknown names are warnings: the spec says capabilities that
/// cannot be mapped MUST be logged as a warning, and runc (1.2+) skips them.
/// </summary>
internal sealed class CapabilitiesRule : ISemanticRule
{
    private static readonly string[] Sets = ["bounding", "effective", "inheritable", "permitted", "ambient"];

    public void Check(SemanticContext context)
    {
        if (!context.Process.TryObject("capabilities", out var capabilities))
        {
            return;
        }

        const string basePath = "$.process.capabilities";
        foreach (var set in Sets)
        {
            if (!capabilities.TryArray(set, out var list))
            {
                continue;
            }

            foreach (var (index, name) in list.StringItems())
            {
                if (!LinuxCapabilities.IsKnown(name))
                {
                    context.Warning(basePath.Dot(set).At(index),
                        $"unknown capability {Text.Q(name)} will be ignored (runc skips capabilities it does not know)");
                }
            }
        }

        CheckSubsets(context, capabilities, basePath);
    }

    // The kernel refuses capset() with an effective set outside the permitted set, and
    // refuses to raise an ambient capability that is not both permitted and inheritable.
    private static void CheckSubsets(SemanticContext context, JsonElement capabilities, string basePath)
    {
        var permitted = KnownNames(capabilities, "permitted");
        var inheritable = KnownNames(capabilities, "inheritable");

        if (capabilities.TryArray("effective", out var effective))
        {
            foreach (var (index, name) in effective.StringItems())
            {
                if (LinuxCapabilities.IsKnown(name) && !permitted.Contains(name))
                {
                    context.Warning(basePath.Dot("effective").At(index),
                        $"effective capability {Text.Q(name)} is not in the permitted set; the kernel will refuse it");
                }
            }
        }

        if (capabilities.TryArray("ambient", out var ambient))
        {
            foreach (var (index, name) in ambient.StringItems())
            {
                if (LinuxCapabilities.IsKnown(name) && !(permitted.Contains(name) && inheritable.Contains(name)))
                {
                    context.Warning(basePath.Dot("ambient").At(index),
                        $"ambient capability {Text.Q(name)} is not in both the permitted and inheritable sets; the kernel will not raise it");
                }
            }
        }
    }

    private static HashSet<string> KnownNames(JsonElement capabilities, string set)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (capabilities.TryArray(set, out var list))
        {
            foreach (var (_, name) in list.StringItems())
            {
                names.Add(name);
            }
        }

        return names;
    }
}
