using Runc.Sharp.Spec.Paths;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>A cgroup directory and the mount point of the hierarchy it is in.</summary>
internal sealed record CgroupPlace(string Path, string MountPoint);

/// <summary>
/// linux.cgroupsPath to directories, as runc's cgroupfs driver does. An absolute path is taken
/// from each hierarchy's mount point; a relative one from the cgroup runc itself is in (on v2:
/// that cgroup's parent, which can enable controllers); no path means the container id, relative.
/// </summary>
internal static class CgroupPathResolver
{
    /// <summary>The cleaned path inside the hierarchies; relative paths cannot climb out with "..".</summary>
    public static string InnerPath(string? cgroupsPath, string containerId)
    {
        var inner = LexicalPath.CleanConfined(string.IsNullOrEmpty(cgroupsPath) ? containerId : cgroupsPath);
        if (inner is "" or "." or "/")
            throw new RuntimeException($"invalid cgroupsPath {cgroupsPath}: it must name a cgroup below the cgroup root");
        return inner;
    }

    public static bool IsAbsolute(string inner) => inner.StartsWith('/');

    public static CgroupPlace V2Place(string root, string inner, Func<Dictionary<string, string>> own)
    {
        root = LexicalPath.Clean(root);
        if (IsAbsolute(inner))
            return new CgroupPlace(LexicalPath.Join(root, inner), root);
        if (!own().TryGetValue("", out var mine))
            throw new RuntimeException("cannot resolve a relative cgroupsPath: /proc/self/cgroup has no cgroup2 (0::) line");
        return new CgroupPlace(LexicalPath.Join(root, LexicalPath.Dir(mine), inner), root);
    }

    /// <summary>One place per controller that has a v1 hierarchy; with hybrid, "" for the cgroup2 mount.</summary>
    public static Dictionary<string, CgroupPlace> V1Places(CgroupMounts mounts, IEnumerable<string> controllers, string inner,
        Func<Dictionary<string, string>> own, bool hybrid)
    {
        var result = new Dictionary<string, CgroupPlace>();
        foreach (var controller in controllers)
        {
            var mount = mounts.V1For(controller);
            if (mount is null)
                continue;
            if (IsAbsolute(inner))
            {
                result[controller] = new CgroupPlace(LexicalPath.Join(mount.MountPoint, inner), mount.MountPoint);
                continue;
            }
            if (!own().TryGetValue(controller, out var mine))
                continue;
            // In a nested setup the mount shows only part of the hierarchy; our path is host-wide.
            var rel = LexicalPath.RelativeUnder(mount.MountRoot, mine) ?? LexicalPath.CleanConfined(mine);
            result[controller] = new CgroupPlace(LexicalPath.Join(mount.MountPoint, rel, inner), mount.MountPoint);
        }
        if (hybrid && mounts.Unified is { } v2)
        {
            if (IsAbsolute(inner))
                result[""] = new CgroupPlace(LexicalPath.Join(v2.MountPoint, inner), v2.MountPoint);
            else if (own().TryGetValue("", out var mine))
                result[""] = new CgroupPlace(LexicalPath.Join(v2.MountPoint, mine, inner), v2.MountPoint);
        }
        return result;
    }
}
