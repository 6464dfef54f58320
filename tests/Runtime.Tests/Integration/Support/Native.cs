using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>The few libc calls the test support needs.</summary>
internal static partial class Native
{
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int kill(int pid, int sig);

    [LibraryImport("libc")]
    internal static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mkfifo(string path, uint mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chown(string path, uint uid, uint gid);

    /// <summary>pid 0: the calling thread, whose affinity the processes it starts inherit.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static unsafe partial int sched_setaffinity(int pid, nint size, ulong* mask);

    [LibraryImport("libc", SetLastError = true)]
    internal static unsafe partial int sched_getaffinity(int pid, nint size, ulong* mask);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int umount2(string target, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rmdir(string path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lchown(string path, uint owner, uint group);
}
