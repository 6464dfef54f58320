using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Init;

/// <summary>
/// The created → running gate (runc's exec.fifo): opening the fifo for writing blocks until
/// `start` opens it for reading. The fifo is reached through an fd passed by the runtime,
/// reopened via a /proc handle taken before the root switch. The byte that lets `start` return
/// is written only after the startContainer hooks: they are part of `start`, which must fail
/// when one fails (init then exits without writing it).
/// </summary>
public static class ExecFifo
{
    /// <summary>Signals that end a waiting init, as they end runc's: pid 1 of a pid namespace ignores any signal without a handler.</summary>
    private static readonly int[] Terminating = [1, 2, 3, 10, 12, 15];

    /// <summary>
    /// Registers the handlers that end a waiting init. The first registration starts the
    /// runtime's signal thread, so this comes before anything that stops init from creating
    /// threads: a SCHED_DEADLINE scheduler, and a seccomp filter that denies clone3 (glibc falls
    /// back to clone only on ENOSYS). execve resets the handlers, so the user's process starts
    /// with default dispositions.
    /// </summary>
    public static IDisposable? ExitOnTerminatingSignals(int fifoFd) =>
        fifoFd < 0 ? null : new Registrations(Terminating.Select(sig => PosixSignalRegistration.Create((PosixSignal)sig, _ => LibC._exit(128 + sig))).ToList());

    public static void WaitForStart(Fd procDir, int fifoFd, Action whileStarting)
    {
        if (fifoFd < 0)
        {
            whileStarting();
            return;
        }
        using var fifo = Fd.OpenAt(procDir, $"thread-self/fd/{fifoFd}", LibC.O_WRONLY);
        whileStarting();
        Syscalls.WriteAll(fifo.Value, "0"u8);
        LibC.close(fifoFd);
    }

    private sealed class Registrations(List<PosixSignalRegistration> all) : IDisposable
    {
        public void Dispose() => all.ForEach(r => r.Dispose());
    }
}
