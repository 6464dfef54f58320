using FluentAssertions;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Model;
using Xunit;
using static Runc.Sharp.Runtime.Security.Seccomp.SeccompConstants;
using static Runc.Sharp.Runtime.Tests.Unit.Seccomp.BpfInterpreter;

namespace Runc.Sharp.Runtime.Tests.Unit.Seccomp;

/// <summary>
/// Profiles compiled by libseccomp for real, then run through a BPF interpreter: what does the
/// filter answer for a given syscall, architecture and arguments.
/// </summary>
public class SeccompCompilerTests
{
    // x86_64 syscall numbers.
    private const uint Read = 0, Write = 1, Getpid = 39, Socket = 41, Mkdir = 83, Personality = 135,
        Openat2 = 437, PidfdGetfd = 438, Newest = 600;
    private const uint Eperm = 0x00050001, Enosys = 0x00050026;

    private static LinuxSyscall Entry(string action, string[] names, uint? errno = null, params LinuxSeccompArg[] args) =>
        new() { Action = action, Names = names.ToList(), ErrnoRet = errno, Args = args.Length == 0 ? null : args.ToList() };

    private static LinuxSeccompArg Arg(uint index, string op, ulong value, ulong? two = null) =>
        new() { Index = index, Op = op, Value = value, ValueTwo = two };

    private static LinuxSeccomp Profile(string defaultAction, params LinuxSyscall[] syscalls) =>
        new() { DefaultAction = defaultAction, Syscalls = syscalls.ToList() };

    private static SockFilter[] Compile(LinuxSeccomp profile) => SockFilter.Parse(SeccompCompiler.Compile(profile, "/bundle").Filter);

    [LibseccompFact]
    public void Allow_by_default_with_mkdir_denied()
    {
        var p = Compile(Profile("SCMP_ACT_ALLOW", Entry("SCMP_ACT_ERRNO", ["mkdir"])));

        Run(p, Mkdir).Should().Be(Eperm);
        Run(p, Getpid).Should().Be(ActAllow);
        Run(p, Newest).Should().Be(ActAllow, "an allow-by-default profile gets no ENOSYS stub");
    }

    [LibseccompFact]
    public void Default_errno_and_rule_errno_values()
    {
        var p = Compile(new LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ERRNO", DefaultErrnoRet = 13,
            Syscalls = [Entry("SCMP_ACT_ALLOW", ["read", "write", "getpid"]), Entry("SCMP_ACT_ERRNO", ["mkdir"], 28)],
        });

