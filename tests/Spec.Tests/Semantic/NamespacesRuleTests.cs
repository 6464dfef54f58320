using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class NamespacesRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"namespaces":[{"type":"pid"},{"type":"network","path":"/var/run/netns/a"},{"type":"mount"},{"type":"ipc"},{"type":"uts"},{"type":"user","path":"/proc/1/ns/user"},{"type":"cgroup"},{"type":"time"}]}}""")]
    [InlineData("""{"linux":{"namespaces":[]}}""")]
    [InlineData("""{"linux":{"namespaces":[{"type":"pid","path":""}]}}""")]
    [InlineData("""{"linux":{"namespaces":[5,"pid",{"type":null}]}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"net"}]}}""", "$.linux.namespaces[1].type", "unknown namespace type \"net\"")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"pid"},{"type":"pid","path":"/proc/1/ns/pid"}]}}""", "$.linux.namespaces[2].type", "namespace \"pid\" is already listed at index 1")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"network","path":"netns/a"}]}}""", "$.linux.namespaces[1].path", "namespace path \"netns/a\" must be an absolute path")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
