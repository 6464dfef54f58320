using Runc.Sharp.Runtime.Cgroups.Devices;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>
/// What the factory reads from the host, replaceable for tests (a fake tree in a temp directory).
/// Unset members read the real host.
/// </summary>
public sealed class CgroupHostSources
{
    /// <summary>Text of /proc/self/mountinfo.</summary>
    public string? MountInfo { get; init; }

    /// <summary>Text of /proc/self/cgroup (needed for relative and default cgroup paths).</summary>
    public string? ProcSelfCgroup { get; init; }

    /// <summary>Whether systemd is the init system (default: /run/systemd/system exists).</summary>
    public Func<bool>? SystemdRunning { get; init; }

    /// <summary>Where the kernel lists huge page sizes (hugepages-2048kB, ...).</summary>
    public string HugePagesDir { get; init; } = "/sys/kernel/mm/hugepages";

    /// <summary>Directories the manager owns although it did not create them in this process
    /// (a container's cgroup recorded at create time, destroyed by a later command).</summary>
    public IReadOnlyList<string>? OwnedPaths { get; init; }

    /// <summary>Text of /proc/&lt;pid&gt;/cgroup (where a container's init is now).</summary>
    public Func<int, string>? ProcCgroup { get; init; }

    /// <summary>Told (path, value) after every successful cgroup file write.</summary>
    internal Action<string, string>? WriteObserver { get; init; }

    /// <summary>Tests: an errno a write of this path, or the mkdir of this cgroup directory, fails with instead (0: do it).</summary>
    internal Func<string, int>? WriteFault { get; init; }

    internal IDeviceFilterInstaller? DeviceFilter { get; init; }

    internal string ReadMountInfo() => MountInfo ?? File.ReadAllText("/proc/self/mountinfo");
    internal string ReadProcSelfCgroup() => ProcSelfCgroup ?? File.ReadAllText("/proc/self/cgroup");
    internal string ReadProcCgroup(int pid) => ProcCgroup?.Invoke(pid) ?? File.ReadAllText($"/proc/{pid}/cgroup");
    internal bool IsSystemdRunning() => SystemdRunning?.Invoke() ?? Directory.Exists("/run/systemd/system");
}