        Run(p, Getpid).Should().Be(ActAllow);
        Run(p, Mkdir).Should().Be(0x0005001cu);
        Run(p, Socket).Should().Be(0x0005000du);
    }

    [LibseccompFact]
    public void Kill_actions()
    {
        var p = Compile(Profile("SCMP_ACT_ALLOW", Entry("SCMP_ACT_KILL", ["mkdir"]), Entry("SCMP_ACT_KILL_PROCESS", ["socket"])));

        Run(p, Mkdir).Should().Be(ActKillThread);
        Run(p, Socket).Should().Be(ActKillProcess);
    }

    [LibseccompFact]
    public void An_argument_condition_selects_by_value()
    {
        var p = Compile(Profile("SCMP_ACT_ALLOW", Entry("SCMP_ACT_ERRNO", ["personality"], null, Arg(0, "SCMP_CMP_NE", 0xffffffff))));

        Run(p, Personality, X86_64, 0xffffffff).Should().Be(ActAllow);
        Run(p, Personality, X86_64, 8).Should().Be(Eperm);
        Run(p, Personality, X86_64, 0).Should().Be(Eperm);
    }

    [LibseccompFact]
    public void Conditions_on_different_arguments_must_all_hold()
    {
        var p = Compile(Profile("SCMP_ACT_ALLOW",
            Entry("SCMP_ACT_ERRNO", ["socket"], null, Arg(0, "SCMP_CMP_EQ", 2), Arg(1, "SCMP_CMP_EQ", 3))));

        Run(p, Socket, X86_64, 2, 3).Should().Be(Eperm);
        Run(p, Socket, X86_64, 2, 1).Should().Be(ActAllow);
        Run(p, Socket, X86_64, 10, 3).Should().Be(ActAllow);
    }

    [LibseccompFact]
    public void Conditions_on_the_same_argument_match_either_like_runc()
    {
        var p = Compile(Profile("SCMP_ACT_ERRNO",
            Entry("SCMP_ACT_ALLOW", ["personality"], null, Arg(0, "SCMP_CMP_EQ", 0), Arg(0, "SCMP_CMP_EQ", 8))));

        Run(p, Personality, X86_64, 0).Should().Be(ActAllow);
        Run(p, Personality, X86_64, 8).Should().Be(ActAllow);
        Run(p, Personality, X86_64, 9).Should().Be(Eperm);
    }

    [LibseccompFact]
    public void Masked_equality_takes_value_as_the_mask_and_valueTwo_as_the_result()
    {
        const ulong namespaces = 0x7E020000;
        var p = Compile(Profile("SCMP_ACT_ERRNO",
            Entry("SCMP_ACT_ALLOW", ["clone"], null, Arg(0, "SCMP_CMP_MASKED_EQ", namespaces))));

        Run(p, 56, X86_64, 0x3d0f00).Should().Be(ActAllow, "a thread clone sets no namespace flag");
        Run(p, 56, X86_64, 0x10000000 | 0x11).Should().Be(Eperm, "CLONE_NEWUSER is set");
    }

    [LibseccompFact]
    public void Names_libseccomp_does_not_know_are_skipped()
    {
        var p = Compile(Profile("SCMP_ACT_ALLOW", Entry("SCMP_ACT_ERRNO", ["not_a_syscall", "mkdir"])));

        Run(p, Mkdir).Should().Be(Eperm);
    }

    [LibseccompFact]
    public void Syscalls_newer_than_the_profile_get_enosys_on_every_listed_architecture()
    {
        var profile = Profile("SCMP_ACT_ERRNO", Entry("SCMP_ACT_ALLOW", ["read", "write", "openat2"]));
        profile.Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];
        var p = Compile(profile);

        Run(p, Read).Should().Be(ActAllow);
        Run(p, Openat2).Should().Be(ActAllow);
        Run(p, Getpid).Should().Be(Eperm, "older than the profile's newest syscall: the default action");
        Run(p, PidfdGetfd).Should().Be(Enosys);
        Run(p, Newest).Should().Be(Enosys);
        Run(p, X32SyscallBit | Write).Should().Be(ActAllow);
        Run(p, X32SyscallBit | Getpid).Should().Be(Eperm);
        Run(p, X32SyscallBit | PidfdGetfd).Should().Be(Enosys);
        Run(p, 3, X86).Should().Be(ActAllow, "read is 3 on i386");
        Run(p, 20, X86).Should().Be(Eperm, "getpid is 20 on i386");
        Run(p, PidfdGetfd, X86).Should().Be(Enosys);
    }

    [LibseccompFact]
    public void No_enosys_stub_without_architectures_or_when_the_default_is_already_enosys()
    {
        Run(Compile(Profile("SCMP_ACT_ERRNO", Entry("SCMP_ACT_ALLOW", ["read"]))), Newest).Should().Be(Eperm);
        var enosys = new LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ERRNO", DefaultErrnoRet = 38, Architectures = ["SCMP_ARCH_X86_64"],
            Syscalls = [Entry("SCMP_ACT_ALLOW", ["read"])],
        };
        var p = Compile(enosys);
        Run(p, Newest).Should().Be(Enosys);
        p.Length.Should().Be(Compile(new LinuxSeccomp { DefaultAction = "SCMP_ACT_ERRNO", DefaultErrnoRet = 38, Syscalls = [Entry("SCMP_ACT_ALLOW", ["read"])] }).Length);
    }

    [LibseccompFact]
    public void Notify_rules_ask_for_a_listener_resolved_against_the_bundle()
    {
        var profile = Profile("SCMP_ACT_ALLOW", Entry("SCMP_ACT_NOTIFY", ["mkdir"]));
        profile.ListenerPath = "agent.sock";
        profile.ListenerMetadata = "meta";
        var program = SeccompCompiler.Compile(profile, "/bundle");

        program.HasListener.Should().BeTrue();
        program.Flags.Should().Be(FlagNewListener);
        program.ListenerPath.Should().Be("/bundle/agent.sock");
        program.ListenerMetadata.Should().Be("meta");
        Run(SockFilter.Parse(program.Filter), Mkdir).Should().Be(ActNotify);
    }

    [LibseccompFact]
    public void Notify_misuse_is_refused_like_runc()
    {
        var asDefault = Profile("SCMP_ACT_NOTIFY");
        asDefault.ListenerPath = "/a.sock";
        FluentActions.Invoking(() => SeccompCompiler.Compile(asDefault, "/"))
            .Should().Throw<RuntimeException>().WithMessage("*cannot be used as the default action");
        var onWrite = Profile("SCMP_ACT_ALLOW", Entry("SCMP_ACT_NOTIFY", ["write"]));
        onWrite.ListenerPath = "/a.sock";
        FluentActions.Invoking(() => SeccompCompiler.Compile(onWrite, "/"))
            .Should().Throw<RuntimeException>().WithMessage("*cannot be used for the write syscall");
        FluentActions.Invoking(() => SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW", Entry("SCMP_ACT_NOTIFY", ["mkdir"])), "/"))
            .Should().Throw<RuntimeException>().WithMessage("*listenerPath is not set");
    }

    [LibseccompFact]
    public void Unknown_architectures_and_actions_are_clear_errors()
    {
        var arch = Profile("SCMP_ACT_ALLOW");
        arch.Architectures = ["SCMP_ARCH_VAX"];
        FluentActions.Invoking(() => SeccompCompiler.Compile(arch, "/"))
            .Should().Throw<RuntimeException>().WithMessage("seccomp: unknown architecture SCMP_ARCH_VAX");
        FluentActions.Invoking(() => SeccompCompiler.Compile(Profile("SCMP_ACT_DENY"), "/"))
            .Should().Throw<RuntimeException>().WithMessage("seccomp: unknown defaultAction SCMP_ACT_DENY");
    }
}
