using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// The container's cgroup as the lifecycle sees it: made at create, found again from the
/// state by every later command (which may not be told --systemd-cgroup), removed at delete.
/// </summary>
public static class ContainerCgroups
{
    /// <summary>runc's always-allowed devices, appended after the config's rules (specconv AllowedDevices).</summary>
    private static readonly LinuxDeviceCgroup[] AllowedDevices =
    [
        new() { Allow = true, Type = "c", Access = "m" },
        new() { Allow = true, Type = "b", Access = "m" },
        new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 1, Minor = 8, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 1, Minor = 7, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 5, Minor = 0, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 1, Minor = 5, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 1, Minor = 9, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 136, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 5, Minor = 2, Access = "rwm" },
    ];

    public static ICgroupManager ForNew(RuntimeConfig config, string id, bool systemd, bool rootless = false) =>
        CgroupManagerFactory.Create(CgroupModeDetector.Detect(), config.Linux?.CgroupsPath, id, systemd,
            rootless: CgroupRootless.ForCreate(rootless, config.Linux?.CgroupsPath));

    /// <summary>
    /// The manager of an existing container, or null when its state has no cgroup. A rootless
    /// container's manager covers only the cgroups create could put it into.
    /// </summary>
    public static ICgroupManager? ForRecord(ContainerRecord record)
    {
        if (record.CgroupMode is null || !Enum.TryParse<CgroupMode>(record.CgroupMode, out var mode))
            return null;
        var rootless = record.Rootless ? new CgroupRootless(true, false, record.CgroupPaths.Keys.ToList()) : null;
        return CgroupManagerFactory.Create(mode, record.CgroupsPath, record.Id, systemd: false,
            sources: new CgroupHostSources { OwnedPaths = record.CgroupCreated }, rootless: rootless);
    }

    public static void SaveTo(ContainerRecord record, ICgroupManager manager, string? cgroupsPath)
    {
        record.CgroupMode = manager.Mode.ToString();
        record.CgroupsPath = cgroupsPath;
        record.CgroupPaths = manager.Paths.ToDictionary(kv => kv.Key, kv => kv.Value);
        record.CgroupCreated = manager.CreatedDirs.ToList();
    }

    /// <summary>
    /// linux.resources plus the device rules the container always needs; a new object, the
    /// config stays as written. A linux.devices node gets no rule of its own: access to it is
    /// what resources.devices allows (as in runc and crun), so a configured deny stays a deny.
    /// </summary>
    public static LinuxResources EffectiveResources(RuntimeConfig config)
    {
        var given = config.Linux?.Resources ?? new LinuxResources();
        var devices = new List<LinuxDeviceCgroup>(given.Devices ?? []);
        devices.AddRange(AllowedDevices);
        return new LinuxResources
        {
            Devices = devices, Memory = given.Memory, Cpu = given.Cpu, Pids = given.Pids, BlockIO = given.BlockIO,
            HugepageLimits = given.HugepageLimits, Network = given.Network, Rdma = given.Rdma, Unified = given.Unified,
            Extra = given.Extra,
        };
    }

    /// <summary>Removes the cgroup; a failure is logged, never fatal for delete.</summary>
    public static void Destroy(ContainerRecord record)
    {
        try
        {
            ForRecord(record)?.Destroy();
        }
        catch (RuntimeException e)
        {
            Log.Warning($"remove cgroup of {record.Id}: {e.Message}");
        }
    }
}
