using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>cpu.shares, the CFS quota/period/burst, cpu.idle and the real-time budget.</summary>
internal sealed class CpuV1 : V1Controller
{
    public override string Name => "cpu";

    public override bool IsRequested(LinuxResources r) => r.Cpu is { } c &&
        ((c.Shares ?? 0) != 0 || (c.Quota ?? 0) != 0 || (c.Period ?? 0) != 0 || c.Burst is not null
         || (c.Idle ?? 0) != 0 || (c.RealtimeRuntime ?? 0) != 0 || (c.RealtimePeriod ?? 0) != 0);

    public override void Apply(V1Cgroup cg, LinuxResources? r, int pid)
    {
        cg.Ensure();
        // A SCHED_RR/FIFO process cannot join a cgroup without a real-time budget: set it first.
        if (r?.Cpu is { } c)
            SetRealtime(cg, c);
        cg.Join(pid);
    }

    public override void Set(V1Cgroup cg, LinuxResources r)
    {
        if (r.Cpu is not { } c)
            return;
        if ((c.Shares ?? 0) != 0)
        {
            var shares = c.Shares!.Value;
            cg.Write("cpu.shares", shares.ToString());
            // The kernel clamps silently; tell the user instead.
            var actual = cg.Files.ReadUInt(cg.Path, "cpu.shares");
            if (shares > actual)
                throw new RuntimeException($"the maximum allowed cpu-shares is {actual}");
            if (shares < actual)
                throw new RuntimeException($"the minimum allowed cpu-shares is {actual}");
        }

        var quota = c.Quota ?? 0;
        // A period or burst the kernel refuses against the old quota may pass once the quota is set.
        string? period = null, burst = null;
        if ((c.Period ?? 0) != 0)
        {
            period = c.Period!.Value.ToString();
            if (TryWrite(cg, "cpu.cfs_period_us", period, retryLater: quota != 0))
                period = null;
        }
        if (c.Burst is { } b)
        {
            burst = b.ToString();
            if (TryWrite(cg, "cpu.cfs_burst_us", burst, retryLater: quota != 0))
                burst = null;
        }
        if (quota != 0)
        {
            cg.Write("cpu.cfs_quota_us", quota.ToString());
            if (period is not null)
                cg.Write("cpu.cfs_period_us", period);
            if (burst is not null)
                cg.Write("cpu.cfs_burst_us", burst);
        }
        if (c.Idle is { } idle && (idle != 0 || cg.Has("cpu.idle")))
            cg.Write("cpu.idle", idle.ToString());
        SetRealtime(cg, c);
    }

    /// <summary>True when written; false when refused with EINVAL and a later retry is planned.</summary>
    private static bool TryWrite(V1Cgroup cg, string name, string value, bool retryLater)
    {
        try
        {
            cg.Write(name, value);
            return true;
        }
        catch (CgroupFileException e) when (e.Errno == Errno.EINVAL && retryLater)
        {
            return false;
        }
    }

    private static void SetRealtime(V1Cgroup cg, LinuxCpu c)
    {
        if ((c.RealtimePeriod ?? 0) != 0)
            cg.Write("cpu.rt_period_us", c.RealtimePeriod!.Value.ToString());
        if ((c.RealtimeRuntime ?? 0) != 0)
            cg.Write("cpu.rt_runtime_us", c.RealtimeRuntime!.Value.ToString());
    }

    public override void Stats(V1Cgroup cg, CgroupStats stats)
    {
        var stat = cg.Files.TryReadKeyValues(cg.Path, "cpu.stat");
        if (stat is null)
            return;
        stats.Cpu.Throttling.Periods = stat.GetValueOrDefault("nr_periods");
        stats.Cpu.Throttling.ThrottledPeriods = stat.GetValueOrDefault("nr_throttled");
        stats.Cpu.Throttling.ThrottledTime = stat.GetValueOrDefault("throttled_time");
    }
}
