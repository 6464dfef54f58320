using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>The kernel calls around a seccomp filter: load it, probe flags, fetch a listener fd, read an export.</summary>
public static unsafe class SeccompSyscalls
{
    private const int SECCOMP_SET_MODE_FILTER = 1, MFD_CLOEXEC = 1;

    /// <summary>struct sock_fprog.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct SockFprog
    {
        public ushort Len;
        public SockFilter* Filter;
    }

    /// <summary>
    /// seccomp(SECCOMP_SET_MODE_FILTER) on the calling thread; the listener fd when flags ask
    /// for one (close-on-exec, as the kernel makes it), else -1.
    /// </summary>
    public static int LoadFilter(ReadOnlySpan<byte> program, uint flags)
    {
        var filter = SockFilter.Parse(program);
        if (filter.Length is 0 or > ushort.MaxValue)
            throw new SyscallException("load seccomp filter", Errno.EINVAL, $"({filter.Length} instructions)");
        fixed (SockFilter* p = filter)
        {
            var prog = new SockFprog { Len = (ushort)filter.Length, Filter = p };
            var rc = LibC.syscall(LibC.SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, (long)&prog, 0, 0, 0);
            if (rc < 0)
                throw SyscallException.FromLastError("load seccomp filter");
            return (flags & SeccompConstants.FlagNewListener) != 0 ? (int)rc : -1;
        }
    }

    /// <summary>
    /// Whether this kernel takes a filter flag: with a NULL program a known flag fails with
    /// EFAULT (the program is read after the flags are checked), an unknown one with EINVAL.
    /// WAIT_KILLABLE_RECV is only valid together with NEW_LISTENER.
    /// </summary>
    public static bool FlagSupported(uint flag)
    {
        if (flag == 0)
            return true;
        if (flag == SeccompConstants.FlagWaitKillableRecv)
            flag |= SeccompConstants.FlagNewListener;
        var rc = LibC.syscall(LibC.SYS_seccomp, SECCOMP_SET_MODE_FILTER, flag, 0, 0, 0, 0);
        return rc < 0 && Marshal.GetLastPInvokeError() == Errno.EFAULT;
    }

    /// <summary>A duplicate of another process's fd (pidfd_getfd; needs ptrace rights over it, which root has).</summary>
    public static int DuplicateFrom(int pid, int fd)
    {
        using var pidfd = PidFd.Open(pid);
        var copy = (int)LibC.syscall(LibC.SYS_pidfd_getfd, pidfd.Value, fd, 0, 0, 0, 0);
        return copy >= 0 ? copy : throw SyscallException.FromLastError("pidfd_getfd", $"fd {fd} of pid {pid}");
    }

    /// <summary>An anonymous in-memory file to export a filter into.</summary>
    public static Fd MemoryFile(string name)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* p = bytes)
        {
            var fd = (int)LibC.syscall(LibC.SYS_memfd_create, (long)p, MFD_CLOEXEC, 0, 0, 0, 0);
            return fd >= 0 ? new Fd(fd) : throw SyscallException.FromLastError("memfd_create", name);
        }
    }

    /// <summary>Everything written to a memory file so far.</summary>
    public static byte[] ReadFromStart(Fd file)
    {
        if (LibC.syscall(LibC.SYS_lseek, file.Value, 0, 0 /* SEEK_SET */, 0, 0, 0) < 0)
            throw SyscallException.FromLastError("lseek");
        using var content = new MemoryStream();
        var buffer = new byte[16384];
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = LibC.read(file.Value, p, buffer.Length);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Errno.EINTR)
                        continue;
                    throw SyscallException.FromLastError("read");
                }
                if (n == 0)
                    return content.ToArray();
                content.Write(buffer, 0, (int)n);
            }
        }
    }
}
