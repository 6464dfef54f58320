using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Rootfs;
using Runc.Sharp.Spec.Model;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.NativeInit;

/// <summary>
/// The container's filesystem as plan ops, step for step what <see cref="RootfsBuilder"/>,
/// <see cref="Mounter"/>, <see cref="CgroupMount"/>, <see cref="DeviceNodes"/> and
/// <see cref="PathMasking"/> do in C# init. What needs the container's filesystem (does a path
/// exist, is a source a directory) is left to the native side.
/// </summary>
public static class RootfsPlan
{
    private const uint Dir = ShimProtocol.TargetDir;

    /// <summary>Up to the root switch: propagation, the rootfs bind, config mounts, /dev.</summary>
    public static void Prepare(InitPlanWriter plan, RuntimeConfig config, string rootfs, string bundle,
        bool inUserNamespace, bool newCgroupNamespace, Func<List<HostCgroups.Hierarchy>> hierarchies, int notifyDirFd = -1)
    {
        var linux = config.Linux;
        var propagation = RootfsBuilder.PropagationFlag(linux?.RootfsPropagation) ?? (MS_SLAVE | MS_REC);
        Mount(plan, propagation, null, "/", null, null, "/");
        Mount(plan, MS_BIND | MS_REC, rootfs, rootfs, null, null, rootfs);
        plan.Op(ShimProtocol.OpOpenRoot, f => f.Str(rootfs));

        var mounts = config.Mounts ?? [];
        foreach (var mount in mounts)
            ConfigMount(plan, mount, bundle, newCgroupNamespace, hierarchies);
        // NOTIFY_SOCKET: the runtime's detached read-only mount of <state>/notify, after the config's mounts as runc appends it.
        if (notifyDirFd >= 0)
            plan.Op(ShimProtocol.OpAttachMount, f => f.U32((uint)notifyDirFd).Str(SdNotify.ContainerNotifyDir.ContainerDir));

        var devIsPrivate = mounts.Any(m => m.Destination.TrimEnd('/') == "/dev" && !MountOptions.Parse(m.Options, m.Type).IsBind);
        Devices(plan, linux?.Devices, inUserNamespace, devIsPrivate);
        if (mounts.Any(m => m.Destination.TrimEnd('/') == "/dev/pts" && m.Type == "devpts"))
            plan.Op(ShimProtocol.OpLinkPtmx);
    }

    public static void SwitchRoot(InitPlanWriter plan, string rootfs, bool noPivot) =>
        plan.Op(noPivot ? ShimProtocol.OpMoveRoot : ShimProtocol.OpPivotRoot, f => f.Str(rootfs));

    /// <summary>After the root switch: propagation again, read-only and masked paths, a read-only root.</summary>
    public static void Finish(InitPlanWriter plan, RuntimeConfig config)
    {
        var linux = config.Linux;
        if (RootfsBuilder.PropagationFlag(linux?.RootfsPropagation) is { } flag)
            Mount(plan, flag, null, "/", null, null, "/");
        plan.Op(ShimProtocol.OpOpenRoot, f => f.Str("/"));
        foreach (var path in linux?.ReadonlyPaths ?? [])
            plan.Op(ShimProtocol.OpReadonlyPath, f => f.Str(path));
        foreach (var path in linux?.MaskedPaths ?? [])
            plan.Op(ShimProtocol.OpMaskPath, f => f.Str(path));
        if (config.Root?.Readonly == true)
            plan.Op(ShimProtocol.OpReadonlyRoot);
    }

    private static void ConfigMount(InitPlanWriter plan, Mount mount, string bundle, bool newCgroupNamespace,
        Func<List<HostCgroups.Hierarchy>> hierarchies)
    {
        var opts = MountOptions.Parse(mount.Options, mount.Type);
        var type = mount.Type ?? "";
        var dest = mount.Destination;
        if (type == "cgroup")
        {
            CgroupMountOps(plan, dest, opts, newCgroupNamespace, hierarchies());
            return;
        }
        if (opts.IsBind)
        {
            if (Mounter.HostSource(mount.Source, bundle) is not { } source)
            {
                plan.Fail($"mount {dest}: a bind mount needs a source");
                return;
            }
            MountInRoot(plan, ShimProtocol.TargetLikeSource, MS_BIND | (opts.Flags & MS_REC), source, dest, null, null);
            var extra = opts.Flags & ~(MS_BIND | MS_REC | MS_REMOUNT);
            if (extra != 0)
                Remount(plan, extra | MS_BIND | MS_REMOUNT, dest);
            if ((opts.Flags & (MS_REC | MS_RDONLY)) == (MS_REC | MS_RDONLY) && Spec.Paths.LexicalPath.Clean(dest) == "/sys")
            {
                // CVE-2023-25809: the host's cgroup mounts under an "rbind,ro" /sys are made read-only too.
                plan.Op(ShimProtocol.OpSetattrInRoot, f => f.U64(MOUNT_ATTR_RDONLY).U64(0)
                    .U32(ShimProtocol.OpenMissingOk | ShimProtocol.OpenNoSymlinks).Str("/sys/fs/cgroup"));
            }
        }
        else
        {
            var strict = type is "proc" or "sysfs";
            var source = string.IsNullOrEmpty(mount.Source) ? type : mount.Source;
            MountInRoot(plan, strict ? ShimProtocol.TargetStrictDir : ShimProtocol.TargetDir,
                opts.Flags & ~(PropagationMask | MS_REMOUNT), source, dest, type, opts.Data.Length == 0 ? null : opts.Data);
        }

        foreach (var p in opts.Propagation)
            plan.Op(ShimProtocol.OpPropagateInRoot, f => f.U64(p).Str(dest));
        if (opts.RecursiveSet != 0 || opts.RecursiveClear != 0)
        {
            var clear = opts.RecursiveClear;
            if ((opts.RecursiveSet & MOUNT_ATTR__ATIME) != 0 || opts.RecursiveClear == MOUNT_ATTR__ATIME)
                clear |= MOUNT_ATTR__ATIME;
            plan.Op(ShimProtocol.OpSetattrInRoot, f => f.U64(opts.RecursiveSet).U64(clear).U32(0).Str(dest));
        }
    }

