using System.Globalization;
using Runc.Sharp.Runtime.Cgroups.V1;

namespace Runc.Sharp.Runtime.Cgroups.V2;

/// <summary>Reads cgroup2 statistics into runc's stats shape (v1 names and units where they differ).</summary>
internal static class V2Stats
{
    public static CgroupStats Read(CgroupFiles files, string dir, string hugePagesDir)
    {
        var stats = new CgroupStats();
        PidsV1.ReadStats(files, dir, stats);
        Memory(files, dir, stats);
        Io(files, dir, stats);
        Cpu(files, dir, stats);
        Hugetlb(files, dir, hugePagesDir, stats);
        stats.Memory.Psi = Psi(files, dir, "memory.pressure");
        stats.Blkio.Psi = Psi(files, dir, "io.pressure");
        stats.Cpu.Psi = Psi(files, dir, "cpu.pressure");
        return stats;
    }

    private static void Memory(CgroupFiles files, string dir, CgroupStats stats)
    {
        var raw = files.TryReadKeyValues(dir, "memory.stat");
        if (raw is null)
            return;
        var m = stats.Memory;
        m.Raw = raw;
        m.Cache = raw.GetValueOrDefault("file");
        m.Usage = new MemoryEntry
        {
            Usage = files.TryReadUInt(dir, "memory.current") ?? 0,
            Limit = files.TryReadUInt(dir, "memory.max") ?? 0,
            Max = files.TryReadUInt(dir, "memory.peak") ?? 0,
        };
        // v1 reports swap as memory+swap; add memory in so the numbers mean the same.
        var swapUsage = files.TryReadUInt(dir, "memory.swap.current") ?? 0;
        var swapLimit = files.TryReadUInt(dir, "memory.swap.max") ?? 0;
        m.Swap = new MemoryEntry
        {
            Usage = swapUsage + m.Usage.Usage,
            Limit = swapLimit == ulong.MaxValue ? swapLimit : swapLimit + m.Usage.Limit,
        };
    }

    private static void Io(CgroupFiles files, string dir, CgroupStats stats)
    {
        var text = files.TryRead(dir, "io.stat");
        if (text is null)
            return;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var dev = fields[0].Split(':');
            if (dev.Length != 2 || !ulong.TryParse(dev[0], out var major) || !ulong.TryParse(dev[1], out var minor))
                continue;
            foreach (var item in fields.Skip(1))
            {
                var kv = item.Split('=');
                if (kv.Length != 2 || !ulong.TryParse(kv[1], out var value))
                    continue;
                // Only what has a v1 equivalent: bytes and operations, read and write.
                var (op, bytes) = kv[0] switch
                {
                    "rbytes" => ("Read", true),
                    "wbytes" => ("Write", true),
                    "rios" => ("Read", false),
                    "wios" => ("Write", false),
                    _ => ((string?)null, false),
                };
                if (op is null)
                    continue;
                var entry = new BlkioEntry { Major = major, Minor = minor, Op = op, Value = value };
                if (bytes)
                    (stats.Blkio.IoServiceBytesRecursive ??= []).Add(entry);
                else
                    (stats.Blkio.IoServicedRecursive ??= []).Add(entry);
            }
        }
    }

    private static void Cpu(CgroupFiles files, string dir, CgroupStats stats)
    {
        var stat = files.TryReadKeyValues(dir, "cpu.stat");
        if (stat is null)
            return;
        stats.Cpu.Usage.Total = stat.GetValueOrDefault("usage_usec") * 1000;
        stats.Cpu.Usage.User = stat.GetValueOrDefault("user_usec") * 1000;
        stats.Cpu.Usage.Kernel = stat.GetValueOrDefault("system_usec") * 1000;
        stats.Cpu.Throttling.Periods = stat.GetValueOrDefault("nr_periods");
        stats.Cpu.Throttling.ThrottledPeriods = stat.GetValueOrDefault("nr_throttled");
        stats.Cpu.Throttling.ThrottledTime = stat.GetValueOrDefault("throttled_usec") * 1000;
    }

    private static void Hugetlb(CgroupFiles files, string dir, string hugePagesDir, CgroupStats stats)
    {
        foreach (var size in HugePageSizes.Read(hugePagesDir))
        {
            var usage = files.TryReadUInt(dir, $"hugetlb.{size}.current");
            if (usage is null)
                continue;
            stats.Hugetlb[size] = new HugetlbStats
            {
                Usage = usage.Value,
                Failcnt = files.TryReadKeyValues(dir, $"hugetlb.{size}.events")?.GetValueOrDefault("max") ?? 0,
            };
        }
    }

    /// <summary>"some avg10=1.71 avg60=2.36 avg300=2.57 total=230548833" and a "full" line.</summary>
    public static PsiStats? Psi(CgroupFiles files, string dir, string name)
    {
        var text = files.TryRead(dir, name);
        if (text is null)
            return null;
        var psi = new PsiStats();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var data = fields[0] switch { "some" => psi.Some, "full" => psi.Full, _ => null };
            if (data is null)
                continue;
            foreach (var kv in fields.Skip(1).Select(f => f.Split('=')).Where(kv => kv.Length == 2))
            {
                switch (kv[0])
                {
                    case "avg10": data.Avg10 = double.Parse(kv[1], CultureInfo.InvariantCulture); break;
                    case "avg60": data.Avg60 = double.Parse(kv[1], CultureInfo.InvariantCulture); break;
                    case "avg300": data.Avg300 = double.Parse(kv[1], CultureInfo.InvariantCulture); break;
                    case "total": data.Total = ulong.Parse(kv[1], CultureInfo.InvariantCulture); break;
                }
            }
        }
        return psi;
    }
}
