using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

internal static unsafe partial class LibC
{
    internal const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_NOCTTY = 0x100,
        O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800, O_SYNC = 0x101000, O_DIRECTORY = 0x10000,
        O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000, O_PATH = 0x200000;
    internal const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;
    internal const int F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, FD_CLOEXEC = 1;
    internal const uint S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFCHR = 0x2000, S_IFBLK = 0x6000,
        S_IFREG = 0x8000, S_IFIFO = 0x1000, S_IFLNK = 0xA000, S_IFSOCK = 0xC000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int open(string path, int flags, uint mode);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int openat(int dirfd, string path, int flags, uint mode);
    [LibraryImport("libc", SetLastError = true)] internal static partial int fcntl(int fd, int cmd, int arg);
    [LibraryImport("libc", SetLastError = true)] internal static partial int ioctl(int fd, nuint request, void* arg);

    [StructLayout(LayoutKind.Sequential)]
    internal struct Stat
    {
        public ulong Dev, Ino, Nlink;
        public uint Mode, Uid, Gid;
        private int _pad0;
        public ulong Rdev;
        public long Size, Blksize, Blocks;
        public long Atime, AtimeNsec, Mtime, MtimeNsec, Ctime, CtimeNsec;
        private long _r0, _r1, _r2;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int fstatat(int dirfd, string path, Stat* buf, int flags);
    [LibraryImport("libc", SetLastError = true)] internal static partial int fstat(int fd, Stat* buf);

    [StructLayout(LayoutKind.Sequential)]
    internal struct Statfs
    {
        public long Type, Bsize;
        public ulong Blocks, Bfree, Bavail, Files, Ffree;
        public long Fsid;
        public long Namelen, Frsize, Flags;
        private long _s0, _s1, _s2, _s3;
    }

    [LibraryImport("libc", SetLastError = true)] internal static partial int fstatfs(int fd, Statfs* buf);
}
