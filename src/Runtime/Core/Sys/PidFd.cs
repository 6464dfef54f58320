namespace Runc.Sharp.Runtime.Sys;

/// <summary>pidfd_open(2): an fd that becomes readable when the process exits (Linux 5.3+).</summary>
public static class PidFd
{
    /// <summary>
    /// A pidfd for the process that is pid and started at startTime, or null when it is gone or
    /// the kernel has no pidfds. Checked after opening, so a recycled pid is never watched.
    /// </summary>
    public static Fd? TryOpen(int pid, ulong startTime)
    {
        if (pid <= 0)
            return null;
        var fd = Raw(pid);
        if (fd < 0)
            return null;
        var pidfd = new Fd(fd);
        if (ProcFs.IsAlive(pid, startTime))
            return pidfd;
        pidfd.Dispose();
        return null;
    }

    /// <summary>A pidfd for pid, which the caller knows to be its own child or otherwise not recycled.</summary>
    public static Fd Open(int pid)
    {
        var fd = Raw(pid);
        return fd >= 0 ? new Fd(fd) : throw SyscallException.FromLastError("pidfd_open", pid.ToString());
    }

    /// <summary>A pidfd for the calling process (its thread group), valid in any pid namespace.</summary>
    public static Fd OpenSelf() => Open(LibC.getpid());

    private static int Raw(int pid) => (int)LibC.syscall(LibC.SYS_pidfd_open, pid, 0, 0, 0, 0, 0);
}
