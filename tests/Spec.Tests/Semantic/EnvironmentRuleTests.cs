using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class EnvironmentRuleTests
{
    [Theory]
    [InlineData("""{"process":{"env":["PATH=/usr/bin:/bin","EMPTY=","EQ=a=b=c","lower_case=1"]}}""")]
    [InlineData("""{"process":{"env":[1,null,{"a":"b"}]}}""")]
    [InlineData("""{"process":{"env":"PATH=/bin"}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"process":{"env":["PATH=/bin","TERM"]}}""", "$.process.env[1]", "\"TERM\" must have the form KEY=value")]
    [InlineData("""{"process":{"env":["=value"]}}""", "$.process.env[0]", "has an empty name")]
    [InlineData("""{"process":{"env":["A=b\u0000c"]}}""", "$.process.env[0]", "nul byte")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
