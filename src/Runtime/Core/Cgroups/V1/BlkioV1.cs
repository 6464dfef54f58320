using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>Block I/O weights and throttles. Kernels with BFQ only have the blkio.bfq.* weight files.</summary>
internal sealed class BlkioV1 : V1Controller
{
    public override string Name => "blkio";

    public override bool IsRequested(LinuxResources r) => r.BlockIO is { } b &&
        ((b.Weight ?? 0) != 0 || (b.LeafWeight ?? 0) != 0 || b.WeightDevice is { Count: > 0 }
         || b.ThrottleReadBpsDevice is { Count: > 0 } || b.ThrottleWriteBpsDevice is { Count: > 0 }
         || b.ThrottleReadIopsDevice is { Count: > 0 } || b.ThrottleWriteIopsDevice is { Count: > 0 });

    public override void Set(V1Cgroup cg, LinuxResources r)
    {
        if (r.BlockIO is not { } b)
            return;
        var cfq = cg.Has("blkio.weight");
        var weightFile = cfq ? "blkio.weight" : "blkio.bfq.weight";
        var weightDeviceFile = cfq ? "blkio.weight_device" : "blkio.bfq.weight_device";
        if ((b.Weight ?? 0) != 0)
            cg.Write(weightFile, b.Weight!.Value.ToString());
        if ((b.LeafWeight ?? 0) != 0)
            cg.Write("blkio.leaf_weight", b.LeafWeight!.Value.ToString());
        foreach (var d in b.WeightDevice ?? [])
        {
            if ((d.Weight ?? 0) != 0)
                cg.Write(weightDeviceFile, $"{d.Major}:{d.Minor} {d.Weight}");
            if ((d.LeafWeight ?? 0) != 0)
                cg.Write("blkio.leaf_weight_device", $"{d.Major}:{d.Minor} {d.LeafWeight}");
        }
        Throttle(cg, "blkio.throttle.read_bps_device", b.ThrottleReadBpsDevice);
        Throttle(cg, "blkio.throttle.write_bps_device", b.ThrottleWriteBpsDevice);
        Throttle(cg, "blkio.throttle.read_iops_device", b.ThrottleReadIopsDevice);
        Throttle(cg, "blkio.throttle.write_iops_device", b.ThrottleWriteIopsDevice);
    }

    private static void Throttle(V1Cgroup cg, string file, List<LinuxThrottleDevice>? devices)
    {
        foreach (var d in devices ?? [])
            cg.Write(file, $"{d.Major}:{d.Minor} {d.Rate ?? 0}");
    }

    // Which files hold the recursive counters depends on the I/O scheduler; runc tries BFQ debug
    // files, BFQ, CFQ, then the throttle files, and uses the first group whose first file has entries.
    private static readonly (string File, Func<BlkioStats, List<BlkioEntry>?, List<BlkioEntry>?> Put)[][] Groups =
    [
        [
            ("blkio.bfq.sectors_recursive", (s, v) => s.SectorsRecursive = v),
            ("blkio.bfq.io_service_time_recursive", (s, v) => s.IoServiceTimeRecursive = v),
            ("blkio.bfq.io_wait_time_recursive", (s, v) => s.IoWaitTimeRecursive = v),
            ("blkio.bfq.io_merged_recursive", (s, v) => s.IoMergedRecursive = v),
            ("blkio.bfq.io_queued_recursive", (s, v) => s.IoQueuedRecursive = v),
            ("blkio.bfq.time_recursive", (s, v) => s.IoTimeRecursive = v),
            ("blkio.bfq.io_serviced_recursive", (s, v) => s.IoServicedRecursive = v),
            ("blkio.bfq.io_service_bytes_recursive", (s, v) => s.IoServiceBytesRecursive = v),
        ],
        [
            ("blkio.bfq.io_serviced_recursive", (s, v) => s.IoServicedRecursive = v),
            ("blkio.bfq.io_service_bytes_recursive", (s, v) => s.IoServiceBytesRecursive = v),
        ],
        [
            ("blkio.sectors_recursive", (s, v) => s.SectorsRecursive = v),
            ("blkio.io_service_time_recursive", (s, v) => s.IoServiceTimeRecursive = v),
            ("blkio.io_wait_time_recursive", (s, v) => s.IoWaitTimeRecursive = v),
            ("blkio.io_merged_recursive", (s, v) => s.IoMergedRecursive = v),
            ("blkio.io_queued_recursive", (s, v) => s.IoQueuedRecursive = v),
            ("blkio.time_recursive", (s, v) => s.IoTimeRecursive = v),
            ("blkio.io_serviced_recursive", (s, v) => s.IoServicedRecursive = v),
            ("blkio.io_service_bytes_recursive", (s, v) => s.IoServiceBytesRecursive = v),
        ],
        [
            ("blkio.throttle.io_serviced_recursive", (s, v) => s.IoServicedRecursive = v),
            ("blkio.throttle.io_service_bytes_recursive", (s, v) => s.IoServiceBytesRecursive = v),
        ],
        [
            ("blkio.throttle.io_serviced", (s, v) => s.IoServicedRecursive = v),
            ("blkio.throttle.io_service_bytes", (s, v) => s.IoServiceBytesRecursive = v),
        ],
    ];

    public override void Stats(V1Cgroup cg, CgroupStats stats)
    {
        foreach (var group in Groups)
        {
            var first = ParseEntries(cg.Files.TryRead(cg.Path, group[0].File));
            if (first is null)
                continue;
            group[0].Put(stats.Blkio, first);
            foreach (var (file, put) in group.Skip(1))
                put(stats.Blkio, ParseEntries(cg.Files.TryRead(cg.Path, file)));
            return;
        }
    }

    /// <summary>"8:0 Read 1282048" / "8:0 6792" lines; "Total N" lines are skipped.</summary>
    public static List<BlkioEntry>? ParseEntries(string? text)
    {
        if (text is null)
            return null;
        var result = new List<BlkioEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split([' ', ':'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3)
                continue;
            var entry = new BlkioEntry { Major = ulong.Parse(f[0]), Minor = ulong.Parse(f[1]) };
            if (f.Length >= 4)
            {
                entry.Op = f[2];
                entry.Value = ulong.Parse(f[3]);
            }
            else
                entry.Value = ulong.Parse(f[2]);
            result.Add(entry);
        }
        return result.Count == 0 ? null : result;
    }
}
