using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class BindMountRuleTests
{
    [Theory]
    [InlineData("""{"mounts":[{"destination":"/data","type":"none","source":"/volumes/data","options":["rbind","rw"]}]}""")]
    [InlineData("""{"mounts":[{"destination":"/data","type":"bind","source":"data"}]}""")]
    [InlineData("""{"mounts":[{"destination":"/tmp","type":"tmpfs","options":["nosuid"]}]}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"mounts":[{"destination":"/data","type":"bind"}]}""", "$.mounts[0].source", "bind mount \"/data\" needs a source")]
    [InlineData("""{"mounts":[{"destination":"/data","options":["bind"],"source":null}]}""", "$.mounts[0].source", "needs a source")]
    [InlineData("""{"mounts":[{"destination":"/data","type":"none","options":["rbind"],"source":""}]}""", "$.mounts[0].source", "has an empty source")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
