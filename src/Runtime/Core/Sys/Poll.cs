using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>poll(2) for readability of a few fds.</summary>
public static unsafe class Poll
{
    private const short POLLIN = 0x1, POLLERR = 0x8, POLLHUP = 0x10;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events, Revents;
    }

    /// <summary>
    /// Waits up to timeout for any fd (negative ones are ignored) to be readable or hung up; ready[i]
    /// tells which. Returns false on timeout. A signal interrupting the wait counts as a timeout.
    /// </summary>
    public static bool WaitReadable(ReadOnlySpan<int> fds, TimeSpan timeout, Span<bool> ready)
    {
        var ms = (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, int.MaxValue);
        var set = stackalloc PollFd[fds.Length];
        for (var i = 0; i < fds.Length; i++)
            set[i] = new PollFd { Fd = fds[i], Events = POLLIN };
        ready.Clear();
        var n = LibC.poll(set, (nuint)fds.Length, ms);
        if (n < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == Errno.EINTR ? false : throw new SyscallException("poll", errno);
        }
        for (var i = 0; i < fds.Length; i++)
            ready[i] = fds[i] >= 0 && (set[i].Revents & (POLLIN | POLLERR | POLLHUP)) != 0;
        return n > 0;
    }
}
