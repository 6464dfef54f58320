using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.OciHooks;
using Runc.Sharp.Runtime.SdNotify;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>`start`: releases a created container's init through its exec fifo.</summary>
public static unsafe class ContainerStarter
{
    /// <summary>
    /// With the host's NOTIFY_SOCKET (runc's sd_notify pass-through), `start` then waits for the
    /// container's READY= and forwards it with MAINPID=init; its errors fail `start`.
    /// </summary>
    public static void Start(StateStore store, string id, string? notifySocket = null)
    {
        using var relay = Release(store, id, notifySocket, out var record);
        relay?.ForwardReady(record.InitPid);
    }

    /// <summary>
    /// Releases init, under the container's lock (the READY wait happens after it, so `kill` and
    /// `delete` are never held up by it). With notifySocket, the container's socket is bound
    /// first and returned to the caller; null without one.
    /// </summary>
    public static NotifyRelay? Release(StateStore store, string id, string? notifySocket, out ContainerRecord record)
    {
        using var _ = store.Lock(id);
        record = store.Load(id);
        switch (ContainerInspector.Status(store, record))
        {
            case LifecycleStatus.Stopped:
                throw new RuntimeException("cannot start a container that has stopped");
            case LifecycleStatus.Running:
                throw new RuntimeException("cannot start an already running container");
            case LifecycleStatus.Paused:
                throw new RuntimeException("cannot start a paused container");
        }
        var relay = notifySocket is null ? null : NotifyRelay.Bind(store.Dir(id), notifySocket, record.InitPid, record.InitStartTime);
        try
        {
            var fifo = Path.Combine(store.Dir(id), StateStore.ExecFifo);
            var initExe = ExeOf(record.InitPid);
            ReleaseInit(fifo, record);
            File.Delete(fifo);
            if (record.Hooks?.Poststart is { Count: > 0 })
            {
                AwaitExec(record, initExe, TimeSpan.FromSeconds(10));
                HookRunner.RunWarnOnly("poststart", record.Hooks.Poststart, StateView.Oci(record, LifecycleStatus.Running));
            }
            return relay;
        }
        catch
        {
            relay?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// runtime.md: poststart hooks run after the user process is executed. After its fifo write
    /// init still runs the startContainer hooks and then execs; /proc/pid/exe changes at the exec.
    /// </summary>
    private static void AwaitExec(ContainerRecord record, string? initExe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (initExe is not null && ProcFs.IsAlive(record.InitPid, record.InitStartTime)
               && ExeOf(record.InitPid) == initExe && DateTime.UtcNow < deadline)
            Thread.Sleep(1);
    }

    private static string? ExeOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/exe").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events, Revents;
    }

    /// <summary>
    /// Opens the fifo without blocking, then waits for init's byte while checking that init
    /// still lives: a dead init must not leave `start` hanging.
    /// </summary>
    private static void ReleaseInit(string fifo, ContainerRecord record)
    {
        using var fd = Fd.Open(fifo, LibC.O_RDONLY | LibC.O_NONBLOCK);
        var buffer = stackalloc byte[16];
        while (true)
        {
            var pfd = new PollFd { Fd = fd.Value, Events = 1 /* POLLIN */ };
            var r = LibC.poll(&pfd, 1, 100);
            if (r > 0 && (pfd.Revents & 1) != 0)
            {
                var n = LibC.read(fd.Value, buffer, 16);
                if (n > 0)
                    return;
                throw new RuntimeException("cannot start an already running container");
            }
            if (!ProcFs.IsAlive(record.InitPid, record.InitStartTime))
            {
                var n = LibC.read(fd.Value, buffer, 16);
                if (n > 0)
                    return;
                throw new RuntimeException("container process is already dead");
            }
        }
    }
}
