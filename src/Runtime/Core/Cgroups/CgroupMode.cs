namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>How the host mounts cgroups; see <see cref="CgroupModeDetector"/>.</summary>
public enum CgroupMode
{
    /// <summary>cgroup v1 only: one hierarchy per controller (or group of controllers).</summary>
    Legacy,

    /// <summary>cgroup v1 hierarchies for the controllers plus a cgroup2 mount (e.g. /sys/fs/cgroup/unified).</summary>
    Hybrid,

    /// <summary>A single cgroup2 hierarchy mounted at the cgroup root.</summary>
    Unified,
}

/// <summary>The state of a cgroup freezer, as runc names it.</summary>
public enum FreezerState
{
    /// <summary>No freezer is available (or the cgroup is gone).</summary>
    Undefined,
    Thawed,
    Frozen,
}
