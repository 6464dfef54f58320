using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class UserNamespaceRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user"}],"uidMappings":[{"containerID":0,"hostID":100000,"size":65536}],"gidMappings":[{"containerID":0,"hostID":100000,"size":65536}]}}""")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user"}],"uidMappings":[{"containerID":0,"hostID":1000,"size":1},{"containerID":1,"hostID":100000,"size":65535}],"gidMappings":[{"containerID":0,"hostID":1000,"size":1},{"containerID":1,"hostID":100000,"size":65535}]}}""")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user","path":"/proc/42/ns/user"}]}}""")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user"}],"uidMappings":[{"containerID":4294967295,"hostID":0,"size":1}],"gidMappings":[{"containerID":0,"hostID":0,"size":4294967295}]}}""")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user"}],"uidMappings":"0 1000 1","gidMappings":{}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"uidMappings":[{"containerID":0,"hostID":1000,"size":1}]}}""", "W", "$.linux.uidMappings", "uidMappings is ignored without a user namespace")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user"}],"gidMappings":[{"containerID":0,"hostID":1,"size":1}]}}""", "E", "$.linux.uidMappings", "a new user namespace needs uidMappings")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user"}],"uidMappings":[{"containerID":0,"hostID":1,"size":1}],"gidMappings":[]}}""", "E", "$.linux.gidMappings", "a new user namespace needs gidMappings")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user","path":"/proc/42/ns/user"}],"uidMappings":[{"containerID":0,"hostID":1,"size":1}]}}""", "W", "$.linux.uidMappings", "while joining the user namespace \"/proc/42/ns/user\"")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user"}],"uidMappings":[{"containerID":0,"hostID":1,"size":0}],"gidMappings":[{"containerID":0,"hostID":1,"size":1}]}}""", "E", "$.linux.uidMappings[0].size", "uidMappings size 0 must be greater than zero")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user"}],"uidMappings":[{"containerID":0,"hostID":1000,"size":10},{"containerID":5,"hostID":5000,"size":10}],"gidMappings":[{"containerID":0,"hostID":1,"size":1}]}}""", "E", "$.linux.uidMappings[1].containerID", "containerID range 5..14 overlaps the entry at index 0")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user"}],"uidMappings":[{"containerID":0,"hostID":1},{"containerID":0,"hostID":1000,"size":10}],"gidMappings":[{"containerID":0,"hostID":1000,"size":10},{"containerID":10,"hostID":1009,"size":10}]}}""", "E", "$.linux.gidMappings[1].hostID", "hostID range 1009..1018 overlaps")]
    [InlineData("""{"linux":{"namespaces":[{"type":"mount"},{"type":"user"}],"uidMappings":[{"containerID":4294967295,"hostID":0,"size":2}],"gidMappings":[{"containerID":0,"hostID":1,"size":1}]}}""", "E", "$.linux.uidMappings[0].size", "goes beyond the largest id")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}
