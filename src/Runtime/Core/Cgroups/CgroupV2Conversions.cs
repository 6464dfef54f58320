using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>The OCI spec speaks cgroup v1; these map its values onto cgroup v2 files as runc does.</summary>
public static class CgroupV2Conversions
{
    /// <summary>
    /// cpu.shares [2, 262144] to cpu.weight [1, 10000], as runc 1.4 / opencontainers/cgroups ≥ 0.0.5:
    /// a quadratic in log2(shares) through (2→1), (1024→100) and (262144→10000), so that the default
    /// shares map to the default weight. 0 means unset and stays 0.
    /// </summary>
    public static ulong CpuSharesToWeight(ulong shares)
    {
        if (shares == 0)
            return 0;
        if (shares <= 2)
            return 1;
        if (shares >= 262144)
            return 10000;
        var l = Math.Log2(shares);
        var exponent = (l * l + 125 * l) / 612.0 - 7.0 / 34.0;
        return (ulong)Math.Ceiling(Math.Pow(10, exponent));
    }

    /// <summary>blkio.weight [10, 1000] to io.weight [1, 10000], linearly; 0 means unset.</summary>
    public static ulong BlkioWeightToIoWeight(ushort weight) =>
        weight == 0 ? 0 : 1 + ((ulong)weight - 10) * 9999 / 990;

    /// <summary>
    /// The spec's swap is memory+swap (v1 memsw); v2's memory.swap.max is swap alone. Returns the
    /// v2 value (-1 unlimited, 0 unset/none) for spec swap and memory limits (0 = not given).
    /// </summary>
    public static long MemorySwapToV2(long memorySwap, long memory)
    {
        // Unlimited memory with swap not given means unlimited swap too, as on v1.
        if (memory == -1 && memorySwap == 0)
            return -1;
        if (memorySwap is -1 or 0)
            return memorySwap;
        if (memory == -1)
            return memorySwap;
        if (memory == 0)
            throw new RuntimeException("unable to set swap limit without memory limit");
        if (memory < 0)
            throw new RuntimeException($"invalid memory value: {memory}");
        if (memorySwap < memory)
            throw new RuntimeException("memory+swap limit should be >= memory limit");
        return memorySwap - memory;
    }
}
