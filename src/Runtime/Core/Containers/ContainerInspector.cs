using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>Recomputes a container's status from the kernel on every call, as runc does (no daemon).</summary>
public static class ContainerInspector
{
    public static LifecycleStatus Status(StateStore store, ContainerRecord record)
    {
        if (!ProcFs.IsAlive(record.InitPid, record.InitStartTime))
            return LifecycleStatus.Stopped;
        if (IsFrozen(record))
            return LifecycleStatus.Paused;
        return File.Exists(Path.Combine(store.Dir(record.Id), StateStore.ExecFifo))
            ? LifecycleStatus.Created
            : LifecycleStatus.Running;
    }

    private static bool IsFrozen(ContainerRecord record)
    {
        if (record.CgroupPaths.TryGetValue("freezer", out var v1))
            return ReadTrimmed(Path.Combine(v1, "freezer.state")) is "FROZEN" or "FREEZING";
        if (record.CgroupPaths.TryGetValue("", out var v2))
            return ReadTrimmed(Path.Combine(v2, "cgroup.freeze")) == "1";
        return false;
    }

    private static string? ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
