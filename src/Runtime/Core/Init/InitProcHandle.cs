using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Init;

/// <summary>
/// The /proc init keeps open while it waits in the created state (to reopen the exec fifo).
/// Processes in the container can reach it through /proc/1/fd, so it must never be the host's
/// /proc: that would hand them host pids and writable host sysctls. It is a private
/// pids-only procfs of the container's pid namespace, or else the container's own /proc.
/// </summary>
public static class InitProcHandle
{
    /// <summary>The private procfs, or null when this kernel or namespace setup refuses one.</summary>
    public static Fd? TryOpenPrivate()
    {
        try
        {
            return ProcFsInstance.OpenPidsOnly();
        }
        catch (SyscallException e)
        {
            Log.Debug($"init: no private procfs ({e.Message}); using the container's /proc");
            return null;
        }
    }

    /// <summary>After the root switch: the container's /proc, which must be a procfs.</summary>
    public static Fd OpenContainerProc()
    {
        var fd = Fd.Open("/proc", LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_NOFOLLOW);
        if (!ProcFsInstance.IsProcFs(fd))
        {
            fd.Dispose();
            throw new RuntimeException("the container's /proc is not a procfs mount: cannot wait for start");
        }
        return fd;
    }
}
