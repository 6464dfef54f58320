using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Execution;

/// <summary>
/// The runtime's side of CPU affinity around the move into the container's cgroup, done on the
/// new process (stage 0 of the shim, still single-threaded, so every later stage inherits it).
/// </summary>
public static class CpuAffinityTransition
{
    /// <summary>execCPUAffinity.initial: where the exec'd process runs before it joins the cgroup.</summary>
    public static void SetInitial(int pid, ExecCpuAffinity? affinity)
    {
        if (affinity?.Initial is not { Length: > 0 } initial)
            return;
        var mask = CpuMask.Parse(initial, PossibleCpus.Last(), "execCPUAffinity.initial");
        try
        {
            Scheduling.SetAffinity(pid, mask);
        }
        catch (SyscallException e)
        {
            throw new RuntimeException($"error setting initial CPU affinity {initial}: {e.Message}");
        }
        Log.Debug($"exec: initial CPU affinity {CpuMask.ToList(mask)}");
    }

    /// <summary>
    /// After the cgroup join: every CPU the cgroup's cpuset allows, rather than a narrower
    /// affinity inherited from whoever started us (since Linux 6.2 joining a cpuset no longer
    /// resets it). Best effort, as runc's tryResetCPUAffinity.
    /// </summary>
    public static void Reset(int pid)
    {
        try
        {
            Scheduling.SetAffinity(pid, CpuMask.All(Scheduling.MaskLongs));
        }
        catch (SyscallException e)
        {
            Log.Debug($"reset the CPU affinity of {pid}: {e.Message}");
        }
    }
}
