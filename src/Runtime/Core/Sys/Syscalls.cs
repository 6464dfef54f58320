using System.Runtime.InteropServices;
using System.Text;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>Checked wrappers: each throws a SyscallException naming the call and its target.</summary>
public static unsafe class Syscalls
{
    public static void Check(int result, string operation, string? target = null)
    {
        if (result < 0)
            throw SyscallException.FromLastError(operation, target);
    }

    public static void Mount(string? source, string target, string? fstype, ulong flags, string? data, string? describeTarget = null)
    {
        if (LibC.mount(source, target, fstype, flags, data) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var what = fstype is null or "" ? $"{source}" : $"{fstype} {source}";
            throw new SyscallException($"mount {what} to", errno, describeTarget ?? target);
        }
    }

    public static void Umount(string target, int flags) => Check(LibC.umount2(target, flags), "umount", target);

    public static void PivotRoot(string newRoot, string putOld)
    {
        var a = Encoding.UTF8.GetBytes(newRoot + "\0");
        var b = Encoding.UTF8.GetBytes(putOld + "\0");
        fixed (byte* pa = a, pb = b)
            if (LibC.syscall(LibC.SYS_pivot_root, (long)pa, (long)pb, 0, 0, 0, 0) < 0)
                throw SyscallException.FromLastError("pivot_root", newRoot);
    }

    public static void Chdir(string path) => Check(LibC.chdir(path), "chdir", path);

    public static int Kill(int pid, int signal) => LibC.kill(pid, signal) < 0 ? Marshal.GetLastPInvokeError() : 0;

    /// <summary>waitpid; returns the raw status, or null with WNOHANG when the child still runs.</summary>
    public static int? WaitPid(int pid, bool noHang)
    {
        int status;
        while (true)
        {
            var r = LibC.waitpid(pid, &status, noHang ? 1 : 0);
            if (r > 0)
                return status;
            if (r == 0)
                return null;
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
                throw new SyscallException("waitpid", errno, pid.ToString());
        }
    }

    /// <summary>A shell-style exit code from a wait status: the code, or 128+signal.</summary>
    public static int ExitCode(int status) =>
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);

    public static (int A, int B) SocketPair()
    {
        int* fds = stackalloc int[2];
        Check(LibC.socketpair(1 /* AF_UNIX */, 1 /* SOCK_STREAM */ | 0x80000 /* SOCK_CLOEXEC */, 0, fds), "socketpair");
        return (fds[0], fds[1]);
    }

    public static void WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = LibC.write(fd, p + done, data.Length - done);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                        continue;
                    throw new SyscallException("write", errno);
                }
                done += (int)n;
            }
        }
    }

    /// <summary>Reads exactly buffer.Length bytes; false on a clean EOF before the first byte.</summary>
    public static bool ReadExact(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var n = LibC.read(fd, p + done, buffer.Length - done);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                        continue;
                    throw new SyscallException("read", errno);
                }
                if (n == 0)
                {
                    if (done == 0)
                        return false;
                    throw new SyscallException("read", Errno.EPIPE, "(short message)");
                }
                done += (int)n;
            }
        }
        return true;
    }

    public static void SetCloexec(int fd, bool on)
    {
        var flags = LibC.fcntl(fd, LibC.F_GETFD, 0);
        Check(flags, "fcntl");
        Check(LibC.fcntl(fd, LibC.F_SETFD, on ? flags | LibC.FD_CLOEXEC : flags & ~LibC.FD_CLOEXEC), "fcntl");
    }

    internal static LibC.Stat Stat(string path, bool follow = true)
    {
        LibC.Stat st;
        Check(LibC.fstatat(LibC.AT_FDCWD, path, &st, follow ? 0 : LibC.AT_SYMLINK_NOFOLLOW), "stat", path);
        return st;
    }

    internal static LibC.Stat FStat(int fd)
    {
        LibC.Stat st;
        Check(LibC.fstat(fd, &st), "fstat");
        return st;
    }

    internal static bool TryStat(string path, out LibC.Stat st, bool follow = true)
    {
        LibC.Stat s;
        var ok = LibC.fstatat(LibC.AT_FDCWD, path, &s, follow ? 0 : LibC.AT_SYMLINK_NOFOLLOW) == 0;
        st = s;
        return ok;
    }

    public static void CloseRangeCloexec(int from)
    {
        const uint CLOSE_RANGE_CLOEXEC = 4;
        Check((int)LibC.syscall(LibC.SYS_close_range, from, uint.MaxValue, CLOSE_RANGE_CLOEXEC, 0, 0, 0), "close_range");
    }
}
