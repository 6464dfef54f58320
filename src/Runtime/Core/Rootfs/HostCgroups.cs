namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>The cgroup hierarchies visible in our mount namespace, and our place in each.</summary>
public static class HostCgroups
{
    public sealed record Hierarchy(string MountPoint, string FsType, string SuperOptions, string OwnPath);

    public static List<Hierarchy> Hierarchies() =>
        Hierarchies(File.ReadAllLines("/proc/self/cgroup"), File.ReadLines("/proc/self/mountinfo"));

    /// <summary>The hierarchies of another process of our mount namespace (a native init, from the runtime).</summary>
    public static List<Hierarchy> Hierarchies(int pid) =>
        Hierarchies(File.ReadAllLines($"/proc/{pid}/cgroup"), File.ReadLines("/proc/self/mountinfo"));

    /// <summary>
    /// One entry per hierarchy: its first mount. Later ones are copies, such as those an
    /// earlier rbind of /sys put inside the rootfs, which the cgroup mount itself then covers.
    /// </summary>
    public static List<Hierarchy> Hierarchies(IEnumerable<string> procSelfCgroup, IEnumerable<string> mountInfo)
    {
        var own = OwnCgroups(procSelfCgroup);
        var result = new List<Hierarchy>();
        var seen = new HashSet<string>();
        foreach (var line in mountInfo)
        {
            var m = MountInfoLine.Parse(line);
            if (m is null || m.FsType is not ("cgroup" or "cgroup2"))
                continue;
            var key = m.FsType == "cgroup2" ? "" : Controllers(m.SuperOptions);
            if (!own.TryGetValue(key, out var path) || !seen.Add(key))
                continue;
            // Inside a cgroup namespace the mount root is the namespace root; the path is relative to it.
            var rel = path.StartsWith(m.Root, StringComparison.Ordinal) ? path[m.Root.Length..] : path;
            result.Add(new Hierarchy(m.MountPoint, m.FsType, Controllers(m.SuperOptions), rel.TrimStart('/')));
        }
        return result;
    }

    private static readonly HashSet<string> V1Controllers =
    [
        "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "net_cls", "net_prio", "blkio",
        "perf_event", "hugetlb", "pids", "rdma", "misc", "debug",
    ];

    /// <summary>The controller list of a v1 hierarchy ("cpu,cpuacct", "name=systemd"), as /proc/self/cgroup names it.</summary>
    public static string Controllers(string superOptions) =>
        string.Join(',', superOptions.Split(',').Where(o => V1Controllers.Contains(o) || o.StartsWith("name=", StringComparison.Ordinal)));

    /// <summary>/proc/self/cgroup as controller list → path ("" for the v2 line).</summary>
    public static Dictionary<string, string> OwnCgroups(IEnumerable<string> lines)
    {
        var result = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            var parts = line.Split(':', 3);
            if (parts.Length == 3)
                result[parts[1]] = parts[2];
        }
        return result;
    }
}
