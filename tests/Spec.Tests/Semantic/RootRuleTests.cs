using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class RootRuleTests
{
    [Theory]
    [InlineData("""{"root":{"path":"/var/lib/bundle/rootfs"}}""")]
    [InlineData("""{"root":{"path":"rootfs","readonly":true}}""")]
    [InlineData("""{"root":"not an object"}""")]
    [InlineData("""{"root":{"path":42}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"root":null}""", "$.root", "root must be specified")]
    [InlineData("""{"root":{"path":null}}""", "$.root.path", "root.path must be specified")]
    [InlineData("""{"root":{"path":""}}""", "$.root.path", "must not be empty")]
    [InlineData("""{"root":{"path":"root\u0000fs"}}""", "$.root.path", "nul byte")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
