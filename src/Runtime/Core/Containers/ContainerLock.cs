using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>flock(LOCK_EX) on a container directory; a missing directory gives a no-op lock.</summary>
public sealed partial class ContainerLock : IDisposable
{
    private int _fd;

    private ContainerLock(int fd) => _fd = fd;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    public static ContainerLock Acquire(string dir)
    {
        var fd = LibC.open(dir, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            return new ContainerLock(-1);
        while (flock(fd, 2 /* LOCK_EX */) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                break;
        }
        return new ContainerLock(fd);
    }

    public void Dispose()
    {
        if (_fd >= 0)
            LibC.close(_fd);
        _fd = -1;
    }
}
