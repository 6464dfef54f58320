using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>
/// linux.maskedPaths (directories under an empty read-only tmpfs, files under /dev/null) and
/// linux.readonlyPaths (read-only bind onto themselves). Runs after the root switch; every
/// target is opened without leaving the root, so a symlink cannot redirect the mount.
/// </summary>
public static class PathMasking
{
    public static void Mask(IEnumerable<string>? paths, SafePath root)
    {
        var list = paths?.ToList() ?? [];
        if (list.Count == 0)
            return;
        using var devNull = OpenDevNull(root);
        foreach (var path in list)
        {
            using var target = root.TryOpen(path);
            if (target is null)
                continue;
            var st = Syscalls.FStat(target.Value);
            if ((st.Mode & LibC.S_IFMT) == LibC.S_IFDIR)
                Syscalls.Mount("tmpfs", target.ProcPath, "tmpfs", MS_RDONLY, null, path);
            else
                Syscalls.Mount(devNull.ProcPath, target.ProcPath, null, MS_BIND, null, path);
        }
    }

    public static void MakeReadonly(IEnumerable<string>? paths, SafePath root, MountContext ctx)
    {
        foreach (var path in paths ?? [])
        {
            using (var target = root.TryOpen(path))
            {
                if (target is null)
                    continue;
                Syscalls.Mount(target.ProcPath, target.ProcPath, null, MS_BIND | MS_REC, null, path);
            }
            using var mounted = root.Open(path);
            Syscalls.Mount(null, mounted.ProcPath, null, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC | ctx.LockedFlags(mounted), null, path);
        }
    }

    /// <summary>The container's /dev/null, checked to be the real char device 1:3 (CVE-2025-31133).</summary>
    private static Fd OpenDevNull(SafePath root)
    {
        var fd = root.Open("/dev/null", noSymlinks: true);
        var st = Syscalls.FStat(fd.Value);
        if ((st.Mode & LibC.S_IFMT) != LibC.S_IFCHR || st.Rdev != DeviceNodes.MakeDev(1, 3))
        {
            fd.Dispose();
            throw new RuntimeException("/dev/null in the container is not the null device; refusing to use it to mask paths");
        }
        return fd;
    }
}
