using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>CPU accounting: read only.</summary>
internal sealed class CpuacctV1 : V1Controller
{
    // cpuacct.stat counts USER_HZ ticks, which is 100 on Linux.
    private const ulong NanosPerTick = 1_000_000_000 / 100;

    public override string Name => "cpuacct";

    public override void Stats(V1Cgroup cg, CgroupStats stats)
    {
        var total = cg.ReadUInt("cpuacct.usage");
        if (total is null)
            return;
        var usage = stats.Cpu.Usage;
        usage.Total = total.Value;
        var times = cg.Files.TryReadKeyValues(cg.Path, "cpuacct.stat")
            ?? throw new RuntimeException($"read {cg.Path}/cpuacct.stat: no such file or directory");
        usage.User = times.GetValueOrDefault("user") * NanosPerTick;
        usage.Kernel = times.GetValueOrDefault("system") * NanosPerTick;
        usage.Percpu = (cg.Read("cpuacct.usage_percpu") ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ulong.Parse).ToList();

        // "cpu user system" header, then one line per CPU.
        var all = cg.Files.TryRead(cg.Path, "cpuacct.usage_all");
        if (all is null)
            return;
        usage.PercpuUser = [];
        usage.PercpuKernel = [];
        foreach (var line in all.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 3)
                continue;
            usage.PercpuUser.Add(ulong.Parse(f[1]));
            usage.PercpuKernel.Add(ulong.Parse(f[2]));
        }
    }
}
