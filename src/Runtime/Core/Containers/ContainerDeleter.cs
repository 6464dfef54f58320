using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.OciHooks;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>`delete [--force]` with runc's rules (cli-contract §delete, §3.8).</summary>
public static class ContainerDeleter
{
    public static void Delete(StateStore store, string id, bool force)
    {
        ContainerId.Validate(id);
        if (!store.Exists(id))
        {
            if (force)
                return;
            throw new RuntimeException("container does not exist");
        }
        using var _ = store.Lock(id);
        var record = store.TryLoad(id);
        if (record is null)
        {
            // A half-made container (crash during create): nothing runs, remove what is there.
            store.RemoveDir(id);
            if (force)
                return;
            throw new RuntimeException("container does not exist");
        }
        var status = ContainerInspector.Status(store, record);
        switch (status)
        {
            case LifecycleStatus.Stopped:
                break;
            case LifecycleStatus.Created:
                ContainerKiller.KillAndWait(record, TimeSpan.FromSeconds(10));
                break;
            default:
                if (!force)
                    throw new RuntimeException($"cannot delete container {id} that is not stopped: {status.Name()}");
                if (!ContainerKiller.KillAndWait(record, TimeSpan.FromSeconds(10)))
                    throw new RuntimeException("container init still running");
                break;
        }
        Destroy(store, record);
    }

    /// <summary>
    /// The end of a foreground `run`: init has been waited for, so the container is stopped, and
    /// the record in memory is the one on disk; reading it back would only cost the time to parse it.
    /// </summary>
    public static void DeleteAfterRun(StateStore store, ContainerRecord record)
    {
        using var _ = store.Lock(record.Id);
        if (store.Exists(record.Id)) // else deleted meanwhile by another command
            Destroy(store, record);
    }

    /// <summary>Leftover processes, cgroups, the state directory, then poststop hooks.</summary>
    public static void Destroy(StateStore store, ContainerRecord record)
    {
        if (!record.PrivatePidNamespace)
            ContainerProcesses.KillAll(record, Signals.SIGKILL);
        ContainerCgroups.Destroy(record);
        store.RemoveDir(record.Id);
        HookRunner.RunWarnOnly("poststop", record.Hooks?.Poststop, StateView.Oci(record, LifecycleStatus.Stopped));
    }
}
