using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>net_cls.classid.</summary>
internal sealed class NetClsV1 : V1Controller
{
    public override string Name => "net_cls";

    public override bool IsRequested(LinuxResources r) => (r.Network?.ClassId ?? 0) != 0;

    public override void Set(V1Cgroup cg, LinuxResources r)
    {
        if ((r.Network?.ClassId ?? 0) != 0)
            cg.Write("net_cls.classid", r.Network!.ClassId!.Value.ToString());
    }
}

/// <summary>net_prio.ifpriomap, one "interface priority" line per write.</summary>
internal sealed class NetPrioV1 : V1Controller
{
    public override string Name => "net_prio";

    public override bool IsRequested(LinuxResources r) => r.Network?.Priorities is { Count: > 0 };

    public override void Set(V1Cgroup cg, LinuxResources r)
    {
        foreach (var p in r.Network?.Priorities ?? [])
            cg.Write("net_prio.ifpriomap", $"{p.Name} {p.Priority}");
    }
}
