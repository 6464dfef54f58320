using Runc.Sharp.Runtime.Terminal;
using Runc.Sharp.Runtime.Diagnostics;

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
        try
        {
            ContainerStarter.Start(store, o.Id);
        }
        catch (RuntimeException)
        {
            Cleanup(store, o.Id);
            throw;
        }
        if (detach)
            return 0;
        PhaseTrace.Mark("run: started");
        var code = ForegroundProcess.Wait(init.Pid);
        console?.Drain(TimeSpan.FromSeconds(1));
        PhaseTrace.Mark("run: exited");
        if (!keep)
            Cleanup(store, o.Id);
        return code;
    }

    private static void Cleanup(StateStore store, string id)
    {
        try
        {
            ContainerDeleter.Delete(store, id, force: true);
        }
        catch (RuntimeException e)
        {
            Log.Warning($"delete {id}: {e.Message}");
        }
    }
}
