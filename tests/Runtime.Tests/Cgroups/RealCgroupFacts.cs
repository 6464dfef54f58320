using System.Runtime.Versioning;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

/// <summary>Runs only as root on a host with cgroup v1 controllers (legacy or hybrid).</summary>
[SupportedOSPlatform("linux")]
internal sealed class RealCgroupV1FactAttribute : FactAttribute
{
    public RealCgroupV1FactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
            Skip = "needs root: creates real cgroups under /sys/fs/cgroup";
        else if (HostMode() is var mode && mode is not (CgroupMode.Legacy or CgroupMode.Hybrid))
            Skip = $"needs cgroup v1 controllers (legacy or hybrid host); this host is {mode?.ToString() ?? "without cgroups"}";
    }

    public static CgroupMode? HostMode()
    {
        try
        {
            return CgroupModeDetector.Detect();
        }
        catch (RuntimeException)
        {
            return null;
        }
    }
}

/// <summary>Runs only as root when a cgroup2 hierarchy is mounted (unified, or hybrid's /sys/fs/cgroup/unified).</summary>
[SupportedOSPlatform("linux")]
internal sealed class RealCgroup2FactAttribute : FactAttribute
{
    public RealCgroup2FactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
            Skip = "needs root: creates real cgroups and loads BPF programs";
        else if (Cgroup2Mount() is null)
            Skip = "needs a cgroup2 mount (unified host or hybrid /sys/fs/cgroup/unified)";
    }

    /// <summary>Where cgroup2 is mounted on this host, or null.</summary>
    public static string? Cgroup2Mount() => RealCgroupV1FactAttribute.HostMode() switch
    {
        CgroupMode.Unified => CgroupModeDetector.DefaultRoot,
        CgroupMode.Hybrid => File.ReadAllLines("/proc/self/mountinfo")
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 9 && f.Contains("cgroup2") && f[4].StartsWith(CgroupModeDetector.DefaultRoot + "/"))
            .Select(f => f[4]).FirstOrDefault(),
        _ => null,
    };
}
