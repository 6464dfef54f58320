using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>pids.max.</summary>
internal sealed class PidsV1 : V1Controller
{
    public override string Name => "pids";

    public override bool IsRequested(LinuxResources r) => r.Pids is not null;

    public override void Set(V1Cgroup cg, LinuxResources r)
    {
        if (r.Pids is { } p)
            cg.Write("pids.max", PidsMax(p.Limit));
    }

    /// <summary>runc ≥ 1.4 (runtime-spec 1.3 guidance): a negative limit is "max", 0 is a real limit of 0.</summary>
    public static string PidsMax(long limit) => limit < 0 ? "max" : limit.ToString();

    public override void Stats(V1Cgroup cg, CgroupStats stats) => ReadStats(cg.Files, cg.Path, stats);

    public static void ReadStats(CgroupFiles files, string dir, CgroupStats stats)
    {
        var current = files.TryReadUInt(dir, "pids.current");
        if (current is null)
            return;
        stats.Pids.Current = current.Value;
        var max = files.TryReadUInt(dir, "pids.max") ?? ulong.MaxValue;
        stats.Pids.Limit = max == ulong.MaxValue ? 0 : max;
    }
}
