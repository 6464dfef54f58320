using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>pause, resume, update and stats: what the cgroup does for a living container.</summary>
public static class ContainerResources
{
    public static void Pause(StateStore store, string id)
    {
        using var _ = store.Lock(id);
        var (record, cgroup) = Live(store, id);
        var status = ContainerInspector.Status(store, record);
        if (status is not (LifecycleStatus.Running or LifecycleStatus.Created))
            throw new RuntimeException("container not running");
        cgroup.Freeze();
    }

    public static void Resume(StateStore store, string id)
    {
        using var _ = store.Lock(id);
        var (record, cgroup) = Live(store, id);
        if (ContainerInspector.Status(store, record) != LifecycleStatus.Paused)
            throw new RuntimeException("container not paused");
        cgroup.Thaw();
    }

    /// <summary>runc update: new limits written to the cgroup; device rules are not changed (SkipDevices).</summary>
    public static void Update(StateStore store, string id, LinuxResources resources)
    {
        using var _ = store.Lock(id);
        var (_, cgroup) = Live(store, id);
        resources.Devices = null;
        cgroup.Set(resources);
    }

    public static CgroupStats Stats(StateStore store, string id)
    {
        var (_, cgroup) = Live(store, id);
        return cgroup.GetStats();
    }

    private static (ContainerRecord, ICgroupManager) Live(StateStore store, string id)
    {
        var record = store.Load(id);
        if (ContainerInspector.Status(store, record) == LifecycleStatus.Stopped)
            throw new RuntimeException("container not running");
        var cgroup = ContainerCgroups.ForRecord(record)
            ?? throw new RuntimeException($"container {id} has no cgroup managed by runcs");
        return (record, cgroup);
    }
}
