using System.Runtime.InteropServices;
using System.Text;

namespace Runc.Sharp.Runtime.Sys;

internal static unsafe partial class LibC
{
    internal const ulong RESOLVE_NO_XDEV = 1, RESOLVE_NO_MAGICLINKS = 2, RESOLVE_NO_SYMLINKS = 4,
        RESOLVE_BENEATH = 8, RESOLVE_IN_ROOT = 0x10;

    [StructLayout(LayoutKind.Sequential)]
    internal struct OpenHow
    {
        public ulong Flags, Mode, Resolve;
    }

    internal static int openat2(int dirfd, string path, ulong flags, ulong resolve)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        var how = new OpenHow { Flags = flags, Mode = 0, Resolve = resolve };
        fixed (byte* p = bytes)
            return (int)syscall(SYS_openat2, dirfd, (long)p, (long)&how, sizeof(OpenHow), 0, 0);
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct MountAttr
    {
        public ulong AttrSet, AttrClr, Propagation, UsernsFd;
    }

    internal static int mount_setattr(int dirfd, string path, uint flags, MountAttr* attr)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
            return (int)syscall(SYS_mount_setattr, dirfd, (long)p, flags, (long)attr, sizeof(MountAttr), 0);
    }
}
