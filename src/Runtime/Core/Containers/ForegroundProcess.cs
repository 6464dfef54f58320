using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// Waiting in the foreground (run, exec): signals we receive go to the process, and its exit
/// status becomes ours (128+signal when it was killed).
/// </summary>
public static class ForegroundProcess
{
    private static readonly int[] Forwarded = [1, 2, 3, 10, 12, 15, 28]; // HUP INT QUIT USR1 USR2 TERM WINCH

    /// <summary>Orphaned descendants are re-parented to us, so we can always wait for them.</summary>
    public static void BecomeSubreaper() => LibC.prctl(36 /* PR_SET_CHILD_SUBREAPER */, 1, 0, 0, 0);

    public static int Wait(int pid)
    {
        var registrations = Forwarded.Select(sig => PosixSignalRegistration.Create((PosixSignal)sig, ctx =>
        {
            ctx.Cancel = true;
            Syscalls.Kill(pid, sig);
        })).ToList();
        try
        {
            var status = Syscalls.WaitPid(pid, noHang: false);
            return status is { } s ? Syscalls.ExitCode(s) : 0;
        }
        finally
        {
            foreach (var r in registrations)
                r.Dispose();
        }
    }
}
