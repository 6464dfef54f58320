using Runc.Sharp.Runtime.Cgroups.Devices;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>
/// devices.allow / devices.deny. The rules are folded into a default plus exceptions first (the
/// same model the v2 eBPF filter uses), then written: the default as "a", then the exceptions.
/// </summary>
internal sealed class DevicesV1 : V1Controller
{
    public override string Name => "devices";

    public override bool IsRequested(LinuxResources r) => r.Devices is { Count: > 0 };

    public override void Set(V1Cgroup cg, LinuxResources r)
    {
        if (r.Devices is not { Count: > 0 })
            return;
        var set = DeviceRuleSet.From(DeviceRule.FromSpec(r.Devices));
        cg.Write(set.DefaultAllow ? "devices.allow" : "devices.deny", "a");
        foreach (var rule in set.Exceptions())
            cg.Write(rule.Allow ? "devices.allow" : "devices.deny", rule.CgroupString);
    }
}
