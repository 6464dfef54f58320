using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// containerd drives runcs through its runc shim (containerd-shim-runc-v2 and go-runc):
/// `ctr run --runc-binary bin/runcs` against a private containerd. Every test ends with nothing
/// left: no runcs state, process, cgroup or mount.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ContainerdTests : IClassFixture<ContainerdFixture>
{
    private readonly ContainerdFixture _f;

    public ContainerdTests(ContainerdFixture fixture) => _f = fixture;

    [ClientFact(Client.Containerd)]
    public void Run_prints_the_output_and_returns_the_exit_code()
    {
        try
        {
            var r = _f.Ctr([.. Run("c-run"), "sh", "-c", "echo hello from runcs; exit 3"]);
            r.ShouldExitWith(3);
            r.Stdout.Should().Be("hello from runcs\n");
        }
        finally
        {
            _f.Remove("c-run");
        }
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Containerd)]
    public void A_detached_task_takes_exec_ps_pause_resume_kill_and_delete()
    {
        const string id = "c-detached";
        try
        {
            _f.Ctr([.. RunDetached(id), "sleep", "1000"]).ShouldSucceed();
            var (pid, status) = _f.Task(id) ?? throw new Xunit.Sdk.XunitException("no task after ctr run -d");
            status.Should().Be("RUNNING");
            File.Exists(Path.Combine(_f.StateDir(id), "state.json")).Should().BeTrue("runcs keeps the task's state under --runc-root");
            File.ReadAllText($"/proc/{pid}/cgroup").Should().Contain($":/{_f.Namespace}/{id}\n", "ctr's default cgroup path");

            var exec = _f.Ctr("task", "exec", "--exec-id", "e1", "--fifo-dir", _f.World.Path("fifo"), id, "sh", "-c", "echo from exec $$; exit 5");
            exec.ShouldExitWith(5);
            exec.Stdout.Should().MatchRegex("^from exec [0-9]+\n$").And.NotBe("from exec 1\n");

            var ps = _f.Ctr("task", "ps", id).ShouldSucceed();
            ps.Stdout.Split('\n').Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
                .Should().Contain(pid.ToString(), ps.Describe());

            var freezer = FreezerState(id);
            _f.Ctr("task", "pause", id).ShouldSucceed();
            _f.Task(id)!.Value.Status.Should().Be("PAUSED");
            if (freezer is not null)
                File.ReadAllText(freezer).Trim().Should().Be("FROZEN");
            _f.Ctr("task", "resume", id).ShouldSucceed();
            _f.Task(id)!.Value.Status.Should().Be("RUNNING");
            if (freezer is not null)
                File.ReadAllText(freezer).Trim().Should().Be("THAWED");

            _f.Ctr("task", "kill", "--signal", "KILL", id).ShouldSucceed();
            _f.WaitForStatus(id, "STOPPED");
            ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)).Should().BeTrue();
            _f.Ctr("task", "delete", id).ShouldSucceed();
            _f.Task(id).Should().BeNull();
            Directory.Exists(_f.StateDir(id)).Should().BeFalse("the shim's delete removed the runcs state");
            _f.Ctr("container", "delete", id).ShouldSucceed();
        }
        finally
        {
            _f.Remove(id);
        }
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Containerd)]
    public void Kill_all_reaches_every_process_of_the_task()
    {
        const string id = "c-killall";
        try
        {
            _f.Ctr([.. RunDetached(id), "sh", "-c", "sleep 1000 & sleep 1000 & wait"]).ShouldSucceed();
            var (pid, _) = _f.Task(id)!.Value;
            var procs = CgroupProcs(id);
            procs.Should().HaveCountGreaterThanOrEqualTo(3, "sh and its two sleeps");
            _f.Ctr("task", "kill", "--all", "--signal", "KILL", id).ShouldSucceed();
            _f.WaitForStatus(id, "STOPPED");
            foreach (var p in procs)
                ProcessInfo.WaitForExit(p, null, TimeSpan.FromSeconds(5)).Should().BeTrue($"pid {p} of the task was killed");
            ProcessInfo.IsRunning(pid).Should().BeFalse();
            _f.Ctr("task", "delete", id).ShouldSucceed();
            _f.Ctr("container", "delete", id).ShouldSucceed();
        }
        finally
        {
            _f.Remove(id);
        }
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Containerd)]
    public void A_terminal_task_and_a_terminal_exec_get_a_pty()
    {
        const string id = "c-tty";
        try
        {
            var run = _f.CtrInTerminal([.. Run(id, "-t"), "sh", "-c", "tty; test -t 0 && test -t 1 && echo both-ttys; exit 4"]);
            run.ShouldExitWith(4);
            // (ctr writes a NUL before the output on its terminal, with runc too.)
            run.Text.Should().MatchRegex("/dev/pts/[0-9]+\n").And.Contain("both-ttys\n");
            _f.Remove(id);

            _f.Ctr([.. RunDetached(id), "sleep", "1000"]).ShouldSucceed();
            var exec = _f.CtrInTerminal("task", "exec", "-t", "--exec-id", "t1", "--fifo-dir", _f.World.Path("fifo"), id, "sh", "-c", "tty; exit 6");
            exec.ShouldExitWith(6);
            exec.Text.Should().MatchRegex("/dev/pts/[0-9]+\n");
        }
        finally
        {
            _f.Remove(id);
        }
        _f.AssertNoLeftovers();
    }

    [ClientFact(Client.Containerd)]
    public void A_missing_executable_fails_the_task_with_the_runtime_error_from_the_json_log()
    {
        const string id = "c-missing";
        try
        {
            var r = _f.Ctr([.. Run(id), "/no/such/binary"]);
            r.ShouldFail();
            // containerd read runcs's --log file (JSON lines) to get this; otherwise it would say "unable to retrieve OCI runtime error".
            r.Stderr.Should().Contain("OCI runtime create failed").And.Contain("/no/such/binary").And.Contain("no such file or directory")
                .And.NotContain("unable to retrieve OCI runtime error");
            _f.Task(id).Should().BeNull();

            _f.Ctr([.. RunDetached(id), "sleep", "1000"]).ShouldSucceed();
            var exec = _f.Ctr("task", "exec", "--exec-id", "bad", "--fifo-dir", _f.World.Path("fifo"), id, "no-such-command");
            exec.ShouldFail();
            exec.Stderr.Should().Contain("OCI runtime exec failed").And.Contain("executable file not found in $PATH");
            _f.Task(id)!.Value.Status.Should().Be("RUNNING", "a failed exec leaves the task alone");
        }
        finally
        {
            _f.Remove(id);
        }
        _f.AssertNoLeftovers();
    }

    private string[] Run(string id, params string[] extra) => ["run", "--rm", .. _f.RunFlags, .. extra, ContainerdFixture.Image, id];

    private string[] RunDetached(string id) => ["run", "--detach", .. _f.RunFlags, ContainerdFixture.Image, id];

    /// <summary>The task's v1 freezer.state file, or null on a host without the v1 freezer.</summary>
    private string? FreezerState(string id)
    {
        var path = $"/sys/fs/cgroup/freezer/{_f.Namespace}/{id}/freezer.state";
        return File.Exists(path) ? path : null;
    }

    /// <summary>The pids of the task's cgroup (from the pids or unified hierarchy).</summary>
    private List<int> CgroupProcs(string id)
    {
        foreach (var dir in new[] { $"/sys/fs/cgroup/pids/{_f.Namespace}/{id}", $"/sys/fs/cgroup/{_f.Namespace}/{id}", $"/sys/fs/cgroup/unified/{_f.Namespace}/{id}" })
        {
            var procs = Path.Combine(dir, "cgroup.procs");
            if (File.Exists(procs))
                return File.ReadAllLines(procs).Where(l => l.Length > 0).Select(int.Parse).ToList();
        }
        throw new Xunit.Sdk.XunitException($"no cgroup.procs for task {id}");
    }
}
