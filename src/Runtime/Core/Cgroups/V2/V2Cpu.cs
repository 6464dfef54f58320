using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V2;

/// <summary>cpu.weight (from shares), cpu.max ("quota period" or "max period"), cpu.max.burst, cpu.idle.</summary>
internal static class V2Cpu
{
    public const ulong DefaultPeriod = 100000;

    public static bool IsSet(LinuxResources r) => r.Cpu is { } c &&
        ((c.Shares ?? 0) != 0 || (c.Quota ?? 0) != 0 || (c.Period ?? 0) != 0 || c.Burst is not null || c.Idle is not null);

    public static void Set(CgroupFiles files, string dir, LinuxResources r)
    {
        if (r.Cpu is not { } c)
            return;
        if ((c.RealtimeRuntime ?? 0) != 0 || (c.RealtimePeriod ?? 0) != 0)
            throw new RuntimeException("cannot set cpu realtimeRuntime/realtimePeriod: cgroup v2 has no real-time group scheduling knobs");
        if (!IsSet(r))
            return;
        if (c.Idle is { } idle)
            files.Write(dir, "cpu.idle", idle.ToString());
        var weight = CgroupV2Conversions.CpuSharesToWeight(c.Shares ?? 0);
        if (weight != 0)
            files.Write(dir, "cpu.weight", weight.ToString());

        var quota = c.Quota ?? 0;
        string? burst = null;
        if (c.Burst is { } b)
        {
            burst = b.ToString();
            try
            {
                files.Write(dir, "cpu.max.burst", burst);
                burst = null;
            }
            // A burst above the old quota is refused; it is retried once the new quota is in.
            catch (CgroupFileException e) when (e.Errno == Errno.EINVAL && quota != 0)
            {
            }
        }
        if (quota != 0 || (c.Period ?? 0) != 0)
        {
            var period = (c.Period ?? 0) != 0 ? c.Period!.Value : DefaultPeriod;
            files.Write(dir, "cpu.max", CpuMax(quota, period));
            if (burst is not null)
                files.Write(dir, "cpu.max.burst", burst);
        }
    }

    /// <summary>"quota period", or "max period" for no (or a negative) quota.</summary>
    public static string CpuMax(long quota, ulong period) => $"{(quota > 0 ? quota.ToString() : "max")} {period}";
}
