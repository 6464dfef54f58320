using FluentAssertions;
using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class OciVersionRuleTests
{
    [Theory]
    [InlineData("1.0.2-dev")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0-rc.1")]
    [InlineData("1.2.0+dirty")]
    [InlineData("1.3.0")]
    public void Accepts_1x_versions(string version) =>
        Validate($$$"""{"ociVersion":"{{{version}}}"}""").ShouldBeClean();

    [Theory]
    [InlineData("2.0.0", "major version 2")]
    [InlineData("0.5.0-dev", "major version 0")]
    [InlineData("1.0", "is not a semver version")]
    [InlineData("v1.0.0", "is not a semver version")]
    [InlineData("", "is not a semver version")]
    public void Warns_but_never_errors(string version, string fragment)
    {
        var findings = Validate($$$"""{"ociVersion":"{{{version}}}"}""");
        findings.ShouldReport(Severity.Warning, "$.ociVersion", fragment);
        findings.Should().OnlyContain(f => f.Severity == Severity.Warning);
    }
}
