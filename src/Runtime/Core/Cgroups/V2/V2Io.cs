using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V2;

/// <summary>
/// Block I/O: with BFQ the weight goes as is to io.bfq.weight (which also takes per-device
/// weights); without, it is converted to io.weight. Throttles go to io.max.
/// </summary>
internal static class V2Io
{
    public static bool IsSet(LinuxResources r) => r.BlockIO is { } b &&
        ((b.Weight ?? 0) != 0 || b.WeightDevice is { Count: > 0 } || b.ThrottleReadBpsDevice is { Count: > 0 }
         || b.ThrottleWriteBpsDevice is { Count: > 0 } || b.ThrottleReadIopsDevice is { Count: > 0 }
         || b.ThrottleWriteIopsDevice is { Count: > 0 });

    public static void Set(CgroupFiles files, string dir, LinuxResources r)
    {
        if (!IsSet(r))
            return;
        var b = r.BlockIO!;
        var bfq = files.Exists(dir, "io.bfq.weight");
        if ((b.Weight ?? 0) != 0)
        {
            if (bfq)
                files.Write(dir, "io.bfq.weight", b.Weight!.Value.ToString());
            else
                files.Write(dir, "io.weight", CgroupV2Conversions.BlkioWeightToIoWeight(b.Weight!.Value).ToString());
        }
        // Only BFQ has per-device weights; there is no leaf weight on v2.
        if (bfq)
            foreach (var d in b.WeightDevice ?? [])
                if ((d.Weight ?? 0) != 0)
                    files.Write(dir, "io.bfq.weight", $"{d.Major}:{d.Minor} {d.Weight}");
        Max(files, dir, "rbps", b.ThrottleReadBpsDevice);
        Max(files, dir, "wbps", b.ThrottleWriteBpsDevice);
        Max(files, dir, "riops", b.ThrottleReadIopsDevice);
        Max(files, dir, "wiops", b.ThrottleWriteIopsDevice);
    }

    private static void Max(CgroupFiles files, string dir, string key, List<LinuxThrottleDevice>? devices)
    {
        foreach (var d in devices ?? [])
            files.Write(dir, "io.max", $"{d.Major}:{d.Minor} {key}={d.Rate ?? 0}");
    }
}
