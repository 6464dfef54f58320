using Runc.Sharp.Runtime.Init;
using Runc.Sharp.Runtime.Namespaces;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Rootless;

/// <summary>
/// How a new user namespace gets its maps. As root the shim writes them; a non-root runtime may
/// only map its own uid, and its own gid once setgroups is denied (the kernel's rule, so a
/// single own-gid mapping gets "deny"). Anything more goes through newuidmap/newgidmap, found
/// in our $PATH as runc finds them, which the shim runs when a direct write is refused.
/// </summary>
public sealed record UserNamespaceMaps(string? UidMap, string? GidMap, bool SetgroupsDeny, string? UidMapTool, string? GidMapTool)
{
    public static readonly UserNamespaceMaps None = new(null, null, false, null, null);

    public static UserNamespaceMaps For(LinuxConfig? linux, RuntimeIdentity identity, Func<string, string?>? findTool = null)
    {
        var uidMap = NamespacePlan.MapText(linux?.UidMappings);
        var gidMap = NamespacePlan.MapText(linux?.GidMappings);
        if (!identity.RootlessEuid)
            return new UserNamespaceMaps(uidMap, gidMap, false, null, null);
        findTool ??= FindInPath;
        return new UserNamespaceMaps(uidMap, gidMap,
            SetgroupsDeny: gidMap is not null && IsOnlyOwnId(linux?.GidMappings, identity.Egid),
            UidMapTool: uidMap is null ? null : findTool("newuidmap"),
            GidMapTool: gidMap is null ? null : findTool("newgidmap"));
    }

    /// <summary>One mapping of one id, ours: what an unprivileged write may map.</summary>
    public static bool IsOnlyOwnId(List<IdMapping>? mappings, uint hostId) =>
        mappings is [{ Size: 1 } only] && only.HostId == hostId;

    private static string? FindInPath(string name)
    {
        try
        {
            var path = PathLookup.Find(name, [$"PATH={Environment.GetEnvironmentVariable("PATH")}"]);
            return Path.IsPathRooted(path) ? path : null;
        }
        catch (Diagnostics.RuntimeException)
        {
            return null;
        }
    }
}
