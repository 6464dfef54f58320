using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class TimeNamespaceRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"time"}],"timeOffsets":{"monotonic":{"secs":172800,"nanosecs":0},"boottime":{"secs":-5,"nanosecs":999999999}}}}""")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"time"}]}}""")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"time"}],"timeOffsets":{"1":{"secs":1}}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"timeOffsets":{"monotonic":{"secs":1}}}}""", "E", "$.linux.timeOffsets", "timeOffsets are set but there is no time namespace")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"time","path":"/proc/7/ns/time"}],"timeOffsets":{"monotonic":{"secs":1}}}}""", "W", "$.linux.timeOffsets", "cannot be applied to the existing time namespace")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"time"}],"timeOffsets":{"realtime":{"secs":1}}}}""", "E", "$.linux.timeOffsets.realtime", "unknown clock \"realtime\"")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"time"}],"timeOffsets":{"boottime":{"nanosecs":1000000000}}}}""", "E", "$.linux.timeOffsets.boottime.nanosecs", "must be below 1000000000")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}
