using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// NOTIFY_SOCKET (cli-contract §3.6), runc's sd_notify pass-through: the test holds the host's
/// datagram socket as systemd would; inside, the static `sdnotify` helper sends to the socket
/// runcs binds in the container's state directory and mounts at /run/notify.
/// </summary>
public sealed class NotifySocketTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private static Bundle NotifyBundle(RuncsSandbox rc, string script) =>
        SdNotifyHelper.InstallInto(rc.NewBundle("sh", "-c", script));

    private static RunOptions With(HostNotifySocket host) => new() { Environment = host.Environment };

    private static int InitPid(RuncsSandbox rc, string id) => rc.State(id)["pid"]!.GetValue<int>();

    private static IEnumerable<string> Texts(IEnumerable<HostNotifySocket.Message> messages) => messages.Select(m => m.Text);

    [SdNotifyFact]
    public void Create_and_start_forward_READY_then_MAINPID_of_init_then_a_barrier()
    {
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"));
        var b = NotifyBundle(rc, "sdnotify READY=1; exec sleep 600");

        rc.Run(With(host), "create", "--bundle", b.Dir, "n1").ShouldSucceed();
        Directory.Exists(Path.Combine(rc.Root, "n1", "notify")).Should().BeTrue("create makes the notify directory in the state directory");
        rc.Run(With(host), "start", "n1").ShouldSucceed();

        var messages = host.Drain(Quiet);
        Texts(messages).Should().Equal("READY=1\n", $"MAINPID={InitPid(rc, "n1")}\n", "BARRIER=1");
        messages[2].FdCount.Should().Be(1, "BARRIER=1 carries the write end of a pipe (sd_notify_barrier)");
        rc.Status("n1").Should().Be("running");
        rc.Run("delete", "--force", "n1").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public void Start_returns_only_once_the_container_is_ready()
    {
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"));
        var b = NotifyBundle(rc, "sdnotify STATUS=starting; sleep 1; sdnotify 'STATUS=up\\nREADY=1'; exec sleep 600");

        rc.Run(With(host), "create", "--bundle", b.Dir, "slow").ShouldSucceed();
        var start = rc.Run(With(host), "start", "slow").ShouldSucceed();

        start.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(0.9), "start waits for READY=, sent a second after the process began");
        Texts(host.Drain(Quiet)).Should().Equal(["READY=1\n", $"MAINPID={InitPid(rc, "slow")}\n", "BARRIER=1"],
            "only the READY line goes to the host, also from a datagram of several lines; STATUS= stays inside");
        rc.Run("delete", "--force", "slow").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public void Inside_NOTIFY_SOCKET_names_the_socket_in_a_read_only_run_notify_mount()
    {
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"));
        var b = NotifyBundle(rc,
            "echo \"env=$NOTIFY_SOCKET\"; env | grep -c '^NOTIFY_SOCKET='; grep ' /run/notify ' /proc/self/mountinfo; " +
            "test -S /run/notify/notify.sock && echo socket; touch /run/notify/x 2>/dev/null || echo read-only; sdnotify READY=1");
        b.WithEnv("NOTIFY_SOCKET=/somewhere/else.sock");

        var r = rc.Run(With(host), "run", "--bundle", b.Dir, "inside").ShouldSucceed();

        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain("env=/run/notify/notify.sock");
        lines.Should().Contain("1", "runcs's NOTIFY_SOCKET replaces the one in process.env");
        var mount = lines.Should().ContainSingle(l => l.Contains(" /run/notify ")).Subject;
        mount.Split(' ')[5].Split(',').Should().Contain(["ro", "nosuid", "nodev", "noexec"]);
        mount.Split(' ')[3].Should().EndWith("/state/inside/notify", "the mounted directory is the one in the state directory");
        lines.Should().Contain("socket").And.Contain("read-only");
        Texts(host.Drain(Quiet)).Should().StartWith("READY=1\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Without_NOTIFY_SOCKET_there_is_no_mount_no_variable_and_no_notify_directory()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c",
            "echo \"env=${NOTIFY_SOCKET-unset}\"; grep -c ' /run/notify ' /proc/self/mountinfo; test -e /run/notify && echo exists || echo absent");

        var create = rc.Run("create", "--bundle", b.Dir, "plain").ShouldSucceed();
        Directory.EnumerateFileSystemEntries(Path.Combine(rc.Root, "plain")).Select(Path.GetFileName)
            .Should().NotContain("notify");
        rc.Run("start", "plain").ShouldSucceed();
        rc.WaitForStatus("plain", "stopped");

        create.CurrentStdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal("env=unset", "0", "absent");
        rc.Run("delete", "plain").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public void Run_detached_returns_after_READY_with_MAINPID_of_init()
    {
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"));
        var b = NotifyBundle(rc, "sleep 0.5; sdnotify READY=1; exec sleep 600");

        var r = rc.Run(With(host), "run", "--detach", "--bundle", b.Dir, "det").ShouldSucceed();

        r.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(0.4), "run -d waits for READY= as start does");
        Texts(host.Drain(Quiet)).Should().Equal("READY=1\n", $"MAINPID={InitPid(rc, "det")}\n", "BARRIER=1");
        rc.Run("delete", "--force", "det").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public void Run_in_the_foreground_gives_its_own_pid_as_MAINPID_and_the_container_exit_code()
    {
        // runc: systemd is to watch runc, which stays until the container exits and reports its status.
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"));
        var b = NotifyBundle(rc, "sdnotify READY=1; sleep 0.3; exit 7");
        var runcsPid = 0;

        var r = rc.Run(new RunOptions { Environment = host.Environment, OnStarted = pid => runcsPid = pid }, "run", "--bundle", b.Dir, "fg");

        r.ExitCode.Should().Be(7, r.Describe());
        Texts(host.Drain(Quiet)).Should().Equal("READY=1\n", $"MAINPID={runcsPid}\n", "BARRIER=1");
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public async Task Run_in_the_foreground_forwards_signals_while_READY_is_awaited()
    {
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"));
        var b = NotifyBundle(rc, "trap 'echo got TERM; exit 3' TERM; touch /tmp/up; while :; do sleep 0.1; done").WithReadonlyRoot(false);
        var runcsPid = 0;
        var run = Task.Run(() => rc.Run(new RunOptions { Environment = host.Environment, OnStarted = pid => Volatile.Write(ref runcsPid, pid) },
            "run", "--bundle", b.Dir, "sigs"));
        SpinWait.SpinUntil(() => File.Exists(Path.Combine(b.Rootfs, "tmp", "up")), TimeSpan.FromSeconds(10)).Should().BeTrue();
        await Task.Delay(300); // runcs is past the release of init, in its wait

        Native.kill(Volatile.Read(ref runcsPid), 15).Should().Be(0);

        var r = await run.WaitAsync(TimeSpan.FromSeconds(20));
        r.ExitCode.Should().Be(3, r.Describe());
        r.Stdout.Should().Contain("got TERM");
        host.Drain(Quiet).Should().BeEmpty("the container never sent READY=");
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public void A_container_that_exits_before_READY_ends_the_wait_and_the_host_hears_nothing()
    {
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"));
        var b = NotifyBundle(rc, "sdnotify STATUS=failing; sleep 0.3; exit 3");

        rc.Run(With(host), "create", "--bundle", b.Dir, "early").ShouldSucceed();
        var start = rc.Run(With(host), "start", "early");
        var detached = rc.Run(With(host), "run", "-d", "--bundle", b.Dir, "early-d");

        start.ShouldSucceed();
        detached.ShouldSucceed();
        start.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "init's exit ends the wait (runc returns success then)");
        host.Drain(Quiet).Should().BeEmpty();
        rc.Status("early").Should().Be("stopped");
        rc.Run("delete", "early").ShouldSucceed();
        rc.Run("delete", "early-d").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public void An_abstract_host_socket_is_reached()
    {
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket("@runcs-it-notify-" + Guid.NewGuid().ToString("N")[..12]);
        var b = NotifyBundle(rc, "sdnotify READY=1; exec sleep 600");

        rc.Run(With(host), "run", "-d", "--bundle", b.Dir, "abstract").ShouldSucceed();

        Texts(host.Drain(Quiet)).Should().Equal("READY=1\n", $"MAINPID={InitPid(rc, "abstract")}\n", "BARRIER=1");
        rc.Run("delete", "--force", "abstract").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public async Task Start_waits_for_the_host_to_acknowledge_the_barrier()
    {
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"), holdBarriers: true);
        var b = NotifyBundle(rc, "sdnotify READY=1; exec sleep 600");
        rc.Run(With(host), "create", "--bundle", b.Dir, "barrier").ShouldSucceed();
        var acknowledged = Task.Run(() =>
        {
            host.BarrierReceived.Wait(TimeSpan.FromSeconds(20));
            Thread.Sleep(1000);
            host.AcknowledgeHeldBarriers();
        });

        var start = rc.Run(With(host), "start", "barrier").ShouldSucceed();

        await acknowledged.WaitAsync(TimeSpan.FromSeconds(5));
        start.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(0.9), "start returns when the host closes the barrier pipe");
        start.Stderr.Should().BeEmpty();
        rc.Run("delete", "--force", "barrier").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public void A_container_user_other_than_root_can_notify()
    {
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"));
        var b = NotifyBundle(rc, "id -u; sdnotify READY=1");
        b.Edit(_ => b.Process["user"] = new JsonObject { ["uid"] = 65534, ["gid"] = 65534 });

        var r = rc.Run(With(host), "run", "--bundle", b.Dir, "nobody").ShouldSucceed();

        r.Stdout.Should().StartWith("65534");
        Texts(host.Drain(Quiet)).Should().StartWith("READY=1\n");
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public void A_container_in_its_own_user_namespace_can_notify()
    {
        // The state root is closed to the container's users: the directory comes from the runtime as a detached mount.
        const int HostRoot = 200000;
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"));
        var b = NotifyBundle(rc, "sdnotify READY=1; grep ' /run/notify ' /proc/self/mountinfo");
        // As in an image for such a container, /run belongs to its root, which makes /run/notify in it.
        var run = Directory.CreateDirectory(Path.Combine(b.Rootfs, "run")).FullName;
        Native.chown(run, HostRoot, HostRoot).Should().Be(0);
        b.Edit(_ =>
        {
            b.Linux["namespaces"]!.AsArray().Add(new JsonObject { ["type"] = "user" });
            b.Linux["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = HostRoot, ["size"] = 65536 });
            b.Linux["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = HostRoot, ["size"] = 65536 });
        });

        var r = rc.Run(With(host), "run", "--bundle", b.Dir, "userns").ShouldSucceed();

        r.Stdout.Should().Contain(" /run/notify ");
        Texts(host.Drain(Quiet)).Should().StartWith("READY=1\n");
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public void Start_fails_clearly_when_the_host_socket_is_unreachable_and_run_only_warns()
    {
        using var rc = new RuncsSandbox();
        var missing = new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = rc.NewPath("nobody-listens.sock") };
        var b = NotifyBundle(rc, "exec sleep 600");

        rc.Run(new RunOptions { Environment = missing }, "create", "--bundle", b.Dir, "lost").ShouldSucceed();
        rc.Run(new RunOptions { Environment = missing }, "start", "lost")
            .ShouldFailWith($"connect to NOTIFY_SOCKET {missing["NOTIFY_SOCKET"]}: no such file or directory");
        rc.Status("lost").Should().Be("running", "as with runc, the container was started before the host was dialled");
        var run = rc.Run(new RunOptions { Environment = missing }, "run", "-d", "--bundle", b.Dir, "lost-d").ShouldSucceed();
        run.Stderr.Should().Contain("level=warning").And.Contain("connect to NOTIFY_SOCKET");

        rc.Run("delete", "--force", "lost").ShouldSucceed();
        rc.Run("delete", "--force", "lost-d").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [SdNotifyFact]
    public void Start_with_NOTIFY_SOCKET_of_a_container_created_without_it_does_not_wait()
    {
        using var rc = new RuncsSandbox();
        using var host = new HostNotifySocket(rc.NewPath("host.sock"));
        var b = NotifyBundle(rc, "exec sleep 600");

        rc.Run("create", "--bundle", b.Dir, "unprepared").ShouldSucceed();
        var start = rc.Run(With(host), "start", "unprepared").ShouldSucceed();

        start.Stderr.Should().Contain("created without it");
        rc.Status("unprepared").Should().Be("running");
        host.Drain(Quiet).Should().BeEmpty();
        rc.Run("delete", "--force", "unprepared").ShouldSucceed();
        rc.AssertNoLeftovers();
    }
}
