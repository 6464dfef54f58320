using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class DeviceCgroupRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"resources":{"devices":[{"allow":false,"access":"rwm"},{"allow":true,"type":"c","major":10,"minor":229,"access":"rw"},{"allow":true,"type":"b","major":8,"minor":0,"access":"r"},{"allow":true,"type":"a","access":"m"}]}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"resources":{"devices":[{"allow":false}]}}}""", "$.linux.resources.devices[0].access", "access must be set")]
    [InlineData("""{"linux":{"resources":{"devices":[{"allow":false,"access":""}]}}}""", "$.linux.resources.devices[0].access", "must not be empty")]
    [InlineData("""{"linux":{"resources":{"devices":[{"allow":true,"access":"rwx"}]}}}""", "$.linux.resources.devices[0].access", "access \"rwx\" may only contain")]
    [InlineData("""{"linux":{"resources":{"devices":[{"allow":true,"type":"u","access":"rw"}]}}}""", "$.linux.resources.devices[0].type", "device cgroup type \"u\" must be one of")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
