using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class RootfsPropagationRuleTests
{
    [Theory]
    [InlineData("shared")]
    [InlineData("slave")]
    [InlineData("private")]
    [InlineData("unbindable")]
    [InlineData("rshared")]
    [InlineData("rslave")]
    [InlineData("rprivate")]
    [InlineData("runbindable")]
    [InlineData("")]
    public void Valid(string value) =>
        Validate($$$"""{"linux":{"rootfsPropagation":"{{{value}}}"}}""").ShouldBeClean();

    [Theory]
    [InlineData("master")]
    [InlineData("Shared")]
    public void Invalid(string value) =>
        Validate($$$"""{"linux":{"rootfsPropagation":"{{{value}}}"}}""")
            .ShouldReport(Severity.Error, "$.linux.rootfsPropagation", $"rootfsPropagation \"{value}\" must be one of");

    [Theory]
    [InlineData("private", false)]
    [InlineData("rprivate", false)]
    [InlineData("rslave", true)]
    public void Private_propagation_needs_pivot_root(string value, bool clean)
    {
        var findings = Validate($$$"""{"linux":{"rootfsPropagation":"{{{value}}}"}}""", new SemanticOptions { NoPivotRoot = true });
        if (clean)
        {
            findings.ShouldBeClean();
        }
        else
        {
            findings.ShouldReport(Severity.Error, "$.linux.rootfsPropagation", "is not safe without pivot_root");
        }
    }
}

public sealed class PathListsRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"maskedPaths":["/proc/kcore","/sys/firmware"],"readonlyPaths":["/proc/sys"]}}""")]
    [InlineData("""{"linux":{"namespaces":[],"maskedPaths":[],"readonlyPaths":[]}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"maskedPaths":["/proc/kcore","proc/keys"]}}""", "$.linux.maskedPaths[1]", "maskedPaths entry \"proc/keys\" must be an absolute path")]
    [InlineData("""{"linux":{"readonlyPaths":[""]}}""", "$.linux.readonlyPaths[0]", "must be an absolute path")]
    [InlineData("""{"linux":{"namespaces":[{"type":"pid"}],"maskedPaths":["/proc/kcore"]}}""", "$.linux.namespaces", "need a mount namespace")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}

public sealed class PersonalityRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"personality":{"domain":"LINUX"}}}""")]
    [InlineData("""{"linux":{"personality":{"domain":"LINUX32","flags":[]}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"personality":{"domain":"LINUX64"}}}""", "E", "$.linux.personality.domain", "personality domain \"LINUX64\" must be")]
    [InlineData("""{"linux":{"personality":{"domain":"LINUX","flags":["ADDR_NO_RANDOMIZE"]}}}""", "W", "$.linux.personality.flags", "not supported and will be ignored")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}

public sealed class MemoryPolicyRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_BIND","nodes":"0-1","flags":["MPOL_F_NUMA_BALANCING","MPOL_F_STATIC_NODES"]}}}""")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_INTERLEAVE","nodes":"0,2","flags":["MPOL_F_RELATIVE_NODES"]}}}""")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_WEIGHTED_INTERLEAVE","nodes":"0-3"}}}""")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_PREFERRED_MANY","nodes":"1"}}}""")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_PREFERRED","nodes":"1"}}}""")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_PREFERRED"}}}""")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_DEFAULT"}}}""")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_LOCAL","nodes":""}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_BIND"}}}""", "$.linux.memoryPolicy.nodes", "memoryPolicy mode MPOL_BIND needs nodes")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_DEFAULT","nodes":"0"}}}""", "$.linux.memoryPolicy.nodes", "mode MPOL_DEFAULT does not take nodes")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_FASTEST","nodes":"0"}}}""", "$.linux.memoryPolicy.mode", "unknown memoryPolicy mode \"MPOL_FASTEST\"")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_BIND","nodes":"0","flags":["MPOL_F_LAZY"]}}}""", "$.linux.memoryPolicy.flags[0]", "unknown memoryPolicy flag")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_BIND","nodes":"0","flags":["MPOL_F_RELATIVE_NODES","MPOL_F_STATIC_NODES"]}}}""", "$.linux.memoryPolicy.flags", "exclude each other")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_INTERLEAVE","nodes":"0","flags":["MPOL_F_NUMA_BALANCING"]}}}""", "$.linux.memoryPolicy.flags", "only works with MPOL_BIND, not MPOL_INTERLEAVE")]
    [InlineData("""{"linux":{"memoryPolicy":{"mode":"MPOL_BIND","nodes":"1-0"}}}""", "$.linux.memoryPolicy.nodes", "nodes \"1-0\" is not a valid node list")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}

public sealed class IntelRdtRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"intelRdt":{"closID":"guaranteed_group","l3CacheSchema":"L3:0=7f0;1=1f","memBwSchema":"MB:0=20;1=70"}}}""")]
    [InlineData("""{"linux":{"intelRdt":{"schemata":"L3:0=7f0;1=1f\nL2:0=f\nMB:0=20;1=70","enableCMT":true}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"intelRdt":{"closID":"a/b"}}}""", "E", "$.linux.intelRdt.closID", "closID \"a/b\" must be a plain directory name")]
    [InlineData("""{"linux":{"intelRdt":{"closID":".."}}}""", "E", "$.linux.intelRdt.closID", "must be a plain directory name")]
    [InlineData("""{"linux":{"intelRdt":{"memBwSchema":"L3:0=1"}}}""", "E", "$.linux.intelRdt.memBwSchema", "must start with \"MB:\"")]
    [InlineData("""{"linux":{"intelRdt":{"memBwSchema":"MB:0=20\nMB:1=70"}}}""", "E", "$.linux.intelRdt.memBwSchema", "single line")]
    [InlineData("""{"linux":{"intelRdt":{"l3CacheSchema":"MB:0=20"}}}""", "W", "$.linux.intelRdt.l3CacheSchema", "should start with \"L3:\"")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}

public sealed class NetDevicesRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"network"}],"netDevices":{"eth1":{"name":"net0"},"ens4":{}}}}""")]
    [InlineData("""{"linux":{"netDevices":{}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"netDevices":{"eth1":{}}}}""", "$.linux.netDevices", "need a network namespace")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"network"}],"netDevices":{"eth0:1":{}}}}""", "$.linux.netDevices['eth0:1']", "key \"eth0:1\" is not a valid interface name")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"network"}],"netDevices":{"eth1":{"name":"averyveryverylongname"}}}}""", "$.linux.netDevices.eth1.name", "is not a valid interface name")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"network"}],"netDevices":{"eth1":{"name":"net0"},"eth2":{"name":"net0"}}}}""", "$.linux.netDevices.eth2", "would both be named \"net0\"")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
