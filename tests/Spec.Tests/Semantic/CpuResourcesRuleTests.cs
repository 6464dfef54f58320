using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class CpuResourcesRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"resources":{"cpu":{"shares":1024,"quota":1000000,"burst":1000000,"period":500000,"realtimeRuntime":950000,"realtimePeriod":1000000,"cpus":"2-3","mems":"0-7","idle":0}}}}""")]
    [InlineData("""{"linux":{"resources":{"cpu":{"quota":-1,"period":100000,"cpus":"0,2,4-6","idle":1}}}}""")]
    [InlineData("""{"linux":{"resources":{"cpu":{"shares":0,"period":0,"cpus":"","mems":""}}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"resources":{"cpu":{"cpus":"0-"}}}}""", "E", "$.linux.resources.cpu.cpus", "cpu.cpus \"0-\" is not a valid list")]
    [InlineData("""{"linux":{"resources":{"cpu":{"mems":"node0"}}}}""", "E", "$.linux.resources.cpu.mems", "is not a valid list")]
    [InlineData("""{"linux":{"resources":{"cpu":{"quota":500}}}}""", "E", "$.linux.resources.cpu.quota", "cpu.quota 500 is below the kernel minimum")]
    [InlineData("""{"linux":{"resources":{"cpu":{"period":500}}}}""", "E", "$.linux.resources.cpu.period", "cpu.period 500 is outside 1000..1000000")]
    [InlineData("""{"linux":{"resources":{"cpu":{"period":2000000}}}}""", "E", "$.linux.resources.cpu.period", "is outside 1000..1000000")]
    [InlineData("""{"linux":{"resources":{"cpu":{"quota":100000,"burst":200000}}}}""", "E", "$.linux.resources.cpu.burst", "cpu.burst 200000 must not be larger than cpu.quota 100000")]
    [InlineData("""{"linux":{"resources":{"cpu":{"realtimeRuntime":2000000,"realtimePeriod":1000000}}}}""", "E", "$.linux.resources.cpu.realtimeRuntime", "must not exceed cpu.realtimePeriod")]
    [InlineData("""{"linux":{"resources":{"cpu":{"idle":2}}}}""", "E", "$.linux.resources.cpu.idle", "cpu.idle 2 must be 0 or 1")]
    [InlineData("""{"linux":{"resources":{"cpu":{"shares":1}}}}""", "W", "$.linux.resources.cpu.shares", "outside 2..262144")]
    [InlineData("""{"linux":{"resources":{"cpu":{"shares":300000}}}}""", "W", "$.linux.resources.cpu.shares", "will be clamped")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}
