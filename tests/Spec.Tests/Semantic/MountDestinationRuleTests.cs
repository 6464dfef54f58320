using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class MountDestinationRuleTests
{
    [Theory]
    [InlineData("""{"mounts":[{"destination":"/proc","type":"proc","source":"proc"}]}""")]
    [InlineData("""{"mounts":[{"destination":"/tmp","type":"tmpfs"}]}""")]
    [InlineData("""{"mounts":[{"destination":5},"junk",null]}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"mounts":[{"destination":"/proc","type":"proc"},{"destination":"","type":"tmpfs"}]}""", "E", "$.mounts[1].destination", "must not be empty")]
    [InlineData("""{"mounts":[{"destination":"tmp","type":"tmpfs"}]}""", "W", "$.mounts[0].destination", "mount destination \"tmp\" must be an absolute path")]
    [InlineData("""{"mounts":[{"destination":"/a\u0000b","type":"tmpfs"}]}""", "E", "$.mounts[0].destination", "nul byte")]
    [InlineData("""{"mounts":[{"destination":"/a","source":"x\u0000","type":"tmpfs"}]}""", "E", "$.mounts[0].source", "nul byte")]
    [InlineData("""{"mounts":[{"destination":"/a","type":"tmp\u0000fs"}]}""", "E", "$.mounts[0].type", "nul byte")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);

    [Fact]
    public void Relative_destination_is_an_error_when_strict() =>
        Validate("""{"mounts":[{"destination":"tmp","type":"tmpfs"}]}""", new SemanticOptions { StrictMountDestinations = true })
            .ShouldReport(Severity.Error, "$.mounts[0].destination", "must be an absolute path");
}
