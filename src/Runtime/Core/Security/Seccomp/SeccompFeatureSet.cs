using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>
/// linux.seccomp of `features`, in runc's shape: sorted names, the architectures this
/// libseccomp knows, and the subset of known flags that this kernel accepts.
/// </summary>
public static class SeccompFeatureSet
{
    /// <summary>The annotation runc sets to the libseccomp version it uses.</summary>
    public const string LibseccompVersionAnnotation = "io.github.seccomp.libseccomp.version";

    public static SeccompFeatures Build()
    {
        if (!LibSeccomp.IsAvailable)
            return new SeccompFeatures { Enabled = false };
        return new SeccompFeatures
        {
            Enabled = true,
            Actions = SeccompConstants.ActionNames.Order(StringComparer.Ordinal).ToList(),
            Operators = SeccompConstants.Operators.Keys.Order(StringComparer.Ordinal).ToList(),
            Archs = SeccompConstants.Architectures
                .Where(a => LibSeccomp.ArchResolveName(a.LibseccompName) == a.Token)
                .Select(a => a.SpecName).Order(StringComparer.Ordinal).ToList(),
            KnownFlags = SeccompConstants.FlagNames.ToList(),
            SupportedFlags = SeccompConstants.FlagNames.Where(f => SeccompSyscalls.FlagSupported(SeccompConstants.Flags[f])).ToList(),
        };
    }
}
