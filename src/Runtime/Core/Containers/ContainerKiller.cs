using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>`kill`: a signal to init, guarded against pid reuse (runc ≥ 1.2 semantics).</summary>
public static class ContainerKiller
{
    public static void Kill(StateStore store, string id, int signal, bool all)
    {
        using var _ = store.Lock(id);
        var record = store.Load(id);
        var status = ContainerInspector.Status(store, record);
        if (status == LifecycleStatus.Stopped)
        {
            // --all after init has exited: kill what may be left in a shared pid namespace.
            if (all && ContainerProcesses.KillAll(record, signal))
                return;
            if (all)
                return;
            throw new RuntimeException("container not running");
        }
        if (signal == Signals.SIGKILL && !record.PrivatePidNamespace)
            ContainerProcesses.KillAll(record, signal);
        var errno = Syscalls.Kill(record.InitPid, signal);
        if (errno != 0 && errno != Errno.ESRCH)
            throw new SyscallException("kill", errno, $"container {id} init");
        if (signal == Signals.SIGKILL && status == LifecycleStatus.Paused)
            ContainerProcesses.Thaw(record);
    }

    /// <summary>SIGKILL, then wait (up to the timeout) until init is gone.</summary>
    public static bool KillAndWait(ContainerRecord record, TimeSpan timeout)
    {
        if (!record.PrivatePidNamespace)
            ContainerProcesses.KillAll(record, Signals.SIGKILL);
        Syscalls.Kill(record.InitPid, Signals.SIGKILL);
        ContainerProcesses.Thaw(record);
        var deadline = DateTime.UtcNow + timeout;
        while (ProcFs.IsAlive(record.InitPid, record.InitStartTime))
        {
            if (DateTime.UtcNow > deadline)
                return false;
            // Reap it if it is ours (run, or a create in this process).
            try { Syscalls.WaitPid(record.InitPid, noHang: true); } catch (SyscallException) { }
            Thread.Sleep(2);
        }
        return true;
    }
}
