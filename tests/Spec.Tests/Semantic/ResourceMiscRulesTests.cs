using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class PidsRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"resources":{"pids":{"limit":32771}}}}""")]
    [InlineData("""{"linux":{"resources":{"pids":{"limit":-1}}}}""")]
    [InlineData("""{"linux":{"resources":{"pids":{"limit":0}}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Fact]
    public void Negative_limit_other_than_minus_one_warns() =>
        Validate("""{"linux":{"resources":{"pids":{"limit":-5}}}}""")
            .ShouldReport(Severity.Warning, "$.linux.resources.pids.limit", "pids.limit -5 is treated as unlimited");
}

public sealed class HugepageLimitsRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"resources":{"hugepageLimits":[{"pageSize":"2MB","limit":209715200},{"pageSize":"64KB","limit":1000000},{"pageSize":"1GB","limit":9223372036854772000}]}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"resources":{"hugepageLimits":[{"pageSize":"2M","limit":1}]}}}""", "E", "$.linux.resources.hugepageLimits[0].pageSize", "hugepage pageSize \"2M\" must look like")]
    [InlineData("""{"linux":{"resources":{"hugepageLimits":[{"pageSize":"2mb","limit":1}]}}}""", "E", "$.linux.resources.hugepageLimits[0].pageSize", "must look like")]
    [InlineData("""{"linux":{"resources":{"hugepageLimits":[{"pageSize":"0MB","limit":1}]}}}""", "E", "$.linux.resources.hugepageLimits[0].pageSize", "must look like")]
    [InlineData("""{"linux":{"resources":{"hugepageLimits":[{"pageSize":"2MB","limit":1},{"pageSize":"2MB","limit":2}]}}}""", "W", "$.linux.resources.hugepageLimits[1].pageSize", "already limited at index 0")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}

public sealed class UnifiedRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"resources":{"unified":{"memory.max":"1G","io.max":"259:0 rbps=2097152","hugetlb.1GB.max":"1073741824","cpu.weight.nice":"0"}}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("memory/max", "must be a file name, not a path")]
    [InlineData("../cgroup.procs", "must be a file name, not a path")]
    [InlineData("max", "must have the form \"controller.file\"")]
    [InlineData(".max", "must have the form")]
    [InlineData("memory.", "must have the form")]
    [InlineData("memory..max", "must have the form")]
    public void Invalid(string key, string fragment) =>
        Validate("""{"linux":{"resources":{"unified":{""" + $"\"{key}\"" + """:"1"}}}}""")
            .ShouldReport(Severity.Error, "$.linux.resources.unified".Dot(key), fragment);
}

public sealed class RdmaRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"resources":{"rdma":{"mlx5_1":{"hcaHandles":3,"hcaObjects":10000},"mlx4_0":{"hcaObjects":1000},"rxe3":{"hcaHandles":1}}}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Fact]
    public void Entry_without_limits_is_an_error() =>
        Validate("""{"linux":{"resources":{"rdma":{"mlx5_1":{}}}}}""")
            .ShouldReport(Severity.Error, "$.linux.resources.rdma.mlx5_1", "rdma device \"mlx5_1\" needs hcaHandles or hcaObjects");
}
