using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Init;

/// <summary>
/// The created → running gate (runc's exec.fifo): opening the fifo for writing blocks until
/// `start` opens it for reading. The fifo is reached through an fd passed by the runtime,
/// reopened via a /proc handle taken before the root switch.
/// </summary>
public static class ExecFifo
{
    public static void WaitForStart(Fd procDir, int fifoFd)
    {
        if (fifoFd < 0)
            return;
        using var fifo = Fd.OpenAt(procDir, $"thread-self/fd/{fifoFd}", LibC.O_WRONLY);
        Syscalls.WriteAll(fifo.Value, "0"u8);
        LibC.close(fifoFd);
    }
}
