using Runc.Sharp.Runtime.Cgroups.V1;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V2;

/// <summary>pids.max, cpuset.cpus/mems, hugetlb.&lt;size&gt;.max and rdma.max: one file each, as on v1.</summary>
internal static class V2Simple
{
    public static bool PidsSet(LinuxResources r) => r.Pids is not null;
    public static bool CpusetSet(LinuxResources r) => !string.IsNullOrEmpty(r.Cpu?.Cpus) || !string.IsNullOrEmpty(r.Cpu?.Mems);
    public static bool HugetlbSet(LinuxResources r) => r.HugepageLimits is { Count: > 0 };
    public static bool RdmaSet(LinuxResources r) => r.Rdma is { Count: > 0 };

    public static void SetPids(CgroupFiles files, string dir, LinuxResources r)
    {
        if (r.Pids is { } p)
            files.Write(dir, "pids.max", PidsV1.PidsMax(p.Limit));
    }

    public static void SetCpuset(CgroupFiles files, string dir, LinuxResources r)
    {
        if (!string.IsNullOrEmpty(r.Cpu?.Cpus))
            files.Write(dir, "cpuset.cpus", r.Cpu.Cpus);
        if (!string.IsNullOrEmpty(r.Cpu?.Mems))
            files.Write(dir, "cpuset.mems", r.Cpu.Mems);
    }

    public static void SetHugetlb(CgroupFiles files, string dir, LinuxResources r)
    {
        var rsvd = true;
        foreach (var h in r.HugepageLimits ?? [])
        {
            files.Write(dir, $"hugetlb.{h.PageSize}.max", h.Limit.ToString());
            if (!rsvd)
                continue;
            try
            {
                files.Write(dir, $"hugetlb.{h.PageSize}.rsvd.max", h.Limit.ToString());
            }
            catch (CgroupFileException e) when (e.Errno == Errno.ENOENT)
            {
                rsvd = false;
            }
        }
    }

    public static void SetRdma(CgroupFiles files, string dir, LinuxResources r) => RdmaV1.Write(files, dir, r);
}
