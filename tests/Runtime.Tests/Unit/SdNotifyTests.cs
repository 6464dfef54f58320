using System.Diagnostics;
using System.Text;
using FluentAssertions;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.SdNotify;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;
using SpecProcess = Runc.Sharp.Spec.Model.Process;

namespace Runc.Sharp.Runtime.Tests.Unit;

/// <summary>The sd_notify pass-through without containers: message texts, addresses, and the relay on real sockets.</summary>
public sealed class SdNotifyTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData("READY=1", "READY=1")]
    [InlineData("READY=1\n", "READY=1")]
    [InlineData("READY=1\nSTATUS=up", "READY=1")]
    [InlineData("STATUS=up\nREADY=1\nMAINPID=9", "READY=1")]
    [InlineData("READY=", "READY=")]
    [InlineData("STATUS=READY=1", null)]
    [InlineData("STATUS=up", null)]
    [InlineData(" READY=1", null)]
    [InlineData("", null)]
    public void The_READY_line_is_the_first_line_that_starts_with_READY(string datagram, string? expected) =>
        NotifyMessages.ReadyLine(Encoding.UTF8.GetBytes(datagram)).Should().Be(expected);

    [Fact]
    public void The_host_gets_the_READY_line_then_MAINPID_each_in_its_own_datagram_ending_in_a_newline() =>
        NotifyMessages.ForHost("READY=1", 4242).Select(Encoding.UTF8.GetString).Should().Equal("READY=1\n", "MAINPID=4242\n");

    [Fact]
    public void A_path_address_ends_in_a_NUL_and_an_abstract_one_starts_with_one()
    {
        UnixAddress.Encode("/run/x.sock").Should().Equal([1, 0, .. "/run/x.sock"u8.ToArray(), 0]);
        UnixAddress.Encode("@name").Should().Equal([1, 0, 0, .. "name"u8.ToArray()]);
    }

    [Fact]
    public void An_address_too_long_or_empty_is_refused()
    {
        UnixAddress.Encode("/" + new string('a', 106)).Should().HaveCount(2 + 108);
        FluentActions.Invoking(() => UnixAddress.Encode("/" + new string('a', 107))).Should().Throw<SyscallException>().WithMessage("*longer than 107 bytes*");
        FluentActions.Invoking(() => UnixAddress.Encode("@" + new string('a', 108))).Should().Throw<SyscallException>();
        FluentActions.Invoking(() => UnixAddress.Encode("")).Should().Throw<SyscallException>();
    }

    [Fact]
    public void The_container_variable_replaces_any_NOTIFY_SOCKET_of_process_env_and_keeps_the_rest()
    {
        var process = new SpecProcess { Env = ["PATH=/bin", "NOTIFY_SOCKET=/elsewhere", "TERM=xterm", "NOTIFY_SOCKET=/again"] };
        ContainerNotifyDir.SetVariable(process);
        process.Env.Should().Equal("PATH=/bin", "TERM=xterm", "NOTIFY_SOCKET=/run/notify/notify.sock");

        var bare = new SpecProcess();
        ContainerNotifyDir.SetVariable(bare);
        bare.Env.Should().Equal("NOTIFY_SOCKET=/run/notify/notify.sock");
    }

    [Fact]
    public async Task Relay_forwards_the_READY_line_with_MAINPID_and_waits_for_the_barrier()
    {
        using var dir = new TempDir();
        using var host = new HostNotifySocket(dir.Combine("host.sock"));
        using var watched = Sleeper();
        using var relay = BindRelay(dir, host, watched);
        File.GetUnixFileMode(dir.Combine("notify", "notify.sock")).Should().Be((UnixFileMode)0b111_111_111, "every container user may send");

        var forwarding = Task.Run(() => relay.ForwardReady(mainPid: 4242));
        SendToContainerSocket(dir, "STATUS=starting", "WATCHDOG=1\nREADY=1\nSTATUS=up");

        (await forwarding.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        host.Drain(Quiet).Select(m => (m.Text, m.FdCount)).Should().Equal(("READY=1\n", 0), ("MAINPID=4242\n", 0), ("BARRIER=1", 1));
    }

    [Fact]
    public async Task Relay_stops_waiting_when_init_exits_and_tells_the_host_nothing()
    {
        using var dir = new TempDir();
        using var host = new HostNotifySocket(dir.Combine("host.sock"));
        using var watched = Sleeper();
        using var relay = BindRelay(dir, host, watched);

        var forwarding = Task.Run(() => relay.ForwardReady(mainPid: 1));
        SendToContainerSocket(dir, "STATUS=about to fail");
        await Task.Delay(200);
        forwarding.IsCompleted.Should().BeFalse("init still lives");
        watched.Kill();

        (await forwarding.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeFalse("the exit of init ends the wait, and nothing is sent");
        host.Drain(Quiet).Should().BeEmpty();
    }

    [Fact]
    public void A_READY_sent_just_before_init_exits_still_counts()
    {
        using var dir = new TempDir();
        using var host = new HostNotifySocket(dir.Combine("host.sock"));
        using var watched = Sleeper();
        using var relay = BindRelay(dir, host, watched);

        SendToContainerSocket(dir, "READY=1");
        watched.Kill();
        watched.WaitForExit();

        relay.ForwardReady(mainPid: 7).Should().BeTrue();
        host.Drain(Quiet).Select(m => m.Text).Should().Equal("READY=1\n", "MAINPID=7\n", "BARRIER=1");
    }

    [Fact]
    public void Relay_is_not_made_for_a_container_created_without_a_notify_directory()
    {
        using var dir = new TempDir();
        using var watched = Sleeper();
        NotifyRelay.Bind(dir.Path, dir.Combine("host.sock"), watched.Id, StartTime(watched)).Should().BeNull();
    }

    [Fact]
    public void An_unreachable_host_fails_before_the_wait()
    {
        using var dir = new TempDir();
        using var watched = Sleeper();
        Directory.CreateDirectory(dir.Combine("notify"));
        using var relay = NotifyRelay.Bind(dir.Path, dir.Combine("missing.sock"), watched.Id, StartTime(watched))!;

        FluentActions.Invoking(() => relay.ForwardReady(1)).Should().Throw<SyscallException>()
            .WithMessage($"connect to NOTIFY_SOCKET {dir.Combine("missing.sock")}: no such file or directory");
    }

    [Fact]
    public void A_barrier_the_host_never_closes_times_out_and_is_ignored()
    {
        using var dir = new TempDir();
        using var host = new HostNotifySocket(dir.Combine("host.sock"), holdBarriers: true);
        using var client = UnixDatagramSocket.Connect(host.Address, "NOTIFY_SOCKET");
        var watch = Stopwatch.StartNew();

        NotifyBarrier.Await(client, TimeSpan.FromMilliseconds(300)).Should().BeFalse();

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
        host.Next(Quiet).Should().Be(new HostNotifySocket.Message("BARRIER=1", 1));
    }

    [Fact]
    public void A_barrier_closed_by_the_host_returns_at_once()
    {
        using var dir = new TempDir();
        using var host = new HostNotifySocket(dir.Combine("host.sock"));
        using var client = UnixDatagramSocket.Connect(host.Address, "NOTIFY_SOCKET");

        NotifyBarrier.Await(client, TimeSpan.FromSeconds(10)).Should().BeTrue();
    }

    [Collection(ProcessStateCollection.Name)]
    public sealed class Variable
    {
        [Fact]
        public void Taking_NOTIFY_SOCKET_removes_it_from_the_runtime_environment()
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", "@systemd-notify");
            NotifySocketVariable.Take().Should().Be("@systemd-notify");
            Environment.GetEnvironmentVariable("NOTIFY_SOCKET").Should().BeNull("hooks get the runtime's environment and must not notify in the container's place");
            NotifySocketVariable.Take().Should().BeNull();

            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", "");
            NotifySocketVariable.Take().Should().BeNull("an empty NOTIFY_SOCKET means none");
        }
    }

    private static NotifyRelay BindRelay(TempDir dir, HostNotifySocket host, Process watched)
    {
        Directory.CreateDirectory(dir.Combine("notify"));
        return NotifyRelay.Bind(dir.Path, host.Address, watched.Id, StartTime(watched))
            ?? throw new InvalidOperationException("no relay for a state directory with a notify directory");
    }

    /// <summary>What a container process does: one datagram per message to notify/notify.sock.</summary>
    private static void SendToContainerSocket(TempDir dir, params string[] messages)
    {
        using var socket = UnixDatagramSocket.Connect(dir.Combine("notify", "notify.sock"), "container socket");
        foreach (var m in messages)
            socket.Send(Encoding.UTF8.GetBytes(m), "test message");
    }

    /// <summary>A process standing in for the container's init.</summary>
    private static Process Sleeper() => Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;

    private static ulong StartTime(Process p) => ProcFs.Stat(p.Id)?.StartTime ?? throw new InvalidOperationException("no /proc stat");
}
