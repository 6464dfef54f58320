using Runc.Sharp.Spec.Paths;
using Runc.Sharp.Runtime.Rootfs;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>A cgroup mount: where it is, which part of the hierarchy it shows, and its controllers.</summary>
internal sealed record CgroupMount(string MountPoint, string MountRoot, IReadOnlyList<string> Controllers)
{
    public bool Has(string controller) => Controllers.Contains(controller);
}

/// <summary>The cgroup mounts at (or directly below) a cgroup root, read from mountinfo text.</summary>
internal sealed class CgroupMounts
{
    public List<CgroupMount> V1 { get; } = [];
    public CgroupMount? Unified { get; private set; }

    public CgroupMount? V1For(string controller) => V1.FirstOrDefault(m => m.Has(controller));

    public static CgroupMounts Parse(string mountInfo, string root)
    {
        root = LexicalPath.Clean(root);
        var result = new CgroupMounts();
        foreach (var line in mountInfo.Split('\n'))
        {
            var m = MountInfoLine.Parse(line.TrimEnd('\r'));
            if (m is null || m.FsType is not ("cgroup" or "cgroup2"))
                continue;
            var mountPoint = LexicalPath.Clean(m.MountPoint);
            // Bind mounts of cgroupfs elsewhere (other roots, containers) are not ours to use.
            if (mountPoint != root && LexicalPath.Dir(mountPoint) != root)
                continue;
            if (m.FsType == "cgroup2")
            {
                // Later mounts hide earlier ones at the same place; the one at the root wins.
                if (result.Unified is null || mountPoint == root || result.Unified.MountPoint != root)
                    result.Unified = new CgroupMount(mountPoint, m.Root, []);
                continue;
            }
            var controllers = HostCgroups.Controllers(m.SuperOptions).Split(',', StringSplitOptions.RemoveEmptyEntries);
            result.V1.RemoveAll(x => x.MountPoint == mountPoint);
            result.V1.Add(new CgroupMount(mountPoint, m.Root, controllers));
        }
        return result;
    }
}
