using FluentAssertions;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Model;
using Xunit;
using static Runc.Sharp.Runtime.Security.Seccomp.SeccompConstants;

namespace Runc.Sharp.Runtime.Tests.Unit.Seccomp;

/// <summary>Profile entries → libseccomp rules, with runc's semantics (no libseccomp needed).</summary>
public class SeccompRuleSetTests
{
    private static LinuxSyscall Entry(string action, string[] names, uint? errno = null, params LinuxSeccompArg[] args) =>
        new() { Action = action, Names = names.ToList(), ErrnoRet = errno, Args = args.Length == 0 ? null : args.ToList() };

    private static LinuxSeccompArg Arg(uint index, string op, ulong value, ulong? two = null) =>
        new() { Index = index, Op = op, Value = value, ValueTwo = two };

    [Fact]
    public void Every_name_of_an_entry_becomes_its_own_rule()
    {
        var rules = SeccompRuleSet.Plan([Entry("SCMP_ACT_ERRNO", ["mkdir", "rmdir", "unlink"])], ActAllow);

        rules.Select(r => r.Syscall).Should().Equal("mkdir", "rmdir", "unlink");
        rules.Should().OnlyContain(r => r.Action == ActErrno(1) && r.Conditions.Count == 0);
    }

    [Fact]
    public void Errno_and_trace_return_eperm_unless_errnoRet_says_otherwise()
    {
        var rules = SeccompRuleSet.Plan(
        [
            Entry("SCMP_ACT_ERRNO", ["a"]), Entry("SCMP_ACT_ERRNO", ["b"], 38),
            Entry("SCMP_ACT_TRACE", ["c"]), Entry("SCMP_ACT_TRACE", ["d"], 5),
        ], ActAllow);

        rules.Select(r => r.Action).Should().Equal(0x00050001u, 0x00050026u, 0x7ff00001u, 0x7ff00005u);
    }

    [Theory]
    [InlineData("SCMP_ACT_KILL", 0x00000000u)]
    [InlineData("SCMP_ACT_KILL_THREAD", 0x00000000u)]
    [InlineData("SCMP_ACT_KILL_PROCESS", 0x80000000u)]
    [InlineData("SCMP_ACT_TRAP", 0x00030000u)]
    [InlineData("SCMP_ACT_ALLOW", 0x7fff0000u)]
    [InlineData("SCMP_ACT_LOG", 0x7ffc0000u)]
    [InlineData("SCMP_ACT_NOTIFY", 0x7fc00000u)]
    public void Actions_map_to_the_values_of_seccomp_h(string name, uint value)
    {
        Action(name, null).Should().Be(value);
        ActionNames.Should().Contain(name);
    }

    [Fact]
    public void An_unknown_action_is_an_error_naming_it()
    {
        var act = () => SeccompRuleSet.Plan([Entry("SCMP_ACT_DENY", ["mkdir"])], ActAllow);
        act.Should().Throw<RuntimeException>().WithMessage("seccomp: unknown action SCMP_ACT_DENY");
    }

    [Fact]
    public void A_rule_with_the_default_action_is_dropped()
    {
        var rules = SeccompRuleSet.Plan(
        [
            Entry("SCMP_ACT_ERRNO", ["a"], 1), Entry("SCMP_ACT_ERRNO", ["b"], 2), Entry("SCMP_ACT_ALLOW", ["c"]),
        ], ActErrno(1));

        rules.Select(r => r.Syscall).Should().Equal("b", "c");
    }

    [Fact]
    public void Conditions_on_different_arguments_stay_in_one_rule()
    {
        var rules = SeccompRuleSet.Plan(
            [Entry("SCMP_ACT_ALLOW", ["socket"], null, Arg(0, "SCMP_CMP_EQ", 1), Arg(1, "SCMP_CMP_MASKED_EQ", 0xf, 1))],
            ActErrno(1));

        rules.Should().ContainSingle();
        rules[0].Conditions.Should().Equal(new SeccompCondition(0, 4, 1, 0), new SeccompCondition(1, 7, 0xf, 1));
    }

    [Fact]
    public void Two_conditions_on_the_same_argument_are_split_into_rules_like_runc()
    {
        var rules = SeccompRuleSet.Plan(
            [Entry("SCMP_ACT_ALLOW", ["personality", "x"], null,
                Arg(0, "SCMP_CMP_EQ", 0), Arg(0, "SCMP_CMP_EQ", 8), Arg(1, "SCMP_CMP_NE", 3))],
            ActErrno(1));

        rules.Should().HaveCount(6);
        rules.Should().OnlyContain(r => r.Conditions.Count == 1);
        rules.Where(r => r.Syscall == "personality").Select(r => r.Conditions[0]).Should().Equal(
            new SeccompCondition(0, 4, 0, 0), new SeccompCondition(0, 4, 8, 0), new SeccompCondition(1, 1, 3, 0));
    }

    [Theory]
    [InlineData("SCMP_CMP_NE", 1)]
    [InlineData("SCMP_CMP_LT", 2)]
    [InlineData("SCMP_CMP_LE", 3)]
    [InlineData("SCMP_CMP_EQ", 4)]
    [InlineData("SCMP_CMP_GE", 5)]
    [InlineData("SCMP_CMP_GT", 6)]
    [InlineData("SCMP_CMP_MASKED_EQ", 7)]
    public void Operators_map_to_enum_scmp_compare(string name, int value) =>
        SeccompRuleSet.Plan([Entry("SCMP_ACT_ALLOW", ["a"], null, Arg(2, name, 9))], ActKillThread)
            .Single().Conditions.Single().Op.Should().Be(value);

    [Fact]
    public void Bad_operators_indexes_and_names_are_errors()
    {
        FluentActions.Invoking(() => SeccompRuleSet.Plan([Entry("SCMP_ACT_ALLOW", ["a"], null, Arg(0, "SCMP_CMP_MASKED_NE", 1))], ActKillThread))
            .Should().Throw<RuntimeException>().WithMessage("seccomp: unknown operator SCMP_CMP_MASKED_NE");
        FluentActions.Invoking(() => SeccompRuleSet.Plan([Entry("SCMP_ACT_ALLOW", ["a"], null, Arg(6, "SCMP_CMP_EQ", 1))], ActKillThread))
            .Should().Throw<RuntimeException>().WithMessage("*index 6 is outside 0..5");
        FluentActions.Invoking(() => SeccompRuleSet.Plan([Entry("SCMP_ACT_ALLOW", ["a", ""])], ActKillThread))
            .Should().Throw<RuntimeException>().WithMessage("*empty string is not a valid syscall name");
    }
}
