using FluentAssertions;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Execution;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public sealed class IoPriorityValueTests
{
    [Theory]
    [InlineData("IOPRIO_CLASS_RT", 0, (1 << 13) | 0)]
    [InlineData("IOPRIO_CLASS_BE", 4, (2 << 13) | 4)]
    [InlineData("IOPRIO_CLASS_IDLE", 7, (3 << 13) | 7)]
    public void Class_and_level_become_one_value(string ioClass, int level, int expected) =>
        IoPriorityValue.Of(new IoPriority { Class = ioClass, Priority = level }).Should().Be(expected);

    [Fact]
    public void A_missing_level_is_zero() =>
        IoPriorityValue.Of(new IoPriority { Class = "IOPRIO_CLASS_IDLE" }).Should().Be(3 << 13);

    [Theory]
    [InlineData("IOPRIO_CLASS_NONE", 0, "invalid io priority class: IOPRIO_CLASS_NONE")]
    [InlineData("IOPRIO_CLASS_BE", 8, "invalid ioPriority.priority: 8")]
    [InlineData("IOPRIO_CLASS_BE", -1, "invalid ioPriority.priority: -1")]
    public void Unknown_classes_and_levels_are_refused(string ioClass, int level, string message) =>
        FluentActions.Invoking(() => IoPriorityValue.Of(new IoPriority { Class = ioClass, Priority = level }))
            .Should().Throw<RuntimeException>().WithMessage(message + "*");

    [Theory]
    [InlineData((2 << 13) | 4, "best-effort: prio 4")]
    [InlineData((1 << 13) | 0, "realtime: prio 0")]
    [InlineData(3 << 13, "idle")]
    [InlineData(0, "none")]
    public void Described_as_ionice_prints_it(int value, string text) => IoPriorityValue.Describe(value).Should().Be(text);
}

public sealed class SchedulerPolicyTests
{
    [Theory]
    [InlineData("SCHED_OTHER", 0u)]
    [InlineData("SCHED_FIFO", 1u)]
    [InlineData("SCHED_RR", 2u)]
    [InlineData("SCHED_BATCH", 3u)]
    [InlineData("SCHED_ISO", 4u)]
    [InlineData("SCHED_IDLE", 5u)]
    [InlineData("SCHED_DEADLINE", 6u)]
    public void Policy_names_map_to_the_kernel_numbers(string name, uint number)
    {
        var s = new Scheduler { Policy = name };
        if (SchedulerPolicy.IsRealtime(number))
            s.Priority = 1;
        SchedulerPolicy.Of(s).Policy.Should().Be(number);
    }

    [Fact]
    public void Flags_are_or_ed_and_fields_carried()
    {
        var a = SchedulerPolicy.Of(new Scheduler
        {
            Policy = "SCHED_DEADLINE",
            Flags = ["SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM", "SCHED_FLAG_UTIL_CLAMP_MAX"],
            Runtime = 42000,
            Deadline = 100000,
            Period = 1000000,
        });
        a.Should().Be(new SchedulerAttributes(6, 0x01 | 0x02 | 0x40, 0, 0, 42000, 100000, 1000000));
    }

    [Fact]
    public void Nice_goes_with_the_normal_policies() =>
        SchedulerPolicy.Of(new Scheduler { Policy = "SCHED_BATCH", Nice = 19 }).Nice.Should().Be(19);

