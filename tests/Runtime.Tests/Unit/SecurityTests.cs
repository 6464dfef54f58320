using FluentAssertions;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Security;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public class CapabilityNamesTests
{
    [Fact]
    public void There_are_41_unique_names_up_to_checkpoint_restore()
    {
        CapabilityNames.ByNumber.Should().HaveCount(41).And.OnlyHaveUniqueItems();
        CapabilityNames.ByNumber.Should().OnlyContain(n => n.StartsWith("CAP_") && n == n.ToUpperInvariant());
        CapabilityNames.ByNumber[^1].Should().Be("CAP_CHECKPOINT_RESTORE");
    }

    [Theory]
    [InlineData("CAP_CHOWN", 0)]
    [InlineData("CAP_DAC_OVERRIDE", 1)]
    [InlineData("CAP_KILL", 5)]
    [InlineData("CAP_SETPCAP", 8)]
    [InlineData("CAP_NET_BIND_SERVICE", 10)]
    [InlineData("CAP_NET_ADMIN", 12)]
    [InlineData("CAP_NET_RAW", 13)]
    [InlineData("CAP_SYS_CHROOT", 18)]
    [InlineData("CAP_SYS_PTRACE", 19)]
    [InlineData("CAP_SYS_ADMIN", 21)]
    [InlineData("CAP_MKNOD", 27)]
    [InlineData("CAP_AUDIT_WRITE", 29)]
    [InlineData("CAP_SETFCAP", 31)]
    [InlineData("CAP_SYSLOG", 34)]
    [InlineData("CAP_AUDIT_READ", 37)]
    [InlineData("CAP_PERFMON", 38)]
    [InlineData("CAP_BPF", 39)]
    [InlineData("CAP_CHECKPOINT_RESTORE", 40)]
    public void Numbers_follow_linux_capability_h(string name, int number)
    {
        CapabilityNames.Number(name).Should().Be(number);
        CapabilityNames.ByNumber[number].Should().Be(name);
    }

    [Theory]
    [InlineData("CAP_FOO")]
    [InlineData("cap_chown")]
    [InlineData("CHOWN")]
    [InlineData("")]
    public void Unknown_names_have_no_number(string name)
    {
        CapabilityNames.Number(name).Should().Be(-1);
    }

    [Fact]
    public void Mask_sets_one_bit_per_known_name_and_collects_unknown_ones()
    {
        var unknown = new List<string>();

        var mask = CapabilityNames.Mask(["CAP_CHOWN", "CAP_FOO", "CAP_KILL", "CAP_SYS_ADMIN", "CAP_CHOWN", "cap_net_raw"], 40, unknown);

        mask.Should().Be(1UL << 0 | 1UL << 5 | 1UL << 21);
        unknown.Should().Equal("CAP_FOO", "cap_net_raw");
    }

    [Fact]
    public void Mask_drops_names_beyond_the_kernels_last_cap()
    {
        var unknown = new List<string>();

        var mask = CapabilityNames.Mask(["CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE"], 37, unknown);

        mask.Should().Be(1UL << 37);
        unknown.Should().Equal("CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");
    }

    [Fact]
    public void Mask_of_every_name_is_41_bits()
    {
        CapabilityNames.Mask(CapabilityNames.ByNumber, 40).Should().Be((1UL << 41) - 1);
    }

    [Fact]
    public void Mask_of_nothing_is_zero_and_unknown_list_is_optional()
    {
        CapabilityNames.Mask(null, 40).Should().Be(0);
        CapabilityNames.Mask([], 40).Should().Be(0);
        CapabilityNames.Mask(["CAP_FOO"], 40).Should().Be(0);
    }

    [Fact]
    public void LastCap_is_within_the_table()
    {
        CapabilityNames.LastCap().Should().BeInRange(30, 63);
    }
}

public class RlimitsTests
{
    [Theory]
    [InlineData("RLIMIT_CPU", 0)]
    [InlineData("RLIMIT_FSIZE", 1)]
    [InlineData("RLIMIT_DATA", 2)]
    [InlineData("RLIMIT_STACK", 3)]
    [InlineData("RLIMIT_CORE", 4)]
    [InlineData("RLIMIT_RSS", 5)]
    [InlineData("RLIMIT_NPROC", 6)]
    [InlineData("RLIMIT_NOFILE", 7)]
    [InlineData("RLIMIT_MEMLOCK", 8)]
    [InlineData("RLIMIT_AS", 9)]
    [InlineData("RLIMIT_LOCKS", 10)]
    [InlineData("RLIMIT_SIGPENDING", 11)]
    [InlineData("RLIMIT_MSGQUEUE", 12)]
    [InlineData("RLIMIT_NICE", 13)]
    [InlineData("RLIMIT_RTPRIO", 14)]
    [InlineData("RLIMIT_RTTIME", 15)]
    public void Names_map_to_linux_resource_numbers(string name, int number)
    {
        Rlimits.Number(name).Should().Be(number);
    }

    [Theory]
    [InlineData("RLIMIT_FOO")]
    [InlineData("rlimit_nofile")]
    [InlineData("NOFILE")]
    [InlineData("")]
    public void Unknown_names_are_errors(string name)
    {
        var act = () => Rlimits.Number(name);

        act.Should().Throw<RuntimeException>().WithMessage($"unknown rlimit type {name}");
    }
}
