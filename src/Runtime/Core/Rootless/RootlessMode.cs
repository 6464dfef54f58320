using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Rootless;

/// <summary>
/// The global --rootless flag: whether cgroup permission errors are tolerated. "auto" (the
/// default) means yes for a non-root runtime or one inside a user namespace, as in runc.
/// </summary>
public static class RootlessMode
{
    /// <summary>runc's parseBoolOrAuto: null for "" or "auto" (any case), else Go's strconv.ParseBool.</summary>
    public static bool? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Equals("auto", StringComparison.OrdinalIgnoreCase))
            return null;
        return value switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            _ => throw new RuntimeException($"invalid --rootless value \"{value}\": use true, false or auto"),
        };
    }

    public static bool CgroupsRootless(string? flag, RuntimeIdentity identity) =>
        Parse(flag) ?? (identity.RootlessEuid || identity.InUserNamespace);
}