    [Theory]
    [InlineData("""{"policy":""}""", "scheduler policy is required")]
    [InlineData("""{"policy":"SCHED_FOO"}""", "invalid scheduler policy: SCHED_FOO")]
    [InlineData("""{"policy":"SCHED_OTHER","flags":["SCHED_FLAG_FOO"]}""", "invalid scheduler flag: SCHED_FLAG_FOO")]
    [InlineData("""{"policy":"SCHED_OTHER","nice":20}""", "invalid scheduler.nice: 20*")]
    [InlineData("""{"policy":"SCHED_OTHER","priority":5}""", "scheduler.priority can only be specified for SCHED_FIFO or SCHED_RR policy")]
    [InlineData("""{"policy":"SCHED_FIFO"}""", "scheduler policy SCHED_FIFO needs a priority in 1..99, got 0")]
    [InlineData("""{"policy":"SCHED_RR","priority":100}""", "*needs a priority in 1..99, got 100")]
    [InlineData("""{"policy":"SCHED_BATCH","runtime":1000}""", "scheduler runtime/deadline/period can only be specified for SCHED_DEADLINE policy")]
    [InlineData("""{"policy":"SCHED_DEADLINE","runtime":2000,"deadline":1000}""", "scheduler SCHED_DEADLINE needs runtime <= deadline <= period, got 2000/1000/0")]
    [InlineData("""{"policy":"SCHED_DEADLINE","runtime":10,"deadline":3000,"period":2000}""", "*got 10/3000/2000")]
    public void Runc_rules_on_which_fields_go_with_which_policy(string json, string message)
    {
        var s = Spec.Serialization.SpecJson.ReadProcess(System.Text.Encoding.UTF8.GetBytes($$"""{"cwd":"/","scheduler":{{json}}}""")).Scheduler!;
        FluentActions.Invoking(() => SchedulerPolicy.Of(s)).Should().Throw<RuntimeException>().WithMessage(message);
    }
}

public sealed class CpuMaskTests
{
    [Fact]
    public void A_list_sets_one_bit_per_cpu()
    {
        CpuMask.Parse("0-3,7", 7, "x").Should().Equal(0b1000_1111UL);
        CpuMask.Parse("1,64,130", 191, "x").Should().Equal(0b10UL, 1UL, 1UL << 2);
    }

    [Fact]
    public void A_cpu_that_cannot_exist_is_named_in_the_error() =>
        FluentActions.Invoking(() => CpuMask.Parse("0,5", 1, "execCPUAffinity.final"))
            .Should().Throw<RuntimeException>()
            .WithMessage("invalid execCPUAffinity.final 0,5: \"5\" goes beyond the last possible number, 1");

    [Theory]
    [InlineData(new ulong[] { 0b1011 }, "0-1,3")]
    [InlineData(new ulong[] { 1UL << 63, 1 }, "63-64")]
    [InlineData(new ulong[] { 0 }, "")]
    [InlineData(new ulong[] { ulong.MaxValue }, "0-63")]
    public void Masks_read_back_as_lists(ulong[] mask, string list) => CpuMask.ToList(mask).Should().Be(list);

    [Fact]
    public void All_sets_every_bit() => CpuMask.All(2).Should().Equal(ulong.MaxValue, ulong.MaxValue);

    [Theory]
    [InlineData("0-1", 1)]
    [InlineData("0-3,8-15", 15)]
    [InlineData("0", 0)]
    public void The_last_possible_cpu_is_read_from_the_sysfs_list(string possible, int last) =>
        PossibleCpus.LastOf(possible).Should().Be(last);
}

public sealed class PersonalityDomainTests
{
    [Theory]
    [InlineData("LINUX", 0x0000u)]
    [InlineData("LINUX32", 0x0008u)]
    public void Domains_map_to_personality_values(string domain, uint value) =>
        PersonalityDomain.Of(new LinuxPersonality { Domain = domain }).Should().Be(value);

    [Fact]
    public void Flags_are_ignored_as_the_spec_defines_none() =>
        PersonalityDomain.Of(new LinuxPersonality { Domain = "LINUX32", Flags = ["ADDR_NO_RANDOMIZE"] }).Should().Be(0x0008u);

    [Fact]
    public void An_unknown_domain_is_refused() =>
        FluentActions.Invoking(() => PersonalityDomain.Of(new LinuxPersonality { Domain = "LINUX64" }))
            .Should().Throw<RuntimeException>().WithMessage("invalid personality domain LINUX64");
}
