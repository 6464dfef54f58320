using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>SIGKILLs every process of a container's cgroup.</summary>
public static class CgroupKiller
{
    private const int SIGKILL = 9;

    /// <summary>
    /// cgroup2 with cgroup.kill (Linux 5.14+): one write kills the whole subtree. Otherwise the
    /// cgroup is frozen so nothing can fork between listing and killing, every pid gets SIGKILL,
    /// and the cgroup is thawed so the signals are delivered.
    /// </summary>
    public static void KillAll(ICgroupManager manager)
    {
        if (manager.Mode == CgroupMode.Unified && manager.Paths.TryGetValue("", out var dir)
            && File.Exists(Path.Combine(dir, "cgroup.kill")))
        {
            new CgroupFiles().Write(dir, "cgroup.kill", "1");
            return;
        }
        var canFreeze = manager.GetFreezerState() != FreezerState.Undefined;
        if (canFreeze)
            manager.Freeze();
        try
        {
            foreach (var pid in manager.GetPids())
            {
                var errno = Syscalls.Kill(pid, SIGKILL);
                if (errno is not (0 or Errno.ESRCH))
                    throw new SyscallException("kill", errno, pid.ToString());
            }
        }
        finally
        {
            if (canFreeze)
                manager.Thaw();
        }
    }
}
