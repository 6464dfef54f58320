using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>Performs one config.json mount inside the rootfs, always through an fd of the destination.</summary>
public static unsafe class Mounter
{
    public static void Apply(Mount mount, MountContext ctx)
    {
        var opts = MountOptions.Parse(mount.Options, mount.Type);
        var type = mount.Type ?? "";
        if (type == "cgroup")
        {
            CgroupMount.Apply(mount, opts, ctx);
            return;
        }
        if (opts.IdMap)
            IdMappedBindMount(mount, opts, ctx);
        else if (opts.IsBind)
            BindMount(mount, opts, ctx);
        else
            FilesystemMount(mount, type, opts, ctx);
        ApplyPropagationAndAttributes(mount.Destination, opts, ctx);
    }

    private static void BindMount(Mount mount, MountOptions opts, MountContext ctx)
    {
        var source = HostSource(mount.Source, ctx.Bundle)
            ?? throw new RuntimeException($"mount {mount.Destination}: a bind mount needs a source");
        if (!Syscalls.TryStat(source, out var st))
            throw new SyscallException("stat bind source", Errno.ENOENT, source);
        var isDir = (st.Mode & LibC.S_IFMT) == LibC.S_IFDIR;
        using (var target = isDir ? ctx.Root.MkdirAll(mount.Destination) : ctx.Root.CreateFile(mount.Destination))
            Syscalls.Mount(source, target.ProcPath, null, MS_BIND | (opts.Flags & MS_REC), null, mount.Destination);
        RemountWithFlags(mount, opts, ctx);
        if ((opts.Flags & (MS_REC | MS_RDONLY)) == (MS_REC | MS_RDONLY) && IsSys(mount.Destination))
            ReadOnlyCgroupSubmounts(ctx);
    }

    private static bool IsSys(string destination) => Spec.Paths.LexicalPath.Clean(destination) == "/sys";

    /// <summary>
    /// "rbind,ro" of /sys (what `runcs spec --rootless` uses) makes only the top mount read-only;
    /// the host's cgroup mounts below it would stay writable, letting a container write the
    /// user's own cgroups (CVE-2023-25809). They are made read-only as runc does.
    /// </summary>
    private static unsafe void ReadOnlyCgroupSubmounts(MountContext ctx)
    {
        using var cgroup = ctx.Root.TryOpen("/sys/fs/cgroup", noSymlinks: true, flags: LibC.O_PATH | LibC.O_DIRECTORY);
        if (cgroup is null)
            return;
        var attr = new LibC.MountAttr { AttrSet = MOUNT_ATTR_RDONLY };
        Syscalls.Check(LibC.mount_setattr(cgroup.Value, "", LibC.AT_EMPTY_PATH | LibC.AT_RECURSIVE, &attr), "mount_setattr", "/sys/fs/cgroup");
    }

    /// <summary>Attaches the detached idmapped mount the runtime made from the source.</summary>
    private static void IdMappedBindMount(Mount mount, MountOptions opts, MountContext ctx)
    {
        using var tree = ctx.NextIdMappedSource(mount.Destination);
        var isDir = (Syscalls.FStat(tree.Value).Mode & LibC.S_IFMT) == LibC.S_IFDIR;
        using (var target = isDir ? ctx.Root.MkdirAll(mount.Destination) : ctx.Root.CreateFile(mount.Destination))
            Syscalls.Check(LibC.move_mount(tree.Value, target.Value), "move_mount", mount.Destination);
        RemountWithFlags(mount, opts, ctx);
    }

    /// <summary>A bind mount takes flags such as ro or nosuid only from a remount.</summary>
    private static void RemountWithFlags(Mount mount, MountOptions opts, MountContext ctx)
    {
        var extra = opts.Flags & ~(MS_BIND | MS_REC | MS_REMOUNT);
        if (extra != 0)
        {
            using var mounted = ctx.Root.Open(mount.Destination);
            Syscalls.Mount(null, mounted.ProcPath, null, extra | MS_BIND | MS_REMOUNT | ctx.LockedFlags(mounted), null, mount.Destination);
        }
    }

    private static void FilesystemMount(Mount mount, string type, MountOptions opts, MountContext ctx)
    {
        // procfs and sysfs only ever go onto real directories (CVE-2019-16884, CVE-2019-19921).
        var strict = type is "proc" or "sysfs";
        Fd target;
        if (strict)
        {
            target = ctx.Root.TryOpen(mount.Destination, noSymlinks: true, flags: LibC.O_PATH | LibC.O_DIRECTORY)
                ?? ctx.Root.MkdirAll(mount.Destination);
        }
        else
        {
            target = ctx.Root.MkdirAll(mount.Destination);
        }
        using (target)
        {
            var source = string.IsNullOrEmpty(mount.Source) ? type : mount.Source;
            var data = opts.Data.Length == 0 ? null : opts.Data;
            if (opts.TmpCopyUp && type == "tmpfs")
            {
                TmpCopyUp.Mount(source, target, opts.Flags & ~PropagationMask, data, mount.Destination);
                return;
            }
            try
            {
                Syscalls.Mount(source, target.ProcPath, type, opts.Flags & ~(PropagationMask | MS_REMOUNT), data, mount.Destination);
            }
            catch (SyscallException e) when (e.Errno == Errno.EPERM && type == "sysfs" && ctx.InUserNamespace)
            {
                // The kernel's rule; runc fails the same way (no silent fallback to the host's /sys).
                throw new RuntimeException($"{e.Message} (in a user namespace, sysfs can be mounted only with a network namespace of its own: " +
                    "add one, or bind-mount /sys as `runcs spec --rootless` does)", e);
            }
        }
    }

    private static void ApplyPropagationAndAttributes(string destination, MountOptions opts, MountContext ctx)
    {
        if (opts.Propagation.Count == 0 && opts.RecursiveSet == 0 && opts.RecursiveClear == 0)
            return;
        using var mounted = ctx.Root.Open(destination);
        foreach (var p in opts.Propagation)
            Syscalls.Mount(null, mounted.ProcPath, null, p, null, destination);
        if (opts.RecursiveSet != 0 || opts.RecursiveClear != 0)
        {
            var attr = new LibC.MountAttr { AttrSet = opts.RecursiveSet, AttrClr = opts.RecursiveClear };
            if ((opts.RecursiveSet & MOUNT_ATTR__ATIME) != 0 || opts.RecursiveClear == MOUNT_ATTR__ATIME)
                attr.AttrClr |= MOUNT_ATTR__ATIME;
            const uint AT_RECURSIVE = 0x8000;
            Syscalls.Check(LibC.mount_setattr(mounted.Value, "", LibC.AT_EMPTY_PATH | AT_RECURSIVE, &attr),
                "mount_setattr", destination);
        }
    }

    public static string? HostSource(string? source, string bundle) =>
        string.IsNullOrEmpty(source) ? null : Path.IsPathRooted(source) ? source : Path.Combine(bundle, source);
}
