using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Validation.Semantic;

namespace Runc.Sharp.Runtime.Execution;

/// <summary>A CPU list ("0-3,7") as the bitmap sched_setaffinity(2) takes, one bit per CPU in whole longs.</summary>
public static class CpuMask
{
    /// <summary>Parses list for the CPUs 0..lastCpu; what names a nonexistent CPU is an error.</summary>
    public static ulong[] Parse(string list, int lastCpu, string what)
    {
        var cpus = CpuList.TryExpand(list, lastCpu, out var error)
            ?? throw new RuntimeException($"invalid {what} {list}: {error}");
        var mask = new ulong[lastCpu / 64 + 1];
        foreach (var cpu in cpus)
            mask[cpu / 64] |= 1UL << (cpu % 64);
        return mask;
    }

    /// <summary>Every CPU bit set: the kernel keeps the ones that exist and that the cgroup's cpuset allows.</summary>
    public static ulong[] All(int longs) => Enumerable.Repeat(ulong.MaxValue, longs).ToArray();

    /// <summary>The set bits as a list in the kernel's compact form, as /proc/PID/status shows Cpus_allowed_list.</summary>
    public static string ToList(ReadOnlySpan<ulong> mask)
    {
        var parts = new List<string>();
        var start = -1;
        for (var cpu = 0; cpu <= mask.Length * 64; cpu++)
        {
            var set = cpu < mask.Length * 64 && (mask[cpu / 64] & (1UL << (cpu % 64))) != 0;
            if (set && start < 0)
                start = cpu;
            else if (!set && start >= 0)
            {
                parts.Add(start == cpu - 1 ? $"{start}" : $"{start}-{cpu - 1}");
                start = -1;
            }
        }
        return string.Join(',', parts);
    }
}
