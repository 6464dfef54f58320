using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// The processes of a container: those of its cgroup (sub-cgroups included), or, for a state
/// without a cgroup, those that share init's pid namespace.
/// </summary>
public static class ContainerProcesses
{
    public static List<int> Pids(ContainerRecord record)
    {
        var cgroup = ContainerCgroups.ForRecord(record);
        if (cgroup is not null && cgroup.Exists())
            return cgroup.GetPids().ToList();
        if (!record.PrivatePidNamespace || !ProcFs.IsAlive(record.InitPid, record.InitStartTime))
            return ProcFs.IsAlive(record.InitPid, record.InitStartTime) ? [record.InitPid] : [];
        var ns = NamespaceOf(record.InitPid);
        var result = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ns is not null && NamespaceOf(pid) == ns)
                result.Add(pid);
        }
        return result;
    }

    /// <summary>Signals every process of the container; true if there was any.</summary>
    public static bool KillAll(ContainerRecord record, int signal)
    {
        var cgroup = ContainerCgroups.ForRecord(record);
        if (signal == Signals.SIGKILL && cgroup is not null && cgroup.Exists())
        {
            var any = cgroup.GetPids().Count > 0;
            CgroupKiller.KillAll(cgroup);
            return any;
        }
        var pids = Pids(record);
        foreach (var pid in pids)
            Syscalls.Kill(pid, signal);
        return pids.Count > 0;
    }

    public static void Thaw(ContainerRecord record)
    {
        try
        {
            ContainerCgroups.ForRecord(record)?.Thaw();
        }
        catch (Diagnostics.RuntimeException)
        {
        }
    }

    private static string? NamespaceOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/pid").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
