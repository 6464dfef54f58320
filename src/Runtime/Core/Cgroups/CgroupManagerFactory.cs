using Runc.Sharp.Spec.Paths;
using Runc.Sharp.Runtime.Cgroups.Devices;
using Runc.Sharp.Runtime.Cgroups.V1;
using Runc.Sharp.Runtime.Cgroups.V2;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>Picks and configures the cgroup manager for a container.</summary>
public static class CgroupManagerFactory
{
    /// <param name="mode">From <see cref="CgroupModeDetector.Detect()"/>.</param>
    /// <param name="cgroupsPath">linux.cgroupsPath: absolute (from the hierarchy roots), relative (below
    /// our own cgroup), or null/empty for the container id relative to our own cgroup.</param>
    /// <param name="containerId">Used when cgroupsPath is absent.</param>
    /// <param name="systemd">--systemd-cgroup: not implemented; refused with a clear message.</param>
    /// <param name="root">Where the hierarchies are mounted.</param>
    /// <param name="sources">Host inputs; replaceable in tests.</param>
    /// <param name="rootless">Rootless rules (runc's): permission errors tolerated, cgroups left out.</param>
    public static ICgroupManager Create(CgroupMode mode, string? cgroupsPath, string containerId, bool systemd,
        string root = CgroupModeDetector.DefaultRoot, CgroupHostSources? sources = null, CgroupRootless? rootless = null)
    {
        sources ??= new CgroupHostSources();
        rootless ??= CgroupRootless.Off;
        if (systemd)
        {
            if (!sources.IsSystemdRunning())
                throw new RuntimeException("systemd cgroup driver requested but systemd is not running (no /run/systemd/system)");
            throw new RuntimeException("the systemd cgroup driver is not supported yet; run without --systemd-cgroup to use cgroupfs");
        }

        var inner = CgroupPathResolver.InnerPath(cgroupsPath, containerId);
        Dictionary<string, string>? own = null;
        Dictionary<string, string> Own() => own ??= ProcSelfCgroup.Parse(sources.ReadProcSelfCgroup());
        var files = new CgroupFiles(sources.WriteObserver, sources.WriteFault);
        var dirs = new CgroupDirs(sources.OwnedPaths?.Select(LexicalPath.Clean), sources.WriteFault);

        if (mode == CgroupMode.Unified)
        {
            var place = CgroupPathResolver.V2Place(root, inner, Own);
            return new V2Manager(root, place.Path, files, dirs, sources.DeviceFilter ?? new BpfDeviceFilterInstaller(), sources.HugePagesDir,
                sources.ReadProcCgroup, rootless);
        }

        var mounts = CgroupMounts.Parse(sources.ReadMountInfo(), root);
        if (mounts.V1.Count == 0)
            throw new RuntimeException($"cgroup mode is {mode} but no cgroup v1 hierarchy is mounted at {root}");
        if (mode == CgroupMode.Hybrid && mounts.Unified is null)
            throw new RuntimeException($"cgroup mode is hybrid but no cgroup2 file system is mounted below {root}");
        var names = V1Manager.Controllers().Select(c => c.Name);
        var places = CgroupPathResolver.V1Places(mounts, names, inner, Own, mode == CgroupMode.Hybrid);
        return new V1Manager(mode, places, files, dirs, sources.HugePagesDir, rootless);
    }
}
