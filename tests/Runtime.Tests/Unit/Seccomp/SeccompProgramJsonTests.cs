using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Security.Seccomp;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit.Seccomp;

/// <summary>The compiled program travels to init in its config and is kept in state.json for exec.</summary>
public class SeccompProgramJsonTests
{
    private static readonly SeccompProgram Program = new()
    {
        Filter = SockFilter.Encode([new SockFilter(SockFilter.LdWAbs, 0, 0, 4), new SockFilter(SockFilter.RetK, 0, 0, SeccompConstants.ActAllow)]),
        Flags = SeccompConstants.FlagNewListener | SeccompConstants.FlagLog,
        ListenerPath = "/run/agent.sock",
        ListenerMetadata = "m",
    };

    [Fact]
    public void Init_config_carries_the_program()
    {
        var json = InitWire.Header(new InitConfig { Seccomp = Program });
        var back = InitWire.ReadHeader(json).Seccomp!;

        back.Should().BeEquivalentTo(Program);
        back.HasListener.Should().BeTrue();
        back.Instructions.Should().Be(2);
        System.Text.Encoding.UTF8.GetString(json).Should().Contain("\"filter\":\"" + Convert.ToBase64String(Program.Filter) + "\"");
    }

    [Fact]
    public void State_record_keeps_the_program_and_has_none_without_seccomp()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new ContainerRecord { Id = "x", Seccomp = Program }, ContainersJsonContext.Default.ContainerRecord);
        JsonSerializer.Deserialize(json, ContainersJsonContext.Default.ContainerRecord)!.Seccomp.Should().BeEquivalentTo(Program);

        var plain = JsonSerializer.SerializeToUtf8Bytes(new ContainerRecord { Id = "x" }, ContainersJsonContext.Default.ContainerRecord);
        System.Text.Encoding.UTF8.GetString(plain).Should().NotContain("seccomp");
    }

    [Fact]
    public void Sock_filter_bytes_are_the_kernel_layout()
    {
        var bytes = SockFilter.Encode([new SockFilter(0x0015, 1, 2, 0xc000003e)]);
        bytes.Should().Equal(0x15, 0x00, 1, 2, 0x3e, 0x00, 0x00, 0xc0);
        SockFilter.Parse(bytes).Should().Equal(new SockFilter(0x0015, 1, 2, 0xc000003e));
    }
}
