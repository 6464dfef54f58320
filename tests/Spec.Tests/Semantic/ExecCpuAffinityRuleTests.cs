using FluentAssertions;
using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class ExecCpuAffinityRuleTests
{
    [Theory]
    [InlineData("0", true)]
    [InlineData("0-3,7", true)]
    [InlineData("1,3,5-7", true)]
    [InlineData("0-15:2/4", true)]
    [InlineData("0-N", true)]
    [InlineData("", false)]
    [InlineData("3-1", false)]
    [InlineData("0,", false)]
    [InlineData(",0", false)]
    [InlineData("0-", false)]
    [InlineData("a", false)]
    [InlineData("0 - 3", false)]
    [InlineData("-1", false)]
    [InlineData("7:1/2", false)]
    [InlineData("0-7:3/2", false)]
    [InlineData("99999999999", false)]
    public void Cpu_list_syntax(string list, bool valid) => CpuList.IsValid(list).Should().Be(valid);

    [Theory]
    [InlineData("""{"process":{"execCPUAffinity":{"initial":"7","final":"0-3,7"}}}""")]
    [InlineData("""{"process":{"execCPUAffinity":{"initial":"0","final":""}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"process":{"execCPUAffinity":{"initial":"3-1"}}}""", "$.process.execCPUAffinity.initial", "execCPUAffinity.initial \"3-1\" is not a valid cpu list")]
    [InlineData("""{"process":{"execCPUAffinity":{"final":"all"}}}""", "$.process.execCPUAffinity.final", "is not a valid cpu list")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
