using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// podman drives runcs itself (start, kill, delete, pause, resume) and through conmon (create,
/// exec): `podman --runtime bin/runcs` with a private store. Every test ends with nothing left:
/// no runcs state, process, cgroup or mount.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PodmanTests : IClassFixture<PodmanFixture>
{
    private readonly PodmanFixture _f;

    public PodmanTests(PodmanFixture fixture) => _f = fixture;

    [ClientFact(Client.Podman)]
    public void Run_rm_prints_the_output_and_returns_the_exit_code()
    {
        var r = _f.Podman([.. Run(), "sh", "-c", "echo hello from runcs; exit 3"]);
        r.ShouldExitWith(3);
        r.Stdout.Should().Be("hello from runcs\n");
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Podman)]
    public void Podman_s_default_seccomp_profile_is_applied()
    {
        var r = _f.Podman([.. Run(), "sh", "-c", "grep '^Seccomp:' /proc/self/status"]).ShouldSucceed();
        r.Stdout.Should().Contain("Seccomp:\t2\n");
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Podman)]
    public void Exec_pause_and_stop_a_detached_container()
    {
        const string name = "p-detached";
        try
        {
            // sh as pid 1 ignores TERM unless it traps it: the trap shows that `podman stop`'s TERM arrived.
            _f.Podman([.. RunDetached(name), "sh", "-c", "trap 'exit 143' TERM; sleep 1000 & wait"]).ShouldSucceed();
            var id = _f.Id(name);
            File.Exists(Path.Combine(PodmanFixture.StateDir(id), "state.json")).Should().BeTrue("runcs keeps podman's containers in its default root");

            var exec = _f.Podman("exec", name, "sh", "-c", "echo in exec $$; exit 7");
            exec.ShouldExitWith(7);
            exec.Stdout.Should().MatchRegex("^in exec [0-9]+\n$").And.NotBe("in exec 1\n");

            _f.Podman("pause", name).ShouldSucceed();
            _f.Podman("inspect", "--format", "{{.State.Status}}", name).ShouldSucceed().Stdout.Trim().Should().Be("paused");
            _f.Podman("unpause", name).ShouldSucceed();
            _f.Podman("exec", name, "true").ShouldSucceed();

            var stop = _f.Podman("stop", "--time", "20", name).ShouldSucceed();
            stop.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the container exits on TERM, podman need not wait for its KILL");
            _f.Podman("inspect", "--format", "{{.State.ExitCode}}", name).ShouldSucceed().Stdout.Trim().Should().Be("143");
            _f.Podman("rm", name).ShouldSucceed();
            Directory.Exists(PodmanFixture.StateDir(id)).Should().BeFalse("podman deleted the container from runcs");
        }
        finally
        {
            _f.Remove(name);
        }
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Podman)]
    public void A_created_container_that_never_started_is_removed()
    {
        const string name = "p-created";
        try
        {
            _f.Podman(["create", "--name", name, .. _f.ContainerFlags(), PodmanFixture.Image, "sleep", "1000"]).ShouldSucceed();
            _f.Podman("init", name).ShouldSucceed();
            var id = _f.Id(name);
            _f.Podman("inspect", "--format", "{{.State.Status}}", name).ShouldSucceed().Stdout.Trim().Should().Be("initialized");
            var state = System.Text.Json.Nodes.JsonNode.Parse(_f.World.Tools.Run(RuncsBinary.Require(), "state", id).ShouldSucceed().Stdout)!;
            state["status"]!.GetValue<string>().Should().Be("created");
            var pid = state["pid"]!.GetValue<int>();
            ProcessInfo.IsRunning(pid).Should().BeTrue("runcs init waits on the exec fifo");
            ProcessInfo.CommandLine(pid).Should().NotContain("sleep", "the user process has not started");

            _f.Podman("rm", "--force", name).ShouldSucceed();
            ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)).Should().BeTrue();
            Directory.Exists(PodmanFixture.StateDir(id)).Should().BeFalse();
        }
        finally
        {
            _f.Remove(name);
        }
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Podman)]
    public void Kill_stops_a_container_that_ignores_term()
    {
        const string name = "p-kill";
        try
        {
            _f.Podman([.. RunDetached(name), "sleep", "1000"]).ShouldSucceed();
            _f.Podman("kill", name).ShouldSucceed();
            _f.Podman("wait", name).ShouldSucceed().Stdout.Trim().Should().Be("137");
            _f.Podman("rm", name).ShouldSucceed();
        }
        finally
        {
            _f.Remove(name);
        }
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Podman)]
    public void Missing_and_non_executable_commands_give_127_and_126()
    {
        var missing = _f.Podman([.. Run(), "/no/such/binary"]);
        missing.ShouldExitWith(127);
        missing.Stderr.Should().Contain("no such file or directory");
        _f.Podman([.. Run(), "no-such-command"]).ShouldExitWith(127).Stderr.Should().Contain("executable file not found in $PATH");
        _f.Podman([.. Run(), "/etc/passwd"]).ShouldExitWith(126).Stderr.Should().Contain("permission denied");

        const string name = "p-exec-missing";
        try
        {
            _f.Podman([.. RunDetached(name), "sleep", "1000"]).ShouldSucceed();
            _f.Podman("exec", name, "/no/such/binary").ShouldExitWith(127);
            _f.Podman("exec", name, "/etc/passwd").ShouldExitWith(126);
            _f.Podman("inspect", "--format", "{{.State.Status}}", name).ShouldSucceed().Stdout.Trim().Should().Be("running");
        }
        finally
        {
            _f.Remove(name);
        }
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Podman)]
    public void A_terminal_run_and_exec_get_a_pty()
    {
        var run = _f.PodmanInTerminal([.. Run("-t"), "sh", "-c", "tty; test -t 0 && test -t 1 && echo both-ttys; exit 4"]);
        run.ShouldExitWith(4);
        run.Text.Should().MatchRegex("/dev/pts/[0-9]+\n").And.Contain("both-ttys\n");

        const string name = "p-tty";
        try
        {
            _f.Podman([.. RunDetached(name), "sleep", "1000"]).ShouldSucceed();
            var exec = _f.PodmanInTerminal("exec", "-t", name, "sh", "-c", "tty; exit 6");
            exec.ShouldExitWith(6);
            exec.Text.Should().MatchRegex("/dev/pts/[0-9]+\n");
        }
        finally
        {
            _f.Remove(name);
        }
        _f.AssertNoLeftovers();
    }

    private string[] Run(params string[] extra) => ["run", "--rm", .. _f.ContainerFlags(), .. extra, PodmanFixture.Image];

    private string[] RunDetached(string name) => ["run", "--detach", "--name", name, .. _f.ContainerFlags(), PodmanFixture.Image];
}
