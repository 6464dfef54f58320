using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>memory.limit_in_bytes, memory.memsw.limit_in_bytes (memory+swap) and the other memory knobs.</summary>
internal sealed class MemoryV1 : V1Controller
{
    private const string Limit = "memory.limit_in_bytes", SwapLimit = "memory.memsw.limit_in_bytes";

    public override string Name => "memory";

    public override bool IsRequested(LinuxResources r) => r.Memory is { } m &&
        ((m.Limit ?? 0) != 0 || (m.Reservation ?? 0) != 0 || (m.Swap ?? 0) != 0 || (m.Kernel ?? 0) != 0
         || (m.KernelTcp ?? 0) != 0 || m.Swappiness is not null || m.DisableOomKiller == true);

    public override void Set(V1Cgroup cg, LinuxResources r)
    {
        if (r.Memory is not { } m)
            return;
        SetMemoryAndSwap(cg, m.Limit ?? 0, m.Swap ?? 0);
        // Kernel memory limits are deprecated; newer kernels lack the files (or ignore them).
        if ((m.Kernel ?? 0) != 0 && cg.Has("memory.kmem.limit_in_bytes"))
            cg.Write("memory.kmem.limit_in_bytes", m.Kernel!.Value.ToString());
        if ((m.KernelTcp ?? 0) != 0 && cg.Has("memory.kmem.tcp.limit_in_bytes"))
            cg.Write("memory.kmem.tcp.limit_in_bytes", m.KernelTcp!.Value.ToString());
        if ((m.Reservation ?? 0) != 0)
            cg.Write("memory.soft_limit_in_bytes", m.Reservation!.Value.ToString());
        if (m.DisableOomKiller == true)
            cg.Write("memory.oom_control", "1");
        if (m.Swappiness is { } swappiness && swappiness != ulong.MaxValue)
        {
            if (swappiness > 100)
                throw new RuntimeException($"invalid memory swappiness {swappiness}: the valid range is 0-100");
            cg.Write("memory.swappiness", swappiness.ToString());
        }
    }

    /// <summary>
    /// The kernel keeps limit ≤ memsw at every step, so the order depends on the current limit:
    /// raising memsw above the current limit goes first, lowering it goes after the limit.
    /// </summary>
    private static void SetMemoryAndSwap(V1Cgroup cg, long memory, long swap)
    {
        // Unlimited memory with swap not given: unlimited memory+swap too (where swap is accounted).
        if (memory == -1 && swap == 0 && cg.Has(SwapLimit))
            swap = -1;
        if (memory != 0 && swap != 0)
        {
            var current = cg.Files.ReadUInt(cg.Path, Limit);
            if (swap == -1 || current < (ulong)swap)
            {
                WriteSwap(cg, swap);
                WriteMemory(cg, memory);
                return;
            }
        }
        WriteMemory(cg, memory);
        WriteSwap(cg, swap);
    }

    private static void WriteMemory(V1Cgroup cg, long value)
    {
        if (value == 0)
            return;
        try
        {
            cg.Write(Limit, value.ToString());
        }
        catch (CgroupFileException e) when (e.Errno == Errno.EBUSY)
        {
            var usage = cg.ReadUInt("memory.usage_in_bytes") ?? 0;
            var peak = cg.ReadUInt("memory.max_usage_in_bytes") ?? 0;
            throw new RuntimeException($"unable to set memory limit to {value} (current usage: {usage}, peak usage: {peak})", e);
        }
    }

    private static void WriteSwap(V1Cgroup cg, long value)
    {
        if (value != 0)
            cg.Write(SwapLimit, value.ToString());
    }

    public override void Stats(V1Cgroup cg, CgroupStats stats)
    {
        var raw = cg.Files.TryReadKeyValues(cg.Path, "memory.stat");
        if (raw is null)
            return;
        var m = stats.Memory;
        m.Raw = raw;
        m.Cache = raw.GetValueOrDefault("cache");
        m.Usage = Entry(cg, "memory") ?? new MemoryEntry();
        m.Swap = Entry(cg, "memory.memsw") ?? new MemoryEntry();
        m.Kernel = Entry(cg, "memory.kmem") ?? new MemoryEntry();
        m.KernelTcp = Entry(cg, "memory.kmem.tcp") ?? new MemoryEntry();
    }

    /// <summary>usage/max_usage/failcnt/limit of memory, memsw, kmem or kmem.tcp; null when not accounted.</summary>
    private static MemoryEntry? Entry(V1Cgroup cg, string prefix)
    {
        var usage = cg.ReadUInt(prefix + ".usage_in_bytes");
        if (usage is null)
            return null;
        return new MemoryEntry
        {
            Usage = usage.Value,
            Max = cg.ReadUInt(prefix + ".max_usage_in_bytes") ?? 0,
            Failcnt = cg.ReadUInt(prefix + ".failcnt") ?? 0,
            Limit = cg.ReadUInt(prefix + ".limit_in_bytes") ?? 0,
        };
    }
}
