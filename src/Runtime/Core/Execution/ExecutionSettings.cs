using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Execution;

/// <summary>
/// How the user's process executes: scheduler, I/O priority, CPU affinity, execution domain.
/// Checked by the runtime before anything is made; applied by init on the thread that calls
/// execve, since each of these is a per-thread setting the new program keeps.
/// </summary>
public static class ExecutionSettings
{
    public static void Check(Process process, LinuxConfig? linux)
    {
        if (process.Scheduler is { } scheduler)
            SchedulerPolicy.Of(scheduler);
        if (process.IoPriority is { } io)
            IoPriorityValue.Of(io);
        if (linux?.Personality is { } personality)
            PersonalityDomain.Of(personality);
        if (process.ExecCpuAffinity is { } affinity)
        {
            var last = PossibleCpus.Last();
            if (!string.IsNullOrEmpty(affinity.Initial))
                CpuMask.Parse(affinity.Initial, last, "execCPUAffinity.initial");
            if (!string.IsNullOrEmpty(affinity.Final))
                CpuMask.Parse(affinity.Final, last, "execCPUAffinity.final");
        }
    }

    /// <summary>Before the user and capabilities change: real-time policies and I/O class need privileges.</summary>
    public static void ApplyPrivileged(Process process, LinuxConfig? linux)
    {
        if (process.Scheduler is { } scheduler)
            SetScheduler(scheduler, linux);
        if (process.IoPriority is { } io)
        {
            try
            {
                Scheduling.SetIoPriority(IoPriorityValue.Of(io));
            }
            catch (SyscallException e)
            {
                throw new RuntimeException($"failed to set io priority: {e.Message}");
            }
        }
    }

    /// <summary>
    /// The last settings before execve. A seccomp filter, which may forbid personality(2) and
    /// sched_setaffinity(2), must be installed after this.
    /// </summary>
    public static void ApplyLast(Process process, LinuxConfig? linux, bool isExec)
    {
        if (linux?.Personality is { } personality)
            Scheduling.SetPersonality(PersonalityDomain.Of(personality));
        // execCPUAffinity is for exec'd processes only: the spec does not apply it to init.
        if (isExec && process.ExecCpuAffinity?.Final is { Length: > 0 } final)
        {
            try
            {
                Scheduling.SetAffinity(0, CpuMask.Parse(final, PossibleCpus.Last(), "execCPUAffinity.final"));
            }
            catch (SyscallException e)
            {
                throw new RuntimeException($"error setting final CPU affinity {final}: {e.Message}");
            }
        }
    }

    private static void SetScheduler(Scheduler scheduler, LinuxConfig? linux)
    {
        var attributes = SchedulerPolicy.Of(scheduler);
        try
        {
            Scheduling.SetAttributes(attributes);
        }
        catch (SyscallException e) when (e.Errno == Errno.EPERM)
        {
            if (!string.IsNullOrEmpty(linux?.Resources?.Cpu?.Cpus))
                throw new RuntimeException("process scheduler can't be used together with AllowedCPUs");
            if (SchedulerPolicy.IsRealtime(attributes.Policy))
                throw new RuntimeException($"error setting scheduler {scheduler.Policy}: {e.Message} " +
                    "(a real-time policy needs CAP_SYS_NICE and, with cgroup v1 real-time group scheduling, linux.resources.cpu.realtimeRuntime)");
            throw new RuntimeException($"error setting scheduler {scheduler.Policy}: {e.Message}");
        }
        catch (SyscallException e)
        {
            throw new RuntimeException($"error setting scheduler {scheduler.Policy}: {e.Message}");
        }
    }
}
