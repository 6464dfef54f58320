using Runc.Sharp.Spec.Paths;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>Tells Legacy, Hybrid and Unified apart from the mount table; nothing is assumed.</summary>
public static class CgroupModeDetector
{
    public const string DefaultRoot = "/sys/fs/cgroup";

    public static CgroupMode Detect() => Detect(File.ReadAllText("/proc/self/mountinfo"), DefaultRoot);

    /// <param name="mountInfo">Text of a /proc/&lt;pid&gt;/mountinfo.</param>
    /// <param name="root">Where the cgroup hierarchies are mounted (the tmpfs or the cgroup2 mount).</param>
    public static CgroupMode Detect(string mountInfo, string root)
    {
        var mounts = CgroupMounts.Parse(mountInfo, root);
        if (mounts.Unified is { } v2 && v2.MountPoint == LexicalPath.Clean(root))
            return CgroupMode.Unified;
        if (mounts.V1.Count > 0)
            return mounts.Unified is null ? CgroupMode.Legacy : CgroupMode.Hybrid;
        if (mounts.Unified is not null)
            throw new RuntimeException($"cgroup2 is mounted at {mounts.Unified.MountPoint} but not at {root}, and no cgroup v1 hierarchy is mounted");
        throw new RuntimeException($"no cgroup filesystem is mounted at {root}");
    }
}
