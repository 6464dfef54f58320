using FluentAssertions;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Spec.Model;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public sealed class ContainerCgroupsTests
{
    [Fact]
    public void Device_rules_are_the_configured_ones_then_the_always_allowed_ones()
    {
        var config = new RuntimeConfig
        {
            Linux = new LinuxConfig
            {
                Devices = [new LinuxDevice { Path = "/dev/loop-control", Type = "c", Major = 10, Minor = 237 }],
                Resources = new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }] },
            },
        };

        var rules = ContainerCgroups.EffectiveResources(config).Devices!;

        rules[0].Allow.Should().BeFalse();
        rules.Should().NotContain(r => r.Major == 10 && r.Minor == 237, "a linux.devices node is not allowed behind a configured deny");
        rules.Should().Contain(r => r.Allow && r.Type == "c" && r.Major == 1 && r.Minor == 3, "/dev/null is always allowed");
        config.Linux.Resources.Devices.Should().HaveCount(1, "the config stays as written");
    }
}
