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
}
