using Runc.Sharp.Runtime.Sys;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>Makes the rootfs "/": pivot_root, or MS_MOVE + chroot with --no-pivot.</summary>
public static class RootSwitch
{
    public static void PivotRoot(string rootfs)
    {
        using var oldRoot = Fd.Open("/", LibC.O_DIRECTORY | LibC.O_RDONLY);
        using var newRoot = Fd.Open(rootfs, LibC.O_DIRECTORY | LibC.O_RDONLY);
        Syscalls.Check(LibC.fchdir(newRoot.Value), "fchdir", rootfs);
        // pivot_root(".", ".") stacks the old root under the new one; no put_old directory needed.
        Syscalls.PivotRoot(".", ".");
        Syscalls.Check(LibC.fchdir(oldRoot.Value), "fchdir", "old root");
        // Never let the unmount of the old root propagate back to the host.
        Syscalls.Mount(null, ".", null, MS_SLAVE | MS_REC, null, "old root");
        Syscalls.Umount(".", MNT_DETACH);
        Syscalls.Chdir("/");
    }

    public static void MoveRoot(string rootfs)
    {
        Syscalls.Chdir(rootfs);
        Syscalls.Mount(rootfs, "/", null, MS_MOVE, null, "/");
        Syscalls.Check(LibC.chroot("."), "chroot", rootfs);
        Syscalls.Chdir("/");
    }
}
