using Runc.Sharp.Spec.Paths;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Cgroups.V2;

/// <summary>
/// Creates a cgroup2 directory from the root down, enabling in every parent's cgroup.subtree_control
/// the controllers the root offers, so the new cgroup has their files (runc's CreateCgroupPath).
/// </summary>
internal static class V2Create
{
    public static void Create(string root, string path, CgroupFiles files, CgroupDirs dirs, bool domainControllersNeeded)
    {
        var rel = LexicalPath.RelativeUnder(root, path)
            ?? throw new RuntimeException($"invalid cgroup path {path}: not below {root}");
        var available = (files.TryRead(root, "cgroup.controllers") ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var chain = new List<string> { LexicalPath.Clean(root) };
        if (rel != ".")
            foreach (var part in rel.Split('/'))
                chain.Add(LexicalPath.Join(chain[^1], part));

        for (var i = 0; i < chain.Count; i++)
        {
            var dir = chain[i];
            if (i > 0)
            {
                dirs.Ensure(chain[i - 1], dir);
                CheckType(files, dir, domainControllersNeeded);
            }
            if (i < chain.Count - 1 && available.Length > 0)
                Enable(files, dir, available);
        }
    }

    private static void Enable(CgroupFiles files, string dir, string[] controllers)
    {
        try
        {
            files.Write(dir, "cgroup.subtree_control", "+" + string.Join(" +", controllers));
        }
        catch (RuntimeException)
        {
            // Some may not be delegated to us; enable what can be. A limit that needs a missing
            // controller fails later in Set with a clear message.
            foreach (var c in controllers)
            {
                try
                {
                    files.Write(dir, "cgroup.subtree_control", "+" + c);
                }
                catch (RuntimeException)
                {
                }
            }
        }
    }

    /// <summary>
    /// A cgroup below a populated one is "domain invalid"; threaded ones take only threaded
    /// controllers (cpu, pids, perf_event). Without domain controllers it can become threaded.
    /// </summary>
    private static void CheckType(CgroupFiles files, string dir, bool domainControllersNeeded)
    {
        var type = files.TryReadTrimmed(dir, "cgroup.type");
        switch (type)
        {
            case "domain invalid" when domainControllersNeeded:
                throw new RuntimeException($"cannot enter cgroupv2 {dir} with domain controllers -- it is in an invalid state");
            case "domain invalid":
                try
                {
                    files.Write(dir, "cgroup.type", "threaded");
                }
                catch (RuntimeException)
                {
                }
                break;
            case "domain threaded" or "threaded" when domainControllersNeeded:
                throw new RuntimeException($"cannot enter cgroupv2 {dir} with domain controllers -- it is in {type} mode");
        }
    }
}
