using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>`runcs run` in the foreground: exit status and stdio of the container process.</summary>
public sealed class RunTests
{
    [RootFact]
    public void Run_of_true_exits_0_and_leaves_nothing()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("/bin/true");
        var r = rc.Run("run", "--bundle", b.Dir, "t");
        r.ShouldSucceed();
        r.Stdout.Should().BeEmpty();
        r.Stderr.Should().BeEmpty("runcs must not write anything on success (stdio are the container's streams)");
        rc.AssertNoLeftovers();
    }

    [RootTheory]
    [InlineData("exit 42", 42)]
    [InlineData("exit 0", 0)]
    [InlineData("exit 1", 1)]
    [InlineData("sh -c 'kill -9 $$'; exit $?", 137)] // a child killed: the shell reports 128+9
    public void Run_exit_status_is_the_container_process_status(string script, int expected)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", script);
        var r = rc.Run("run", "-b", b.Dir, "exitcode");
        r.ExitCode.Should().Be(expected, r.Describe());
        rc.AssertNoLeftovers();
    }

    /// <summary>
    /// The container process itself killed by a signal: runcs exits 128+signal. Without a pid
    /// namespace of its own, because the kernel ignores a pid-namespace init's own SIGKILL.
    /// </summary>
    [RootTheory]
    [InlineData("kill -9 $$", 137)]
    [InlineData("kill -15 $$", 143)]
    [InlineData("kill -USR1 $$", 138)]
    public void Run_process_killed_by_a_signal_gives_128_plus_signal(string script, int expected)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", script);
        b.Edit(c => c["linux"]!["namespaces"] = new System.Text.Json.Nodes.JsonArray(
            c["linux"]!["namespaces"]!.AsArray().Where(n => n!["type"]!.GetValue<string>() != "pid").Select(n => n!.DeepClone()).ToArray()));
        var r = rc.Run("run", "-b", b.Dir, "signalled");
        r.ExitCode.Should().Be(expected, r.Describe());
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Run_kill_9_of_pid_1_inside_a_pid_namespace_is_ignored_by_the_kernel()
    {
        // What runc does too: sh is the namespace's init and survives its own SIGKILL.
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "kill -9 $$; echo survived; exit 5");
        var r = rc.Run("run", "-b", b.Dir, "init");
        r.ExitCode.Should().Be(5, r.Describe());
        r.Stdout.Should().Be("survived\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Run_output_of_the_container_reaches_stdout_and_stderr()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "echo hello from inside; echo to stderr >&2; printf 'no newline'");
        var r = rc.Run("run", "--bundle", b.Dir, "out").ShouldSucceed();
        r.Stdout.Should().Be("hello from inside\nno newline");
        r.Stderr.Should().Be("to stderr\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Run_stdin_of_runcs_is_the_container_stdin()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "read line; echo got:$line");
        var r = rc.Run(new RunOptions { Stdin = "ping\n" }, "run", "--bundle", b.Dir, "in").ShouldSucceed();
        r.Stdout.Should().Be("got:ping\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Created_container_writes_to_the_stdout_create_was_given()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "echo started; echo err >&2");
        var create = rc.Run("create", "--bundle", b.Dir, "c").ShouldSucceed();
        create.Stdout.Should().BeEmpty("nothing runs before start");
        rc.Run("start", "c").ShouldSucceed().Stdout.Should().BeEmpty("start's own stdout is not the container's");
        RuncsSandbox.WaitForFile(create.StdoutPath, s => s.Length > 0).Should().Be("started\n");
        RuncsSandbox.WaitForFile(create.StderrPath, s => s.Length > 0).Should().Be("err\n");
        rc.WaitForStatus("c", "stopped");
        rc.Run("delete", "c").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Run_detached_returns_at_once_with_the_container_running()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        var pidFile = rc.NewPath("run.pid");
        var r = rc.Run("run", "--detach", "--pid-file", pidFile, "--bundle", b.Dir, "bg").ShouldSucceed();
        r.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        var state = rc.State("bg");
        state["status"]!.GetValue<string>().Should().Be("running");
        File.ReadAllText(pidFile).Should().Be(state["pid"]!.GetValue<int>().ToString());
        rc.Run("delete", "--force", "bg").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Run_forwards_signals_to_the_container_process()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "trap 'echo got-term; exit 7' TERM; echo ready; while :; do sleep 0.1; done");
        var runcsPid = 0;
        var run = Task.Run(() => rc.Run(new RunOptions { OnStarted = pid => Volatile.Write(ref runcsPid, pid) }, "run", "--bundle", b.Dir, "fwd"));
        SpinWait.SpinUntil(() => File.Exists(Path.Combine(rc.Root, "fwd", "state.json")) && Volatile.Read(ref runcsPid) > 0, TimeSpan.FromSeconds(10)).Should().BeTrue();
        rc.WaitForStatus("fwd", "running");
        Thread.Sleep(300); // let the shell install its trap
        Native.kill(Volatile.Read(ref runcsPid), 15).Should().Be(0);
        run.Wait(TimeSpan.FromSeconds(20)).Should().BeTrue("runcs run must end when its container does");
        var r = run.Result;
        r.ExitCode.Should().Be(7, r.Describe());
        r.Stdout.Should().Be("ready\ngot-term\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Run_keep_leaves_a_stopped_container_to_delete()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "exit 9");
        rc.Run("run", "--keep", "--bundle", b.Dir, "kept").ExitCode.Should().Be(9);
        rc.Status("kept").Should().Be("stopped");
        rc.Run("delete", "kept").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Run_with_an_existing_id_fails_and_leaves_the_first_intact()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("run", "--detach", "--bundle", b.Dir, "one").ShouldSucceed();
        var pid = rc.State("one")["pid"]!.GetValue<int>();
        rc.Run("run", "--bundle", b.Dir, "one").ShouldFailWith("container with given ID already exists");
        rc.Status("one").Should().Be("running");
        rc.State("one")["pid"]!.GetValue<int>().Should().Be(pid);
        rc.Run("delete", "--force", "one").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Preserve_fds_passes_extra_fds_to_the_container()
    {
        using var rc = new RuncsSandbox();
        var secret = rc.NewPath("secret.txt");
        File.WriteAllText(secret, "passed-through\n");
        var b = rc.NewBundle("sh", "-c", "cat <&3; if [ -e /proc/$$/fd/4 ]; then echo fd4-leaked; fi");
        var r = rc.Run(new RunOptions { ShellRedirections = $"3<{secret} 4<{secret}" }, "run", "--preserve-fds", "1", "--bundle", b.Dir, "fds")
            .ShouldSucceed();
        r.Stdout.Should().Be("passed-through\n", "fd 3 is passed, fd 4 is not");
        rc.AssertNoLeftovers();
    }
}
