using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class CgroupsPathRuleTests
{
    private static readonly SemanticOptions Systemd = new() { SystemdCgroup = true };

    [Theory]
    [InlineData("/myRuntime/myContainer")]
    [InlineData("relative/path")]
    [InlineData("")]
    [InlineData("/a/./b/")]
    public void Valid_cgroupfs_paths(string value) =>
        Validate($$$"""{"linux":{"cgroupsPath":"{{{value}}}"}}""").ShouldBeClean();

    [Theory]
    [InlineData("/a/../../b", "E", "escapes the cgroup root")]
    [InlineData("../x", "E", "escapes the cgroup root")]
    [InlineData("/a/../b", "W", "contains \"..\" components")]
    [InlineData("/a\\u0000", "E", "nul byte")]
    public void Invalid_cgroupfs_paths(string value, string severity, string fragment) =>
        Validate($$$"""{"linux":{"cgroupsPath":"{{{value}}}"}}""").ShouldReport(Sev(severity), "$.linux.cgroupsPath", fragment);

    [Theory]
    [InlineData("system.slice:runc:abc123")]
    [InlineData(":runc:abc123")]
    [InlineData("machine-foo.slice:crio:abc")]
    public void Valid_systemd_paths(string value) =>
        Validate($$$"""{"linux":{"cgroupsPath":"{{{value}}}"}}""", Systemd).ShouldBeClean();

    [Theory]
    [InlineData("/myRuntime/myContainer", "must have the form \"slice:prefix:name\" for systemd cgroups")]
    [InlineData("a:b:c:d", "slice:prefix:name")]
    [InlineData("system:runc:abc", "systemd slice \"system\" in cgroupsPath must end in \".slice\"")]
    [InlineData("system.slice:runc:", "has an empty unit name")]
    [InlineData("system.slice:ru/nc:x", "must not contain \"/\"")]
    public void Invalid_systemd_paths(string value, string fragment) =>
        Validate($$$"""{"linux":{"cgroupsPath":"{{{value}}}"}}""", Systemd).ShouldReport(Severity.Error, "$.linux.cgroupsPath", fragment);
}
