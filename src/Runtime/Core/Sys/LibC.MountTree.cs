using System.Text;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>Detached mount trees: open_tree and move_mount (Linux 5.2).</summary>
internal static unsafe partial class LibC
{
    internal const uint OPEN_TREE_CLONE = 1, OPEN_TREE_CLOEXEC = 0x80000, AT_RECURSIVE = 0x8000;
    internal const uint MOVE_MOUNT_F_EMPTY_PATH = 0x4, MOVE_MOUNT_T_EMPTY_PATH = 0x40;

    internal static int open_tree(int dirfd, string path, uint flags)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
            return (int)syscall(SYS_open_tree, dirfd, (long)p, flags, 0, 0, 0);
    }

    /// <summary>Attaches the tree of fromFd at the file toFd refers to.</summary>
    internal static int move_mount(int fromFd, int toFd)
    {
        byte empty = 0;
        return (int)syscall(SYS_move_mount, fromFd, (long)&empty, toFd, (long)&empty, MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH, 0);
    }
}
