using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>hugetlb.&lt;size&gt;.limit_in_bytes, and the .rsvd variant where the kernel has it.</summary>
internal sealed class HugetlbV1 : V1Controller
{
    public override string Name => "hugetlb";

    public override bool IsRequested(LinuxResources r) => r.HugepageLimits is { Count: > 0 };

    public override void Set(V1Cgroup cg, LinuxResources r)
    {
        var rsvd = true;
        foreach (var h in r.HugepageLimits ?? [])
        {
            var prefix = "hugetlb." + h.PageSize;
            cg.Write(prefix + ".limit_in_bytes", h.Limit.ToString());
            if (!rsvd)
                continue;
            try
            {
                cg.Write(prefix + ".rsvd.limit_in_bytes", h.Limit.ToString());
            }
            catch (CgroupFileException e) when (e.Errno == Errno.ENOENT)
            {
                rsvd = false;
            }
        }
    }

    public override void Stats(V1Cgroup cg, CgroupStats stats)
    {
        foreach (var size in HugePageSizes.Read(cg.HugePagesDir))
        {
            var prefix = "hugetlb." + size;
            var usage = cg.ReadUInt(prefix + ".usage_in_bytes");
            if (usage is null)
                continue;
            stats.Hugetlb[size] = new HugetlbStats
            {
                Usage = usage.Value,
                Max = cg.ReadUInt(prefix + ".max_usage_in_bytes") ?? 0,
                Failcnt = cg.ReadUInt(prefix + ".failcnt") ?? 0,
            };
        }
    }
}
