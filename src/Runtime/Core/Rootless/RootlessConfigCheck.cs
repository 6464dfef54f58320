using System.Globalization;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Rootless;

/// <summary>
/// runc's rootlessEUIDCheck: what a config must be for a runtime that is not root. It needs a
/// user namespace (with mappings when it is a new one), and a uid=/gid= mount option must name
/// an id that the container's user namespace maps.
/// </summary>
public static class RootlessConfigCheck
{
    public static void Check(RuntimeConfig config, RuntimeIdentity identity)
    {
        if (!identity.RootlessEuid)
            return;
        var linux = config.Linux;
        var user = linux?.Namespaces?.FirstOrDefault(n => n.Type == LinuxNamespaceTypes.User);
        if (user is null)
            throw new RuntimeException("rootless container requires user namespaces");
        if (string.IsNullOrEmpty(user.Path))
        {
            if (linux!.UidMappings is not { Count: > 0 })
                throw new RuntimeException("rootless containers requires at least one UID mapping");
            if (linux.GidMappings is not { Count: > 0 })
                throw new RuntimeException("rootless containers requires at least one GID mapping");
        }
        foreach (var mount in config.Mounts ?? [])
            CheckIdOptions(mount, linux!);
    }

    private static void CheckIdOptions(Mount mount, LinuxConfig linux)
    {
        foreach (var option in mount.Options ?? [])
        {
            if (IdOption(option, "uid=") is { } uid && !Maps(linux.UidMappings, uid))
                throw new RuntimeException($"cannot specify uid={uid} mount option for rootless container: {Unmapped("uid", uid, linux.UidMappings)}");
            if (IdOption(option, "gid=") is { } gid && !Maps(linux.GidMappings, gid))
                throw new RuntimeException($"cannot specify gid={gid} mount option for rootless container: {Unmapped("gid", gid, linux.GidMappings)}");
        }
    }

    /// <summary>The number of a uid=/gid= option; other options, and ones that do not parse, are not checked (as in runc).</summary>
    private static long? IdOption(string option, string prefix) =>
        option.StartsWith(prefix, StringComparison.Ordinal) &&
        long.TryParse(option.AsSpan(prefix.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    private static bool Maps(List<IdMapping>? mappings, long id) =>
        mappings?.Any(m => id >= m.ContainerId && id < (long)m.ContainerId + m.Size) == true;

    private static string Unmapped(string kind, long id, List<IdMapping>? mappings) =>
        mappings is { Count: > 0 }
            ? $"user namespaces enabled, but no mapping found for {kind} {id}"
            : $"user namespaces enabled, but no {kind} mappings found";
}
