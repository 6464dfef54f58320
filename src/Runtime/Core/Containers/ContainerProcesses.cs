using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// The processes of a container: those of its cgroup when runcs manages one, else those that
/// share init's pid namespace.
/// </summary>
public static class ContainerProcesses
{
    public static List<int> Pids(ContainerRecord record)
    {
        foreach (var path in record.CgroupPaths.Values)
        {
            var procs = Path.Combine(path, "cgroup.procs");
            if (File.Exists(procs))
                return File.ReadAllLines(procs).Select(l => int.TryParse(l, out var p) ? p : 0).Where(p => p > 0).ToList();
        }
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
        var pids = Pids(record);
        foreach (var pid in pids)
            Syscalls.Kill(pid, signal);
        return pids.Count > 0;
    }

    public static void Thaw(ContainerRecord record)
    {
        try
        {
            if (record.CgroupPaths.TryGetValue("freezer", out var v1))
                File.WriteAllText(Path.Combine(v1, "freezer.state"), "THAWED");
            else if (record.CgroupPaths.TryGetValue("", out var v2))
                File.WriteAllText(Path.Combine(v2, "cgroup.freeze"), "0");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
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
