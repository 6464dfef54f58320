using Runc.Sharp.Runtime.Terminal;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.SdNotify;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>`run`: create and start in one call; in the foreground it waits and removes the container.</summary>
public static class ContainerRunner
{
    public static int Run(StateStore store, CreateOptions o, bool detach, bool keep)
    {
        if (!detach)
            ForegroundProcess.BecomeSubreaper();
        var created = ContainerCreator.Create(store, o);
        using var init = created.Init;
        using var console = created.ConsoleMaster >= 0 ? new ConsoleProxy(created.ConsoleMaster) : null;
        NotifyRelay? relay;
        try
        {
            relay = ContainerStarter.Release(store, o.Id, o.NotifySocket, out _);
        }
        catch (RuntimeException)
        {
            // init may still run: the full delete, with its status check and kill.
            WarnOnly(created.Record.Id, () => ContainerDeleter.Delete(store, o.Id, force: true));
            throw;
        }
        using (relay)
        {
            // runc: detached, the host learns init's pid; in the foreground runc's own, since
            // it stays to report the exit status. Errors are only warnings for `run`.
            if (detach)
            {
                relay?.ForwardReadyWarnOnly(init.Pid);
                return 0;
            }
            PhaseTrace.Mark("run: started");
            var forwarding = relay is null ? null : StartForwarding(relay);
            var code = ForegroundProcess.Wait(init.Pid);
            console?.Drain(TimeSpan.FromSeconds(1));
            // It ends once init is gone or the host's barrier is done; a stuck host cannot hold up the exit for longer.
            forwarding?.Join(NotifyBarrier.DefaultTimeout + TimeSpan.FromSeconds(1));
            PhaseTrace.Mark("run: exited");
            if (!keep)
                WarnOnly(o.Id, () => ContainerDeleter.DeleteAfterRun(store, created.Record));
            return code;
        }
    }

    /// <summary>In the foreground the READY wait runs beside the wait for init, so signals are forwarded meanwhile.</summary>
    private static Thread StartForwarding(NotifyRelay relay)
    {
        var thread = new Thread(() => relay.ForwardReadyWarnOnly(Environment.ProcessId)) { IsBackground = true, Name = "sd_notify" };
        thread.Start();
        return thread;
    }

    private static void WarnOnly(string id, Action delete)
    {
        try
        {
            delete();
        }
        catch (RuntimeException e)
        {
            Log.Warning($"delete {id}: {e.Message}");
        }
    }
}
