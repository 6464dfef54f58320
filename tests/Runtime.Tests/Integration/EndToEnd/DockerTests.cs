using FluentAssertions;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// Docker drives runcs through containerd's runc shim: a private dockerd 20.10 started with
/// `--add-runtime runcs=bin/runcs`, containers run with `--runtime runcs`. Every test ends with
/// nothing left: no runcs state, process, cgroup or mount.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DockerTests : IClassFixture<DockerFixture>
{
    private readonly DockerFixture _f;

    public DockerTests(DockerFixture fixture) => _f = fixture;

    [ClientFact(Client.Docker)]
    public void Run_rm_prints_the_output_and_returns_the_exit_code()
    {
        var r = _f.Docker([.. Run(), "sh", "-c", "echo hello from runcs; exit 3"]);
        r.ShouldExitWith(3);
        r.Stdout.Should().Be("hello from runcs\n");
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Docker)]
    public void Docker_s_default_seccomp_profile_is_applied()
    {
        // Docker's profile allows unshare(2) only with CAP_SYS_ADMIN, which the container lacks;
        // the kernel alone would let it make a user namespace.
        const string probe = "grep '^Seccomp:' /proc/self/status; unshare -U true; echo unshare=$?";
        var confined = _f.Docker([.. Run(), "sh", "-c", probe]).ShouldSucceed();
        confined.Stdout.Should().Contain("Seccomp:\t2\n").And.MatchRegex("unshare=[1-9]");
        var unconfined = _f.Docker([.. Run("--security-opt", "seccomp=unconfined"), "sh", "-c", probe]).ShouldSucceed();
        unconfined.Stdout.Should().Contain("Seccomp:\t0\n").And.Contain("unshare=0");
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Docker)]
    public void Runtime_errors_become_docker_s_exit_codes()
    {
        // Docker matches the runtime's message: "no such file or directory" and "executable file
        // not found" give 127, "permission denied" 126 (a directory included, as with runc).
        _f.Docker([.. Run(), "/no/such/binary"]).ShouldExitWith(127).Stderr.Should().Contain("no such file or directory");
        _f.Docker([.. Run(), "no-such-command"]).ShouldExitWith(127).Stderr.Should().Contain("executable file not found in $PATH");
        _f.Docker([.. Run(), "/etc/passwd"]).ShouldExitWith(126).Stderr.Should().Contain("permission denied");
        _f.Docker([.. Run(), "/etc"]).ShouldExitWith(126).Stderr.Should().Contain("permission denied");
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Docker)]
    public void Exec_top_pause_update_and_stop_a_detached_container()
    {
        const string name = "d-detached";
        try
        {
            // sh as pid 1 ignores TERM unless it traps it: the trap shows that `docker stop`'s TERM arrived.
            _f.Docker([.. RunDetached(name), "sh", "-c", "trap 'exit 143' TERM; sleep 1000 & wait"]).ShouldSucceed();
            var id = _f.Id(name);
            File.Exists(Path.Combine(_f.StateDir(id), "state.json")).Should().BeTrue("runcs keeps the container's state under Docker's runtime root");

            var exec = _f.Docker("exec", name, "sh", "-c", "echo in exec $$; exit 7");
            exec.ShouldExitWith(7);
            exec.Stdout.Should().MatchRegex("^in exec [0-9]+\n$").And.NotBe("in exec 1\n");
            // Docker 20.10 reports every failed exec start as 126, with the runtime's message (runc alike).
            _f.Docker("exec", name, "/no/such/binary").ShouldExitWith(126).Stdout.Should().Contain("no such file or directory");

            var top = _f.Docker("top", name).ShouldSucceed();
            top.Stdout.Should().Contain("sleep 1000");

            _f.Docker("pause", name).ShouldSucceed();
            _f.Docker("inspect", "--format", "{{.State.Status}}", name).ShouldSucceed().Stdout.Trim().Should().Be("paused");
            _f.Docker("unpause", name).ShouldSucceed();
            _f.Docker("exec", name, "true").ShouldSucceed();

            _f.Docker("update", "--memory", "64m", "--memory-swap", "128m", name).ShouldSucceed();
            var limit = $"/sys/fs/cgroup/memory{_f.World.CgroupParent}/{id}/memory.limit_in_bytes";
            if (Directory.Exists("/sys/fs/cgroup/memory"))
                File.ReadAllText(limit).Trim().Should().Be((64L << 20).ToString(), "runcs update --resources - applied Docker's new limit");

            var stop = _f.Docker("stop", "--time", "20", name).ShouldSucceed();
            stop.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the container exits on TERM, Docker need not wait for its KILL");
            _f.Docker("inspect", "--format", "{{.State.ExitCode}}", name).ShouldSucceed().Stdout.Trim().Should().Be("143");
            _f.Docker("rm", name).ShouldSucceed();
            Directory.Exists(_f.StateDir(id)).Should().BeFalse();
        }
        finally
        {
            _f.Remove(name);
        }
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Docker)]
    public void A_terminal_run_gets_a_pty()
    {
        var run = _f.DockerInTerminal([.. Run("-t"), "sh", "-c", "tty; test -t 0 && test -t 1 && echo both-ttys; exit 4"]);
        run.ShouldExitWith(4);
        run.Text.Should().MatchRegex("/dev/pts/[0-9]+\n").And.Contain("both-ttys\n");
        _f.AssertNoLeftovers();
    }

    private static string[] Run(params string[] extra) => ["run", "--rm", .. DockerFixture.ContainerFlags, .. extra, DockerFixture.Image];

    private static string[] RunDetached(string name) => ["run", "--detach", "--name", name, .. DockerFixture.ContainerFlags, DockerFixture.Image];
}
