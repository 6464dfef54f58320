using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Namespaces;

/// <summary>
/// Whether a container's process may call setgroups(2). A user namespace whose setgroups file
/// says "deny" (the one a non-root runtime makes with its single own-gid mapping) refuses it with
/// EPERM, so the process then sets no supplementary groups and fails clearly if the config asks
/// for some. Asked by C# init about itself, and by the runtime about a native init.
/// </summary>
public static class SetgroupsPolicy
{
    public static bool Allowed(InitConfig cfg) => Allowed("self", cfg.InUserNamespace, cfg.Config);

    public static bool Allowed(int pid, bool inUserNamespace, RuntimeConfig config) =>
        Allowed(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), inUserNamespace, config);

    private static bool Allowed(string process, bool inUserNamespace, RuntimeConfig config)
    {
        if (!inUserNamespace)
            return true;
        try
        {
            return !IsDenied(File.ReadAllText($"/proc/{process}/setgroups"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (config.Linux?.GidMappings?.Count ?? 0) > 0; // no procfs to ask: the old rule
        }
    }

    public static bool IsDenied(string setgroupsFile) => setgroupsFile.Trim() == "deny";
}
