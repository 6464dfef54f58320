using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>rdma.max; the file and its format are the same on v1 and v2.</summary>
internal sealed class RdmaV1 : V1Controller
{
    public override string Name => "rdma";

    public override bool IsRequested(LinuxResources r) => r.Rdma is { Count: > 0 };

    public override void Set(V1Cgroup cg, LinuxResources r) => Write(cg.Files, cg.Path, r);

    public static void Write(CgroupFiles files, string dir, LinuxResources r)
    {
        foreach (var (device, limit) in r.Rdma ?? [])
        {
            var line = device;
            if (limit.HcaHandles is { } handles)
                line += $" hca_handle={handles}";
            if (limit.HcaObjects is { } objects)
                line += $" hca_object={objects}";
            files.Write(dir, "rdma.max", line);
        }
    }
}
