using FluentAssertions;
using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class MountOptionsRuleTests
{
    [Fact]
    public void Every_flag_propagation_and_recursive_attribute_is_known_on_a_bind_mount()
    {
        var words = MountOptions.Flags.Concat(MountOptions.Propagation).Concat(MountOptions.RecursiveAttributes);
        var options = "[" + string.Join(",", words.Select(w => $"\"{w}\"")) + "]";
        Validate($$$"""{"mounts":[{"destination":"/data","type":"none","source":"/src","options":{{{options}}}}]}""").ShouldBeClean();
    }

    [Theory]
    [InlineData("nosuid", true)]
    [InlineData("rnosymfollow", true)]
    [InlineData("runbindable", true)]
    [InlineData("tmpcopyup", true)]
    [InlineData("ridmap", true)]
    [InlineData("mode=755", false)]
    [InlineData("size=64k", false)]
    [InlineData("newinstance", false)]
    public void Classifies_option_words(string option, bool known) => MountOptions.IsKnown(option).Should().Be(known);

    [Theory]
    [InlineData("""{"mounts":[{"destination":"/dev","type":"tmpfs","source":"tmpfs","options":["nosuid","strictatime","mode=755","size=65536k","tmpcopyup"]}]}""")]
    [InlineData("""{"mounts":[{"destination":"/dev/pts","type":"devpts","source":"devpts","options":["nosuid","noexec","newinstance","ptmxmode=0666","mode=0620","gid=5"]}]}""")]
    [InlineData("""{"mounts":[{"destination":"/x","type":"ext4","source":"/dev/sda1","options":["data=ordered","errors=remount-ro","whatever"]}]}""")]
    public void Filesystem_data_options_are_not_errors(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"mounts":[{"destination":"/data","type":"none","source":"/src","options":["rbind","nosiud"]}]}""", "W", "$.mounts[0].options[1]", "\"nosiud\" is not a known flag and is ignored for bind mount \"/data\"")]
    [InlineData("""{"mounts":[{"destination":"/data","type":"none","source":"/src","options":["bind","tmpcopyup"]}]}""", "W", "$.mounts[0].options[1]", "only applies to tmpfs mounts")]
    [InlineData("""{"mounts":[{"destination":"/t","type":"tmpfs","options":["mode=1777\u0000"]}]}""", "E", "$.mounts[0].options[0]", "nul byte")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}