    private static void CgroupMountOps(InitPlanWriter plan, string dest, MountOptions opts, bool newCgroupNamespace,
        List<HostCgroups.Hierarchy> hierarchies)
    {
        var flags = opts.Flags & ~(PropagationMask | MS_REMOUNT | MS_BIND | MS_REC);
        if (hierarchies.Count == 1 && hierarchies[0].FsType == "cgroup2" && hierarchies[0].MountPoint == "/sys/fs/cgroup")
        {
            Hierarchy(plan, hierarchies[0], dest, flags, newCgroupNamespace);
            return;
        }
        MountInRoot(plan, Dir, flags & ~MS_RDONLY, "tmpfs", dest, "tmpfs", "mode=755");
        foreach (var h in hierarchies)
        {
            var name = Path.GetFileName(h.MountPoint);
            Hierarchy(plan, h, Path.Join(dest, name), flags, newCgroupNamespace);
            // cpu,cpuacct is also reachable as cpu and cpuacct, as on the host.
            if (name.Contains(','))
                foreach (var alias in name.Split(','))
                    if (alias != name)
                        plan.Op(ShimProtocol.OpSymlinkInRoot, f => f.U32(1).Str(dest).Str(alias).Str(name));
        }
        if ((flags & MS_RDONLY) != 0)
            Remount(plan, MS_REMOUNT | MS_BIND | MS_RDONLY | (flags & (MS_NOSUID | MS_NODEV | MS_NOEXEC)), dest);
    }

    /// <summary>With a private cgroup namespace a fresh mount (rooted at the container's cgroup), else a bind of our cgroup.</summary>
    private static void Hierarchy(InitPlanWriter plan, HostCgroups.Hierarchy h, string dest, ulong flags, bool newCgroupNamespace)
    {
        if (newCgroupNamespace)
        {
            MountInRoot(plan, Dir, flags, h.FsType, dest, h.FsType, h.FsType == "cgroup2" ? null : h.SuperOptions);
            return;
        }
        MountInRoot(plan, Dir, MS_BIND | MS_REC, Path.Join(h.MountPoint, h.OwnPath), dest, null, null);
        Remount(plan, MS_BIND | MS_REMOUNT | flags, dest);
    }

    private static void Devices(InitPlanWriter plan, List<LinuxDevice>? devices, bool inUserNamespace, bool devIsPrivate)
    {
        if (devIsPrivate)
        {
            foreach (var (path, major, minor) in DeviceNodes.Defaults)
                if (devices?.Any(d => d.Path == path) != true)
                    Node(plan, path, 'c', major, minor, 0b110_110_110, 0, 0, inUserNamespace);
            foreach (var (link, target) in DeviceNodes.Symlinks)
            {
                var (dir, name) = SafePath.Split(link);
                plan.Op(ShimProtocol.OpSymlinkInRoot, f => f.U32(0).Str(dir).Str(name).Str(target));
            }
        }
        foreach (var d in devices ?? [])
            Node(plan, d.Path, d.Type.Length > 0 ? d.Type[0] : 'c', (uint)(d.Major ?? 0), (uint)(d.Minor ?? 0),
                d.FileMode ?? 0b110_110_110, d.Uid ?? 0, d.Gid ?? 0, inUserNamespace);
    }

    private const uint S_IFCHR = 0x2000, S_IFBLK = 0x6000, S_IFIFO = 0x1000;

    private static void Node(InitPlanWriter plan, string path, char type, uint major, uint minor, uint mode, uint uid, uint gid, bool inUserNamespace)
    {
        uint kind = type switch
        {
            'c' or 'u' => S_IFCHR,
            'b' => S_IFBLK,
            'p' => S_IFIFO,
            _ => 0,
        };
        if (kind == 0)
        {
            plan.Fail($"device {path}: unknown type {type}");
            return;
        }
        // In a user namespace mknod is refused: the host's node is bind-mounted instead.
        if (inUserNamespace && kind != S_IFIFO)
            plan.Op(ShimProtocol.OpBindDevice, f => f.Str(path));
        else
            plan.Op(ShimProtocol.OpMknodInRoot, f => f.U32(kind | (mode & 0xFFF)).U32(uid).U32(gid).U64(DeviceNodes.MakeDev(major, minor)).Str(path));
    }

    private static void Mount(InitPlanWriter plan, ulong flags, string? source, string target, string? fstype, string? data, string describe) =>
        plan.Op(ShimProtocol.OpMount, f => f.U64(flags).Str(source).Str(target).Str(fstype).Str(data).Str(describe));

    private static void MountInRoot(InitPlanWriter plan, uint kind, ulong flags, string? source, string dest, string? fstype, string? data) =>
        plan.Op(ShimProtocol.OpMountInRoot, f => f.U32(kind).U64(flags).Str(source).Str(dest).Str(fstype).Str(data));

    private static void Remount(InitPlanWriter plan, ulong flags, string dest) =>
        plan.Op(ShimProtocol.OpRemountInRoot, f => f.U64(flags).Str(dest));
}
