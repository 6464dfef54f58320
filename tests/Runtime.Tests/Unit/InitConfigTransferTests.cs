using FluentAssertions;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public class InitConfigTransferTests
{
    private static byte[] SampleDocument() => """
        {"ociVersion":"1.3.0","hostname":"h1","root":{"path":"rootfs","readonly":true},
         "process":{"args":["sh","-c","echo hi"],"cwd":"/","env":["A=b"],"user":{"uid":1,"gid":2},
                    "rlimits":[{"type":"RLIMIT_NOFILE","hard":1024,"soft":1024}]},
         "mounts":[{"destination":"/proc","type":"proc","source":"proc"}],
         "annotations":{"x":"y"},
         "linux":{"namespaces":[{"type":"mount"}],"maskedPaths":["/proc/kcore"],"sysctl":{"net.ipv4.ip_forward":"1"},
                  "resources":{"pids":{"limit":16}},"someFutureField":{"kept":true}}}
        """u8.ToArray();

    [Fact]
    public void Header_config_and_process_arrive_unchanged()
    {
        var (a, b) = Syscalls.SocketPair();
        using var sender = new MessageChannel(a);
        using var receiver = new MessageChannel(b);
        var document = SampleDocument();
        var config = SpecJson.ReadConfig(document);
        var exec = SpecJson.ReadProcess("""{"args":["ls"],"cwd":"/tmp","terminal":false}"""u8);
        var sent = new InitConfig
        {
            IsExec = true, ContainerId = "c1", Bundle = "/b", Rootfs = "/b/rootfs", Process = exec,
            NoPivot = true, ExecFifoFd = 5, ConsoleSocketFd = 6, PidfdSocketFd = 7, PreservedFds = 2, ExtraEnv = ["LISTEN_FDS=1"],
            InUserNamespace = true, NewCgroupNamespace = true, NotifyDirFd = 8,
        };

        InitConfigTransfer.Send(sender, sent, document);
        var got = InitConfigTransfer.Receive(receiver)!;

        got.Should().BeEquivalentTo(sent, o => o.Excluding(c => c.Config).Excluding(c => c.Process));
        got.Process.Should().BeEquivalentTo(exec);
        // Init gets the parts it uses (InitSpecReaderTests compares them all), not the cgroup limits.
        got.Config.Hostname.Should().Be("h1");
        got.Config.Root.Should().BeEquivalentTo(config.Root);
        got.Config.Mounts.Should().BeEquivalentTo(config.Mounts, o => o.Excluding(m => m.Extra));
        got.Config.Annotations.Should().Equal(config.Annotations);
        got.Config.Linux!.Sysctl.Should().Equal(config.Linux!.Sysctl);
        got.Config.Linux.MaskedPaths.Should().Equal(config.Linux.MaskedPaths);
        got.Config.Linux.Resources!.Pids.Should().BeNull();
    }

    [Fact]
    public void Runtime_gone_before_sending_is_null()
    {
        var (a, b) = Syscalls.SocketPair();
        LibC.close(a);
        using var receiver = new MessageChannel(b);

        InitConfigTransfer.Receive(receiver).Should().BeNull();
    }

    [Fact]
    public void Runtime_gone_after_the_header_is_an_error()
    {
        var (a, b) = Syscalls.SocketPair();
        using var receiver = new MessageChannel(b);
        using (var sender = new MessageChannel(a))
            sender.SendBytes(InitWire.Header(new InitConfig { ContainerId = "c1" }));

        var act = () => InitConfigTransfer.Receive(receiver);

        act.Should().Throw<SyscallException>().WithMessage("*read init config*");
    }

    [Fact]
    public void Messages_round_trip_and_keep_the_wire_names()
    {
        var json = InitWire.Message(new InitMessage { Type = InitMessage.SeccompListener, Message = "m\"1", Fd = 7 });

        System.Text.Encoding.UTF8.GetString(json).Should().Be("{\"type\":\"seccompListener\",\"message\":\"m\\u00221\",\"fd\":7}");
        InitWire.ReadMessage(json).Should().BeEquivalentTo(new InitMessage { Type = InitMessage.SeccompListener, Message = "m\"1", Fd = 7 });
        InitWire.ReadMessage("{\"type\":\"ready\"}"u8.ToArray()).Should().BeEquivalentTo(InitMessage.Of(InitMessage.Ready));
    }
}
