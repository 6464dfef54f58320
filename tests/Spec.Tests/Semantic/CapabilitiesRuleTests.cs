using FluentAssertions;
using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class CapabilitiesRuleTests
{
    [Fact]
    public void Catalog_has_the_41_capabilities_numbered_0_to_40()
    {
        LinuxCapabilities.All.Should().HaveCount(41).And.OnlyHaveUniqueItems();
        LinuxCapabilities.NumberOf("CAP_CHOWN").Should().Be(0);
        LinuxCapabilities.NumberOf("CAP_SYS_ADMIN").Should().Be(21);
        LinuxCapabilities.NumberOf("CAP_AUDIT_READ").Should().Be(37);
        LinuxCapabilities.NumberOf("CAP_CHECKPOINT_RESTORE").Should().Be(40);
        LinuxCapabilities.NumberOf("CAP_NOPE").Should().Be(-1);
    }

    [Fact]
    public void Every_known_capability_in_every_set_is_clean()
    {
        var all = "[" + string.Join(",", LinuxCapabilities.All.Select(name => $"\"{name}\"")) + "]";
        Validate($$$$"""
            {"process":{"capabilities":{"bounding":{{{{all}}}},"effective":{{{{all}}}},"permitted":{{{{all}}}},"inheritable":{{{{all}}}},"ambient":{{{{all}}}}}}}
            """).ShouldBeClean();
    }

    [Theory]
    [InlineData("""{"process":{"capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"]}}}""")]
    [InlineData("""{"process":{"capabilities":{"ambient":["CAP_NET_RAW"],"permitted":["CAP_NET_RAW"],"inheritable":["CAP_NET_RAW"]}}}""")]
    [InlineData("""{"process":{"capabilities":{"bounding":[1,null]}}}""")]
    [InlineData("""{"process":{"capabilities":["CAP_KILL"]}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"process":{"capabilities":{"bounding":["CAP_KILL","CAP_CHOWN","CAP_SETUID","CAP_FOO"]}}}""", "$.process.capabilities.bounding[3]", "unknown capability \"CAP_FOO\" will be ignored")]
    [InlineData("""{"process":{"capabilities":{"inheritable":["SYS_ADMIN"]}}}""", "$.process.capabilities.inheritable[0]", "unknown capability \"SYS_ADMIN\"")]
    [InlineData("""{"process":{"capabilities":{"effective":["CAP_KILL"],"permitted":[]}}}""", "$.process.capabilities.effective[0]", "not in the permitted set")]
    [InlineData("""{"process":{"capabilities":{"ambient":["CAP_KILL"],"permitted":["CAP_KILL"]}}}""", "$.process.capabilities.ambient[0]", "not in both the permitted and inheritable sets")]
    public void Warns(string patch, string path, string fragment)
    {
        var findings = Validate(patch);
        findings.ShouldReport(Severity.Warning, path, fragment);
        findings.ShouldHaveNoErrors();
    }
}
