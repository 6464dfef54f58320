using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// --pidfd-socket (runc ≥ 1.2, cli-contract §3.2): the new process sends a pidfd of itself, with
/// "standard" for a container's init and "setns" for an exec'd process. The pidfd is checked
/// against the kernel (fdinfo's pid, a signal through it, its exit), and the socket must not be
/// left open in the container's processes.
/// </summary>
public sealed class PidfdSocketTests
{
    private const int SIGKILL = 9;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static int StatePid(RuncsSandbox rc, string id) => rc.State(id)["pid"]!.GetValue<int>();

    /// <summary>The process's open fds as "fd -> target", from the host.</summary>
    private static string[] OpenFds(int pid) =>
        new DirectoryInfo($"/proc/{pid}/fd").GetFileSystemInfos().Select(f => $"{f.Name} -> {f.LinkTarget}").OrderBy(s => s).ToArray();

    [RootFact]
    public void Create_sends_a_pidfd_of_the_init_process_marked_standard()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "60");
        using var socket = new PidfdSocket(rc.NewPath("pidfd.sock"));

        rc.Run("create", "--bundle", b.Dir, "--pidfd-socket", socket.Path, "pf").ShouldSucceed().Stdout.Should().BeEmpty();
        var (kind, pidfd) = socket.Receive(Wait);
        using (pidfd)
        {
            kind.Should().Be("standard");
            pidfd.Pid.Should().Be(StatePid(rc, "pf"), "the pidfd is the container's init");
            pidfd.NamespacePids.Should().EndWith(1, "init is pid 1 of the container's own pid namespace");

            pidfd.SendSignal(SIGKILL);
            pidfd.WaitForExit(Wait).Should().BeTrue("the pidfd polls readable when its process exits");
            rc.WaitForStatus("pf", "stopped");
        }
        rc.Run("delete", "pf").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Run_detached_sends_the_pidfd_and_the_container_keeps_only_its_stdio()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "60");
        using var socket = new PidfdSocket(rc.NewPath("pidfd.sock"));

        rc.Run("run", "--detach", "--bundle", b.Dir, "--pidfd-socket", socket.Path, "pf").ShouldSucceed();
        var pid = StatePid(rc, "pf");
        var (kind, pidfd) = socket.Receive(Wait);
        using (pidfd)
        {
            kind.Should().Be("standard");
            pidfd.Pid.Should().Be(pid);
            OpenFds(pid).Select(f => f.Split(' ')[0]).Should().Equal(["0", "1", "2"], "no socket or other fd of the runtime reaches the container");

            pidfd.SendSignal(SIGKILL);
            pidfd.WaitForExit(Wait).Should().BeTrue();
        }
        rc.WaitForStatus("pf", "stopped");
        rc.Run("delete", "pf").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Run_in_the_foreground_sends_the_pidfd_while_it_waits()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "60");
        using var socket = new PidfdSocket(rc.NewPath("pidfd.sock"));

        var run = Task.Run(() => rc.Run("run", "--bundle", b.Dir, "--pidfd-socket", socket.Path, "fg"));
        var (kind, pidfd) = socket.Receive(Wait);
        using (pidfd)
        {
            kind.Should().Be("standard");
            pidfd.NamespacePids.Should().EndWith(1);
            // Init sends the pidfd while it is still being set up; a kill before it is ready
            // fails the run instead (as it would with runc), which is not what this test is about.
            rc.WaitForStatus("fg", "running");
            pidfd.SendSignal(SIGKILL);
        }
        run.Wait(Wait).Should().BeTrue("run returns once its container is killed through the pidfd");
        run.Result.ExitCode.Should().Be(128 + SIGKILL, run.Result.Describe());
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_sends_a_pidfd_of_the_exec_process_marked_setns()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "60");
        rc.Run("run", "--detach", "--bundle", b.Dir, "host").ShouldSucceed();
        var initPid = StatePid(rc, "host");
        using var socket = new PidfdSocket(rc.NewPath("pidfd.sock"));
        var pidFile = rc.NewPath("exec.pid");

        rc.Run("exec", "--detach", "--pid-file", pidFile, "--pidfd-socket", socket.Path, "host", "sleep", "50").ShouldSucceed();
        var execPid = int.Parse(File.ReadAllText(pidFile));
        rc.TrackPid(execPid);
        var (kind, pidfd) = socket.Receive(Wait);
        using (pidfd)
        {
            kind.Should().Be("setns");
            pidfd.Pid.Should().Be(execPid, "the pidfd is the exec'd process, not init");
            pidfd.NamespacePids.Should().HaveCount(2, "it lives in the container's pid namespace");
            pidfd.NamespacePids[1].Should().BeGreaterThan(1, "beside init, which is pid 1 there");
            OpenFds(execPid).Select(f => f.Split(' ')[0]).Should().Equal(["0", "1", "2"]);

            pidfd.SendSignal(SIGKILL);
            pidfd.WaitForExit(Wait).Should().BeTrue();
        }
        ProcessInfo.IsRunning(initPid).Should().BeTrue("only the exec'd process was signalled");
        rc.Status("host").Should().Be("running");
        rc.Run("delete", "--force", "host").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_socket_nobody_listens_on_is_one_line_and_leaves_nothing()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "60");
        var missing = rc.NewPath("missing.sock");
        var notASocket = rc.NewPath("plain-file");
        File.WriteAllText(notASocket, "");

        var r = rc.Run("create", "--bundle", b.Dir, "--pidfd-socket", missing, "c1")
            .ShouldFailWith($"connect to pidfd socket {missing}: no such file or directory");
        r.Error.Split('\n').Should().HaveCount(1);
        rc.Run("run", "--detach", "--bundle", b.Dir, "--pidfd-socket", notASocket, "c2")
            .ShouldFailWith($"connect to pidfd socket {notASocket}: connection refused");
        rc.Run("list", "--quiet").ShouldSucceed().Stdout.Should().BeEmpty();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_with_a_bad_socket_fails_with_255_and_starts_nothing()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "60");
        rc.Run("run", "--detach", "--bundle", b.Dir, "host").ShouldSucceed();
        var pidFile = rc.NewPath("exec.pid");
        var missing = rc.NewPath("missing.sock");

        rc.Run("exec", "--detach", "--pid-file", pidFile, "--pidfd-socket", missing, "host", "sleep", "50")
            .ShouldFailWith($"connect to pidfd socket {missing}: no such file or directory", 255);
        File.Exists(pidFile).Should().BeFalse();
        rc.Run("ps", "--format", "json", "host").ShouldSucceed().Stdout.Trim().Should().Be($"[{StatePid(rc, "host")}]",
            "only init is in the container");
        rc.Run("delete", "--force", "host").ShouldSucceed();
        rc.AssertNoLeftovers();
    }
}
