using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class MountIdMappingRuleTests
{
    private const string UserNs = """
        "linux":{"namespaces":[{"type":"mount"},{"type":"user"}],
                 "uidMappings":[{"containerID":0,"hostID":100000,"size":65536}],
                 "gidMappings":[{"containerID":0,"hostID":100000,"size":65536}]}
        """;

    [Theory]
    [InlineData("""{"mounts":[{"destination":"/m","type":"bind","source":"/s","options":["bind","idmap"],"uidMappings":[{"containerID":0,"hostID":1000,"size":1}],"gidMappings":[{"containerID":0,"hostID":1000,"size":1}]}]}""")]
    [InlineData("""{"mounts":[{"destination":"/m","source":"/s","options":["rbind","ridmap"],"uidMappings":[{"containerID":0,"hostID":1000,"size":10}],"gidMappings":[{"containerID":0,"hostID":2000,"size":10}]}]}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Fact]
    public void Idmap_without_mappings_uses_the_user_namespace() =>
        Validate($$$"""{"mounts":[{"destination":"/m","source":"/s","options":["bind","idmap"]}],{{{UserNs}}}}""").ShouldBeClean();

    [Theory]
    [InlineData("""{"mounts":[{"destination":"/m","source":"/s","options":["bind","idmap"],"uidMappings":[{"containerID":0,"hostID":1,"size":1}]}]}""", "E", "$.mounts[0].gidMappings", "has uidMappings without gidMappings")]
    [InlineData("""{"mounts":[{"destination":"/m","source":"/s","options":["bind","idmap"],"gidMappings":[{"containerID":0,"hostID":1,"size":1}]}]}""", "E", "$.mounts[0].uidMappings", "has gidMappings without uidMappings")]
    [InlineData("""{"mounts":[{"destination":"/m","source":"/s","options":["bind"],"uidMappings":[{"containerID":0,"hostID":1,"size":1}],"gidMappings":[{"containerID":0,"hostID":1,"size":1}]}]}""", "W", "$.mounts[0].options", "no \"idmap\" or \"ridmap\" option")]
    [InlineData("""{"mounts":[{"destination":"/m","type":"tmpfs","options":["idmap"],"uidMappings":[{"containerID":0,"hostID":1,"size":1}],"gidMappings":[{"containerID":0,"hostID":1,"size":1}]}]}""", "E", "$.mounts[0].options", "needs the \"bind\" or \"rbind\" option")]
    [InlineData("""{"mounts":[{"destination":"/m","source":"/s","options":["bind","idmap"]}]}""", "E", "$.mounts[0].options", "no user namespace to take them from")]
    [InlineData("""{"mounts":[{"destination":"/m","source":"/s","options":["bind","idmap"],"uidMappings":[{"containerID":0,"hostID":1,"size":0}],"gidMappings":[{"containerID":0,"hostID":1,"size":1}]}]}""", "E", "$.mounts[0].uidMappings[0].size", "size 0 must be greater than zero")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}
