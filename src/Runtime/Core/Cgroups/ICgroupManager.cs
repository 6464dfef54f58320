using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>
/// The cgroup(s) of one container. Created by <see cref="CgroupManagerFactory"/>; nothing touches the
/// file system until <see cref="Apply"/>. Errors are <see cref="Diagnostics.RuntimeException"/>s.
/// </summary>
public interface ICgroupManager
{
    /// <summary>The host layout this manager drives (Hybrid and Legacy use the v1 manager).</summary>
    CgroupMode Mode { get; }

    /// <summary>
    /// Controller → absolute cgroup directory ("cpu", "memory", "name=systemd", ...; "" is the
    /// cgroup2 directory: the only key on a unified host, and the hybrid cgroup2 mount's directory).
    /// </summary>
    IReadOnlyDictionary<string, string> Paths { get; }

    /// <summary>Directories this manager created (saved in the state so a later delete removes exactly them).</summary>
    IReadOnlyList<string> CreatedDirs { get; }

    /// <summary>
    /// Creates the cgroup directories and moves pid into them (-1: create only). resources, when
    /// given, is used only for what must precede the move (cpuset cpus/mems, v1 real-time budget).
    /// </summary>
    void Apply(int pid, LinuxResources? resources = null);

    /// <summary>
    /// Moves pid into the existing cgroup, or into the sub-cgroups below it that subCgroups names
    /// (exec --cgroup; they must exist). Without subCgroups, on cgroup v2 a container may have
    /// turned its cgroup into an inner node (moved itself below and enabled controllers for
    /// sub-cgroups), which refuses processes (EBUSY); pid then joins the cgroup initPid (the
    /// container's init, 0: unknown) is in, if that lies below the container's cgroup.
    /// </summary>
    void AddPid(int pid, SubCgroupPaths? subCgroups = null, int initPid = 0);

    /// <summary>Writes the limits. Absent values are left alone; a limit for a controller the host lacks is an error.</summary>
    void Set(LinuxResources resources);

    void Freeze();
    void Thaw();
    FreezerState GetFreezerState();

    /// <summary>Every process in the cgroup and its sub-cgroups.</summary>
    IReadOnlyList<int> GetPids();

    CgroupStats GetStats();

    /// <summary>Starts watching for OOM kills; null when the container's cgroup has no memory controller.</summary>
    Oom.IOomWatcher? WatchOom();

    /// <summary>
    /// Removes the directories this manager created (the container's cgroup with its sub-cgroups,
    /// and created parents while empty); busy ones are retried briefly. Pre-existing ones stay.
    /// </summary>
    void Destroy();

    /// <summary>True while the container's cgroup directory exists.</summary>
    bool Exists();
}
