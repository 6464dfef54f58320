using Runc.Sharp.Spec.Paths;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>
/// cpuset.cpus / cpuset.mems. A new cpuset cgroup starts with both empty and refuses tasks, so
/// every directory on the way down gets its parent's values first (runc's cpusetEnsureParent).
/// </summary>
internal sealed class CpusetV1 : V1Controller
{
    public override string Name => "cpuset";

    public override bool IsRequested(LinuxResources r) =>
        !string.IsNullOrEmpty(r.Cpu?.Cpus) || !string.IsNullOrEmpty(r.Cpu?.Mems);

    public override void Apply(V1Cgroup cg, LinuxResources? r, int pid)
    {
        var rel = LexicalPath.RelativeUnder(cg.MountPoint, cg.Path) ?? ".";
        var current = LexicalPath.Clean(cg.MountPoint);
        var parts = rel == "." ? [] : rel.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var parent = current;
            current = LexicalPath.Join(current, parts[i]);
            cg.Dirs.Ensure(parent, current);
            // The leaf takes the requested values first, so an exclusive parent set is not copied in vain.
            if (i == parts.Length - 1 && r is not null)
                Set(cg, r);
            CopyIfEmpty(cg.Files, current, parent);
        }
        cg.Join(pid);
    }

    private static void CopyIfEmpty(CgroupFiles files, string dir, string parent)
    {
        foreach (var name in new[] { "cpuset.cpus", "cpuset.mems" })
            if (string.IsNullOrWhiteSpace(files.TryRead(dir, name)))
                files.Write(dir, name, files.Read(parent, name).Trim());
    }

    public override void Set(V1Cgroup cg, LinuxResources r)
    {
        if (!string.IsNullOrEmpty(r.Cpu?.Cpus))
            cg.Write("cpuset.cpus", r.Cpu.Cpus);
        if (!string.IsNullOrEmpty(r.Cpu?.Mems))
            cg.Write("cpuset.mems", r.Cpu.Mems);
    }

    public override void Stats(V1Cgroup cg, CgroupStats stats)
    {
        var s = stats.Cpuset;
        s.Cpus = ParseList(cg.Read("cpuset.cpus"));
        s.Mems = ParseList(cg.Read("cpuset.mems"));
        s.CpuExclusive = cg.ReadUInt("cpuset.cpu_exclusive") ?? 0;
        s.MemHardwall = cg.ReadUInt("cpuset.mem_hardwall") ?? 0;
        s.MemExclusive = cg.ReadUInt("cpuset.mem_exclusive") ?? 0;
        s.MemoryMigrate = cg.ReadUInt("cpuset.memory_migrate") ?? 0;
        s.MemorySpreadPage = cg.ReadUInt("cpuset.memory_spread_page") ?? 0;
        s.MemorySpreadSlab = cg.ReadUInt("cpuset.memory_spread_slab") ?? 0;
        s.MemoryPressure = cg.ReadUInt("cpuset.memory_pressure") ?? 0;
        s.SchedLoadBalance = cg.ReadUInt("cpuset.sched_load_balance") ?? 0;
        s.SchedRelaxDomainLevel = long.TryParse(cg.Read("cpuset.sched_relax_domain_level"), out var level) ? level : 0;
    }

    /// <summary>"0-3,8" → [0,1,2,3,8].</summary>
    public static List<ushort>? ParseList(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var result = new List<ushort>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = item.Split('-');
            var from = ushort.Parse(range[0]);
            var to = range.Length > 1 ? ushort.Parse(range[1]) : from;
            for (var v = from; v <= to; v++)
            {
                result.Add(v);
                if (v == ushort.MaxValue)
                    break;
            }
        }
        return result;
    }
}
