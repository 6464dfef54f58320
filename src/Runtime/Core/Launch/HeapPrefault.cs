using System.Runtime.CompilerServices;
using Runc.Sharp.Runtime.Protocol;

namespace Runc.Sharp.Runtime.Launch;

/// <summary>
/// Maps in, with one call, the part of the GC heap a command is about to allocate. Every fresh
/// page the GC hands out otherwise costs a page fault, ~20 µs each on virtualised hosts: a `run`
/// allocates ~2 MB, so ~500 faults (~10 ms of CPU). Only the GC's current region is touched (the
/// committed part and the adjoining reservation, as /proc/self/maps shows them); populated pages
/// are zero, which is what the GC expects of memory it commits. Best effort: any failure just
/// leaves the pages to be faulted in one by one.
/// </summary>
public static unsafe class HeapPrefault
{
    /// <summary>The GC's region size on 64-bit hosts: allocation never crosses into the next one.</summary>
    private const int RegionBytes = 4 << 20;

    public static void Ahead(int kilobytes)
    {
        if (kilobytes <= 0)
            return;
        // A fresh small object sits at the allocation pointer of the current region.
        var probe = new byte[1];
        ShimNative.PrefaultHeap(Unsafe.AsPointer(ref probe[0]), (nuint)kilobytes * 1024, RegionBytes);
        GC.KeepAlive(probe);
    }
}
