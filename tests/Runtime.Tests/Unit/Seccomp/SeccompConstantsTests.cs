using FluentAssertions;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Runtime.Security.Seccomp.SeccompConstants;

namespace Runc.Sharp.Runtime.Tests.Unit.Seccomp;

/// <summary>Architecture and flag names → numbers, checked against the spec's name lists and libseccomp.</summary>
public class SeccompConstantsTests
{
    [Fact]
    public void Every_spec_architecture_actions_operator_and_flag_has_a_mapping()
    {
        Architectures.Select(a => a.SpecName).Should().BeEquivalentTo(SeccompNames.Architectures);
        ActionNames.Should().BeEquivalentTo(SeccompNames.Actions);
        Operators.Keys.Should().BeEquivalentTo(SeccompNames.Operators);
        Flags.Keys.Should().BeEquivalentTo(SeccompNames.Flags);
        FlagNames.Should().BeEquivalentTo(Flags.Keys);
    }

    [Theory]
    [InlineData("SCMP_ARCH_X86_64", "x86_64", 0xc000003eu)]
    [InlineData("SCMP_ARCH_X86", "x86", 0x40000003u)]
    [InlineData("SCMP_ARCH_X32", "x32", 0x4000003eu)]
    [InlineData("SCMP_ARCH_AARCH64", "aarch64", 0xc00000b7u)]
    [InlineData("SCMP_ARCH_ARM", "arm", 0x40000028u)]
    [InlineData("SCMP_ARCH_S390X", "s390x", 0x80000016u)]
    [InlineData("SCMP_ARCH_RISCV64", "riscv64", 0xc00000f3u)]
    public void Architectures_map_to_libseccomp_names_and_audit_tokens(string spec, string libseccomp, uint token)
    {
        var arch = ArchitectureOf(spec)!;
        arch.LibseccompName.Should().Be(libseccomp);
        arch.Token.Should().Be(token);
    }

    [Fact]
    public void X32_filters_under_the_x86_64_audit_arch() =>
        AuditArch(ArchX32).Should().Be(ArchX86_64);

    [LibseccompFact]
    public void The_token_table_agrees_with_the_installed_libseccomp()
    {
        var known = Architectures.Where(a => LibSeccomp.ArchResolveName(a.LibseccompName) != 0).ToList();
        known.Select(a => a.SpecName).Should().Contain(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64"]);
        foreach (var a in known)
            LibSeccomp.ArchResolveName(a.LibseccompName).Should().Be(a.Token, a.SpecName);
    }

    [Fact]
    public void Flags_map_to_their_seccomp_2_bits_and_tsync_is_accepted_as_a_no_op()
    {
        Flags["SECCOMP_FILTER_FLAG_LOG"].Should().Be(2);
        Flags["SECCOMP_FILTER_FLAG_SPEC_ALLOW"].Should().Be(4);
        Flags["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"].Should().Be(32);
        Flags["SECCOMP_FILTER_FLAG_TSYNC"].Should().Be(0);
    }

    [Fact]
    public void Filter_flags_add_the_listener_for_notify_rules_and_keep_wait_killable_only_with_it()
    {
        SeccompCompiler.FilterFlags(null, hasListener: false).Should().Be(0);
        SeccompCompiler.FilterFlags(["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_TSYNC"], hasListener: false).Should().Be(FlagLog);
        SeccompCompiler.FilterFlags(["SECCOMP_FILTER_FLAG_SPEC_ALLOW"], hasListener: true).Should().Be(FlagSpecAllow | FlagNewListener);
        if (SeccompSyscalls.FlagSupported(FlagWaitKillableRecv))
        {
            SeccompCompiler.FilterFlags(["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"], hasListener: true).Should().Be(FlagWaitKillableRecv | FlagNewListener);
            SeccompCompiler.FilterFlags(["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"], hasListener: false).Should().Be(0);
        }
    }

    [Fact]
    public void An_unknown_flag_is_a_clear_error()
    {
        var act = () => SeccompCompiler.FilterFlags(["SECCOMP_FILTER_FLAG_NEW_LISTENER"], hasListener: false);
        act.Should().Throw<RuntimeException>().WithMessage("seccomp: flag SECCOMP_FILTER_FLAG_NEW_LISTENER is not known to runcs");
    }

    [Fact]
    public void This_kernel_takes_the_flags_it_has_had_since_4_14()
    {
        SeccompSyscalls.FlagSupported(FlagLog).Should().BeTrue();
        SeccompSyscalls.FlagSupported(FlagNewListener).Should().BeTrue();
        SeccompSyscalls.FlagSupported(1u << 30).Should().BeFalse("no such flag exists");
    }
}
