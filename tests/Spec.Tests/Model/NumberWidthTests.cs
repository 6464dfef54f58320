using System.Text;
using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Model;

public class NumberWidthTests
{
    private const string Extremes = """
        {
          "ociVersion": "1.3.0",
          "process": {
            "cwd": "/",
            "consoleSize": {"height": 18446744073709551615, "width": 0},
            "user": {"uid": 4294967295, "gid": 4294967295, "umask": 18, "additionalGids": [0, 4294967295]},
            "oomScoreAdj": -1000,
            "rlimits": [{"type": "RLIMIT_AS", "hard": 18446744073709551615, "soft": 9223372036854775808}],
            "scheduler": {"policy": "SCHED_DEADLINE", "nice": -20, "priority": 2147483647, "runtime": 18446744073709551615, "deadline": 1, "period": 2},
            "ioPriority": {"class": "IOPRIO_CLASS_BE", "priority": -2147483648}
          },
          "linux": {
            "devices": [{"path": "/dev/x", "type": "c", "major": -9223372036854775808, "minor": 9223372036854775807}],
            "resources": {
              "memory": {"limit": -9223372036854775808, "reservation": 9223372036854775807, "swap": -1, "kernel": -1, "kernelTCP": -1, "swappiness": 18446744073709551615},
              "cpu": {"shares": 18446744073709551615, "quota": -1, "burst": 18446744073709551615, "period": 18446744073709551615, "realtimeRuntime": -9223372036854775808, "realtimePeriod": 18446744073709551615, "idle": -1},
              "pids": {"limit": -1},
              "hugepageLimits": [{"pageSize": "1GB", "limit": 18446744073709551615}],
              "blockIO": {"weight": 65535, "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 18446744073709551615}]}
            },
            "seccomp": {
              "defaultAction": "SCMP_ACT_ERRNO",
              "defaultErrnoRet": 4294967295,
              "syscalls": [{"names": ["ioctl"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 4294967295, "value": 18446744073709551615, "valueTwo": 18446744073709551614, "op": "SCMP_CMP_MASKED_EQ"}]}]
            },
            "timeOffsets": {"monotonic": {"secs": -9223372036854775808, "nanosecs": 4294967295}}
          }
        }
        """;

    [Fact]
    public void Extreme_values_are_read_into_the_right_widths()
    {
        RuntimeConfig config = SpecJson.ReadConfig(Encoding.UTF8.GetBytes(Extremes));

        config.Process!.ConsoleSize!.Height.Should().Be(ulong.MaxValue);
        config.Process.User!.Uid.Should().Be(uint.MaxValue);
        config.Process.User.AdditionalGids.Should().Equal(0u, uint.MaxValue);
        config.Process.OomScoreAdj.Should().Be(-1000);
        config.Process.Rlimits![0].Hard.Should().Be(ulong.MaxValue);
        config.Process.Rlimits[0].Soft.Should().Be((ulong)long.MaxValue + 1);
        config.Process.Scheduler!.Runtime.Should().Be(ulong.MaxValue);
        config.Process.IoPriority!.Priority.Should().Be(int.MinValue);

        LinuxConfig linux = config.Linux!;
        linux.Devices![0].Major.Should().Be(long.MinValue);
        linux.Devices[0].Minor.Should().Be(long.MaxValue);
        linux.Resources!.Memory!.Limit.Should().Be(long.MinValue);
        linux.Resources.Memory.Swap.Should().Be(-1);
        linux.Resources.Memory.Swappiness.Should().Be(ulong.MaxValue);
        linux.Resources.Cpu!.Shares.Should().Be(ulong.MaxValue);
        linux.Resources.Cpu.Quota.Should().Be(-1);
        linux.Resources.Cpu.RealtimeRuntime.Should().Be(long.MinValue);
        linux.Resources.Pids!.Limit.Should().Be(-1);
        linux.Resources.HugepageLimits![0].Limit.Should().Be(ulong.MaxValue);
        linux.Resources.BlockIO!.Weight.Should().Be(ushort.MaxValue);
        linux.Seccomp!.DefaultErrnoRet.Should().Be(uint.MaxValue);
        linux.Seccomp.Syscalls![0].Args![0].Value.Should().Be(ulong.MaxValue);
        linux.Seccomp.Syscalls[0].Args![0].ValueTwo.Should().Be(ulong.MaxValue - 1);
        linux.TimeOffsets!["monotonic"].Secs.Should().Be(long.MinValue);
    }

    [Fact]
    public void Extreme_values_are_written_back_digit_for_digit()
    {
        byte[] input = Encoding.UTF8.GetBytes(Extremes);

        string output = Encoding.UTF8.GetString(SpecJson.WriteConfig(SpecJson.ReadConfig(input)));

        JsonTree.AssertEquivalent(Extremes, output);
        output.Should().Contain("\"hard\": 18446744073709551615");
        output.Should().Contain("\"soft\": 9223372036854775808");
        output.Should().Contain("\"limit\": -9223372036854775808");
        output.Should().Contain("\"secs\": -9223372036854775808");
        output.Should().Contain("\"value\": 18446744073709551615");
        output.Should().NotContain("E+", "integers must never be written in exponent form");
    }

    [Theory]
    [InlineData("""{"ociVersion":"1","process":{"cwd":"/","user":{"uid":-1}}}""")]
    [InlineData("""{"ociVersion":"1","process":{"cwd":"/","user":{"uid":4294967296}}}""")]
    [InlineData("""{"ociVersion":"1","process":{"cwd":"/","rlimits":[{"type":"RLIMIT_AS","hard":18446744073709551616,"soft":0}]}}""")]
    [InlineData("""{"ociVersion":"1","process":{"cwd":"/","rlimits":[{"type":"RLIMIT_AS","hard":-1,"soft":0}]}}""")]
    [InlineData("""{"ociVersion":"1","linux":{"resources":{"memory":{"limit":9223372036854775808}}}}""")]
    [InlineData("""{"ociVersion":"1","linux":{"resources":{"blockIO":{"weight":65536}}}}""")]
    [InlineData("""{"ociVersion":"1","linux":{"resources":{"pids":{"limit":"10"}}}}""")]
    [InlineData("""{"ociVersion":"1","linux":{"resources":{"cpu":{"shares":1.5}}}}""")]
    public void Out_of_range_or_mistyped_numbers_are_rejected(string json)
    {
        Action read = () => SpecJson.ReadConfig(Encoding.UTF8.GetBytes(json));

        read.Should().Throw<JsonException>();
    }
}
