using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class HooksRuleTests
{
    [Theory]
    [InlineData("""{"hooks":{"prestart":[{"path":"/usr/bin/fix-mounts","args":["fix-mounts","arg1"],"env":["key1=value1"]}],"createRuntime":[{"path":"/usr/bin/setup-network"}],"createContainer":[{"path":"/usr/bin/mount-hook"}],"startContainer":[{"path":"/usr/bin/refresh-ldcache"}],"poststart":[{"path":"/usr/bin/notify-start","timeout":5}],"poststop":[{"path":"/usr/sbin/cleanup.sh"}]}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"hooks":{"poststart":[{"path":"notify-start"}]}}""", "E", "$.hooks.poststart[0].path", "poststart hook path \"notify-start\" must be an absolute path")]
    [InlineData("""{"hooks":{"createRuntime":[{"path":"/bin/true"},{"path":"/bin/true","timeout":0}]}}""", "E", "$.hooks.createRuntime[1].timeout", "timeout 0 must be greater than zero")]
    [InlineData("""{"hooks":{"poststop":[{"path":"/bin/true","timeout":-3}]}}""", "E", "$.hooks.poststop[0].timeout", "must be greater than zero")]
    [InlineData("""{"hooks":{"prestart":[{"path":"/bin/true","env":["NOEQUALS"]}]}}""", "W", "$.hooks.prestart[0].env[0]", "does not have the form KEY=value")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}

public sealed class AnnotationsRuleTests
{
    [Theory]
    [InlineData("""{"annotations":{"com.example.gpu-cores":"2","org.opencontainers.image.os":"linux","org.opencontainers.image.ref.name":"latest","io.kubernetes.cri.container-type":"container"}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"annotations":{"":"x"}}""", "E", "$.annotations['']", "annotation keys must not be empty")]
    [InlineData("""{"annotations":{"org.opencontainers.mykey":"x"}}""", "W", "$.annotations['org.opencontainers.mykey']", "reserved org.opencontainers namespace")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}
