using Runc.Sharp.Runtime.Protocol;

namespace Runc.Sharp.Runtime.Init;

/// <summary>
/// Whether init may call setgroups(2). A user namespace whose setgroups file says "deny" (the
/// one a non-root runtime makes with its single own-gid mapping) refuses it with EPERM, so
/// init then sets no supplementary groups and fails clearly if the config asks for some.
/// </summary>
public static class SetgroupsPolicy
{
    public static bool Allowed(InitConfig cfg)
    {
        if (!cfg.InUserNamespace)
            return true;
        try
        {
            return !IsDenied(File.ReadAllText("/proc/self/setgroups"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (cfg.Config.Linux?.GidMappings?.Count ?? 0) > 0; // no procfs to ask: the old rule
        }
    }

    /// <summary>The same question about another process, asked by the runtime for the native init.</summary>
    public static bool AllowedFor(int pid, bool inUserNamespace, Spec.Model.RuntimeConfig config)
    {
        if (!inUserNamespace)
            return true;
        try
        {
            return !IsDenied(File.ReadAllText($"/proc/{pid}/setgroups"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (config.Linux?.GidMappings?.Count ?? 0) > 0;
        }
    }

    public static bool IsDenied(string setgroupsFile) => setgroupsFile.Trim() == "deny";
}
