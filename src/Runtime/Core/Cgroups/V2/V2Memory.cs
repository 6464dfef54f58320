using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V2;

/// <summary>memory.swap.max (swap alone, converted from the spec's memory+swap), memory.max, memory.low.</summary>
internal static class V2Memory
{
    public static bool IsSet(LinuxResources r) =>
        r.Memory is { } m && ((m.Limit ?? 0) != 0 || (m.Reservation ?? 0) != 0 || (m.Swap ?? 0) != 0);

    /// <summary>.max/.low/.high values: 0 means "leave alone" (""), -1 means "max".</summary>
    public static string NumToStr(long value) => value switch { 0 => "", -1 => "max", _ => value.ToString() };

    public static void Set(CgroupFiles files, string dir, LinuxResources r)
    {
        if (!IsSet(r))
            return;
        var m = r.Memory!;
        long memory = m.Limit ?? 0, swapTotal = m.Swap ?? 0, reservation = m.Reservation ?? 0;
        if (m.CheckBeforeUpdate == true)
            CheckUsage(files, dir, memory, swapTotal);

        var swap = CgroupV2Conversions.MemorySwapToV2(swapTotal, memory);
        var swapText = NumToStr(swap);
        // memory == swap in the spec means "no swap at all": write 0, never an empty string.
        if (swapText == "" && swap == 0 && swapTotal > 0)
            swapText = "0";
        if (swapText != "")
        {
            try
            {
                files.Write(dir, "memory.swap.max", swapText);
            }
            catch (CgroupFileException e) when (e.Errno == Errno.ENOENT && swapText is "max" or "0")
            {
                // No swap accounting: "unlimited" and "none" are already true.
            }
        }
        if (NumToStr(memory) is { Length: > 0 } max)
            files.Write(dir, "memory.max", max);
        if (NumToStr(reservation) is { Length: > 0 } low)
            files.Write(dir, "memory.low", low);
    }

    private static void CheckUsage(CgroupFiles files, string dir, long memory, long swapTotal)
    {
        if (memory <= 0 && swapTotal <= 0)
            return;
        ulong usage;
        try
        {
            if (files.TryReadUInt(dir, "memory.current") is not { } u)
                return;
            usage = u;
        }
        catch (RuntimeException)
        {
            return;
        }
        if (swapTotal > 0 && (ulong)swapTotal <= usage)
            throw new RuntimeException($"rejecting memory+swap limit {swapTotal} <= usage {usage}");
        if (memory > 0 && (ulong)memory <= usage)
            throw new RuntimeException($"rejecting memory limit {memory} <= usage {usage}");
    }
}
