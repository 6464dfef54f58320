using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>
/// A "cgroup" mount: on cgroup v2 the container's cgroup2 tree; on v1 a tmpfs with one
/// directory per hierarchy. With a private cgroup namespace each hierarchy is mounted afresh
/// (the kernel roots it at the container's cgroup); otherwise the container's own cgroup
/// directory is bind-mounted.
/// </summary>
public static class CgroupMount
{
    private const long Cgroup2Magic = 0x63677270;

    public static void Apply(Mount mount, MountOptions opts, MountContext ctx)
    {
        var flags = opts.Flags & ~(PropagationMask | MS_REMOUNT | MS_BIND | MS_REC);
        var hierarchies = HostCgroups.Hierarchies();
        using var target = ctx.Root.MkdirAll(mount.Destination);
        if (IsUnifiedOnly(hierarchies))
        {
            MountHierarchy(hierarchies[0], target.ProcPath, flags, ctx, mount.Destination);
            return;
        }

        Syscalls.Mount("tmpfs", target.ProcPath, "tmpfs", flags & ~MS_RDONLY, "mode=755", mount.Destination);
        // The fd from before the mount names the directory beneath the tmpfs: aliases go in the tmpfs.
        using var tmpfs = ctx.Root.Open(mount.Destination, flags: LibC.O_PATH | LibC.O_DIRECTORY);
        foreach (var h in hierarchies)
        {
            var name = Path.GetFileName(h.MountPoint);
            var sub = Path.Join(mount.Destination, name);
            using var dir = ctx.Root.MkdirAll(sub);
            MountHierarchy(h, dir.ProcPath, flags, ctx, sub);
            // cpu,cpuacct is also reachable as cpu and cpuacct, as on the host.
            if (name.Contains(','))
                foreach (var alias in name.Split(','))
                    if (alias != name)
                        LibC.symlinkat(name, tmpfs.Value, alias);
        }
        if ((flags & MS_RDONLY) != 0)
        {
            using var again = ctx.Root.Open(mount.Destination);
            Syscalls.Mount(null, again.ProcPath, null, MS_REMOUNT | MS_BIND | MS_RDONLY | (flags & (MS_NOSUID | MS_NODEV | MS_NOEXEC)), null, mount.Destination);
        }
    }

    private static bool IsUnifiedOnly(List<HostCgroups.Hierarchy> hierarchies) =>
        hierarchies.Count == 1 && hierarchies[0].FsType == "cgroup2" && hierarchies[0].MountPoint == "/sys/fs/cgroup";

    private static void MountHierarchy(HostCgroups.Hierarchy h, string target, ulong flags, MountContext ctx, string describe)
    {
        if (ctx.NewCgroupNamespace)
        {
            var data = h.FsType == "cgroup2" ? null : h.SuperOptions;
            Syscalls.Mount(h.FsType, target, h.FsType, flags, data, describe);
        }
        else
        {
            var source = Path.Join(h.MountPoint, h.OwnPath);
            Syscalls.Mount(source, target, null, MS_BIND | MS_REC, null, describe);
            using var mounted = ctx.Root.Open(describe);
            Syscalls.Mount(null, mounted.ProcPath, null, MS_BIND | MS_REMOUNT | flags, null, describe);
        }
    }
}
