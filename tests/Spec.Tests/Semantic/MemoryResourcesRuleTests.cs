using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class MemoryResourcesRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":536870912,"reservation":536870912,"swap":536870912,"swappiness":0,"disableOOMKiller":false}}}}""")]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":536870912,"swap":1073741824}}}}""")]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":-1,"swap":-1}}}}""")]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":536870912,"swap":0,"swappiness":100}}}}""")]
    [InlineData("""{"linux":{"resources":{"memory":{"swap":-1}}}}""")]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":"1G","swap":1073741824}}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":1073741824,"swap":536870912}}}}""", "E", "$.linux.resources.memory.swap", "memory.swap 536870912 must not be below memory.limit 1073741824")]
    [InlineData("""{"linux":{"resources":{"memory":{"swap":536870912}}}}""", "E", "$.linux.resources.memory.swap", "needs a positive memory.limit")]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":-1,"swap":536870912}}}}""", "E", "$.linux.resources.memory.swap", "needs a positive memory.limit")]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":-2}}}}""", "E", "$.linux.resources.memory.limit", "memory.limit -2 is invalid")]
    [InlineData("""{"linux":{"resources":{"memory":{"reservation":-100}}}}""", "E", "$.linux.resources.memory.reservation", "is invalid")]
    [InlineData("""{"linux":{"resources":{"memory":{"kernel":-1}}}}""", "W", "$.linux.resources.memory.kernel", "deprecated and ignored")]
    [InlineData("""{"linux":{"resources":{"memory":{"kernelTCP":0}}}}""", "W", "$.linux.resources.memory.kernelTCP", "deprecated and ignored")]
    [InlineData("""{"linux":{"resources":{"memory":{"swappiness":101}}}}""", "E", "$.linux.resources.memory.swappiness", "swappiness 101 is outside the range 0..100")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}
