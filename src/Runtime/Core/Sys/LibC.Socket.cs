using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>AF_UNIX datagram sockets (sd_notify): bind, send, receive, and the mode of a bound socket file.</summary>
internal static unsafe partial class LibC
{
    internal const int AF_UNIX = 1, SOCK_DGRAM = 2, SOCK_CLOEXEC = 0x80000;
    internal const int MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;

    [LibraryImport("libc", SetLastError = true)] internal static partial int bind(int fd, byte* addr, int len);
    [LibraryImport("libc", SetLastError = true)] internal static partial nint send(int fd, byte* buf, nint len, int flags);
    [LibraryImport("libc", SetLastError = true)] internal static partial nint recv(int fd, byte* buf, nint len, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int fchmodat(int dirfd, string path, uint mode, int flags);
}
