using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>eventfd(2) and inotify(7): how the kernel tells us about cgroup events.</summary>
internal static unsafe partial class LibC
{
    internal const int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    internal const int IN_NONBLOCK = 0x800, IN_CLOEXEC = 0x80000;
    internal const uint IN_MODIFY = 0x2;

    [LibraryImport("libc", SetLastError = true)] internal static partial int eventfd(uint initval, int flags);
    [LibraryImport("libc", SetLastError = true)] internal static partial int inotify_init1(int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int inotify_add_watch(int fd, string path, uint mask);
}
