using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Terminal;

namespace Runc.Sharp.Runtime.SdNotify;

/// <summary>
/// sd_notify_barrier: BARRIER=1 goes to the host with the write end of a pipe; the host closes
/// it once it has handled every message sent before. A host that never does is waited for up
/// to the timeout, then ignored with a warning (runc's 30 s).
/// </summary>
public static unsafe class NotifyBarrier
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>True when the host acknowledged, false when the wait timed out.</summary>
    public static bool Await(UnixDatagramSocket host, TimeSpan timeout)
    {
        int* fds = stackalloc int[2];
        Syscalls.Check(LibC.pipe2(fds, LibC.O_CLOEXEC), "pipe2");
        using var readEnd = new Fd(fds[0]);
        using (var writeEnd = new Fd(fds[1]))
            FdPassing.Send(host.Value, writeEnd.Value, NotifyMessages.Barrier, "BARRIER=1 to NOTIFY_SOCKET");

        Span<bool> ready = stackalloc bool[1];
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!Poll.WaitReadable([readEnd.Value], TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)), ready))
        {
            if (Environment.TickCount64 >= deadline)
            {
                Log.Warning($"Timeout after waiting {timeout.TotalSeconds:0}s for barrier. Ignored.");
                return false;
            }
        }
        byte b;
        nint n;
        while ((n = LibC.read(readEnd.Value, &b, 1)) < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR)
        {
        }
        if (n < 0)
            throw SyscallException.FromLastError("read barrier pipe");
        if (n > 0)
            throw new RuntimeException("unexpected read from synchronization pipe");
        return true;
    }
}
