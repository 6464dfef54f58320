using System.Runtime.Versioning;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups.Devices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

/// <summary>The eBPF device filter for a few rule sets, instruction by instruction (runc's devicefilter cases).</summary>
[SupportedOSPlatform("linux")]
public class DeviceFilterProgramTests
{
    private const string Prologue = """
        LdXMemW dst: r2 src: r1 off: 0 imm: 0
        AndImm32 dst: r2 imm: 65535
        LdXMemW dst: r3 src: r1 off: 0 imm: 0
        RShImm32 dst: r3 imm: 16
        LdXMemW dst: r4 src: r1 off: 4 imm: 0
        LdXMemW dst: r5 src: r1 off: 8 imm: 0
        """;

    private static DeviceRule Rule(char type, long major, long minor, string access, bool allow) => new(type, major, minor, access, allow);

    private static string[] Listing(IEnumerable<DeviceRule> rules) =>
        DeviceFilterProgram.Generate(rules).Select(i => i.ToString()).ToArray();

    private static string[] Expected(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//")).ToArray();

    [Fact]
    public void No_rules_deny_everything() =>
        Listing([]).Should().Equal(Expected(Prologue + """

            MovImm32 dst: r0 imm: 0
            Exit
            """));

    [Fact]
    public void Runc_default_allow_list()
    {
        DeviceRule[] rules =
        [
            Rule('c', -1, -1, "m", true), Rule('b', -1, -1, "m", true), Rule('c', 1, 3, "rwm", true),
            Rule('c', 1, 8, "rwm", true), Rule('c', 1, 7, "rwm", true), Rule('c', 5, 0, "rwm", true),
            Rule('c', 1, 5, "rwm", true), Rule('c', 1, 9, "rwm", true), Rule('c', 136, -1, "rwm", true),
            Rule('c', 5, 2, "rwm", true), Rule('c', 10, 200, "rwm", true),
        ];
        Listing(rules).Should().Equal(Expected(Prologue + """

            // b *:* m: block device, access must be within m (mknod = 1)
            JNEImm dst: r2 off: 5 imm: 1
            MovReg32 dst: r1 src: r3
            AndImm32 dst: r1 imm: 1
            JNEReg dst: r1 off: 2 src: r3
            MovImm32 dst: r0 imm: 1
            Exit
            // c *:* m
            JNEImm dst: r2 off: 5 imm: 2
            MovReg32 dst: r1 src: r3
            AndImm32 dst: r1 imm: 1
            JNEReg dst: r1 off: 2 src: r3
            MovImm32 dst: r0 imm: 1
            Exit
            // c 1:3 rwm (no access check)
            JNEImm dst: r2 off: 4 imm: 2
            JNEImm dst: r4 off: 3 imm: 1
            JNEImm dst: r5 off: 2 imm: 3
            MovImm32 dst: r0 imm: 1
            Exit
            JNEImm dst: r2 off: 4 imm: 2
            JNEImm dst: r4 off: 3 imm: 1
            JNEImm dst: r5 off: 2 imm: 5
            MovImm32 dst: r0 imm: 1
            Exit
            JNEImm dst: r2 off: 4 imm: 2
            JNEImm dst: r4 off: 3 imm: 1
            JNEImm dst: r5 off: 2 imm: 7
            MovImm32 dst: r0 imm: 1
            Exit
            JNEImm dst: r2 off: 4 imm: 2
            JNEImm dst: r4 off: 3 imm: 1
            JNEImm dst: r5 off: 2 imm: 8
            MovImm32 dst: r0 imm: 1
            Exit
            JNEImm dst: r2 off: 4 imm: 2
            JNEImm dst: r4 off: 3 imm: 1
            JNEImm dst: r5 off: 2 imm: 9
            MovImm32 dst: r0 imm: 1
            Exit
            JNEImm dst: r2 off: 4 imm: 2
            JNEImm dst: r4 off: 3 imm: 5
            JNEImm dst: r5 off: 2 imm: 0
            MovImm32 dst: r0 imm: 1
            Exit
            JNEImm dst: r2 off: 4 imm: 2
            JNEImm dst: r4 off: 3 imm: 5
            JNEImm dst: r5 off: 2 imm: 2
            MovImm32 dst: r0 imm: 1
            Exit
            // tuntap c 10:200
            JNEImm dst: r2 off: 4 imm: 2
            JNEImm dst: r4 off: 3 imm: 10
            JNEImm dst: r5 off: 2 imm: 200
            MovImm32 dst: r0 imm: 1
            Exit
            // /dev/pts c 136:* (no minor check)
            JNEImm dst: r2 off: 3 imm: 2
            JNEImm dst: r4 off: 2 imm: 136
            MovImm32 dst: r0 imm: 1
            Exit
            // default: deny
            MovImm32 dst: r0 imm: 0
            Exit
            """));
    }

    [Fact]
    public void Privileged_allows_everything() =>
        Listing([Rule('a', -1, -1, "rwm", true)]).Should().Equal(Expected(Prologue + """

            MovImm32 dst: r0 imm: 1
            Exit
            """));

    [Fact]
    public void Privileged_except_one_device()
    {
        Listing([Rule('a', -1, -1, "rwm", true), Rule('b', 8, 0, "rwm", false)]).Should().Equal(Expected(Prologue + """

            JNEImm dst: r2 off: 4 imm: 1
            JNEImm dst: r4 off: 3 imm: 8
            JNEImm dst: r5 off: 2 imm: 0
            MovImm32 dst: r0 imm: 0
            Exit
            MovImm32 dst: r0 imm: 1
            Exit
            """));
    }

    [Fact]
    public void An_all_rule_resets_what_came_before()
    {
        // b 8:1 is denied, then "a" allows everything again, then b 8:2 is denied (cgroup v1 semantics).
        Listing([Rule('b', 8, 1, "rwm", false), Rule('a', -1, -1, "rwm", true), Rule('b', 8, 2, "rwm", false)])
            .Should().Equal(Expected(Prologue + """

            JNEImm dst: r2 off: 4 imm: 1
            JNEImm dst: r4 off: 3 imm: 8
            JNEImm dst: r5 off: 2 imm: 2
            MovImm32 dst: r0 imm: 0
            Exit
            MovImm32 dst: r0 imm: 1
            Exit
            """));
    }

    [Fact]
    public void Rules_for_the_same_device_merge_and_a_later_deny_takes_access_away()
    {
        var set = DeviceRuleSet.From([
            Rule('a', -1, -1, "rwm", false), Rule('c', 1, 3, "r", true), Rule('c', 1, 3, "w", true),
            Rule('c', 4, 1, "rwm", true), Rule('c', 4, 1, "rw", false),
        ]);
        set.DefaultAllow.Should().BeFalse();
        set.Exceptions().Select(r => r.CgroupString).Should().Equal("c 1:3 rw", "c 4:1 m");
    }

    [Fact]
    public void Punching_a_hole_in_a_wildcard_rule_is_refused()
    {
        var act = () => DeviceRuleSet.From([Rule('a', -1, -1, "rwm", false), Rule('c', 1, -1, "rwm", true), Rule('c', 1, 3, "w", false)]);
        act.Should().Throw<RuntimeException>().WithMessage("*cannot punch a hole*c 1:* rwm*");
    }

    [Fact]
    public void Spec_rules_default_to_all_types_and_wildcards_and_need_access()
    {
        DeviceRule.FromSpec([new LinuxDeviceCgroup { Allow = false, Access = "mrw" }])
            .Should().Equal(Rule('a', -1, -1, "rwm", false));
        var act = () => DeviceRule.FromSpec([new LinuxDeviceCgroup { Allow = true, Type = "c" }]);
        act.Should().Throw<RuntimeException>().WithMessage("*access*cannot be empty*");
        var bad = () => DeviceRule.FromSpec([new LinuxDeviceCgroup { Allow = true, Type = "u", Access = "r" }]);
        bad.Should().Throw<RuntimeException>().WithMessage("invalid cgroup device type u*");
    }

    [Fact]
    public void Instructions_encode_as_struct_bpf_insn()
    {
        var bytes = BpfInstruction.Encode([
            BpfInstruction.LoadWord(4, 1, 4),
            BpfInstruction.JneImm(2, 2, 5),
            BpfInstruction.JneReg(1, 3, 2),
            BpfInstruction.Exit(),
        ]);
        bytes.Should().Equal(
            0x61, 0x14, 4, 0, 0, 0, 0, 0, // ldxw r4 = *(u32 *)(r1 + 4): dst in the low nibble
            0x55, 0x02, 5, 0, 2, 0, 0, 0, // if r2 != 2 goto +5
            0x5d, 0x31, 2, 0, 0, 0, 0, 0, // if r1 != r3 goto +2
            0x95, 0x00, 0, 0, 0, 0, 0, 0); // exit
    }
}
