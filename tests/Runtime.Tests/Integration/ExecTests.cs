using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>`exec` into a container: output, exit status, flags, --process, --detach, failures (exit 255).</summary>
public sealed class ExecTests
{
    private static RuncsSandbox WithRunning(string id, out Bundle bundle)
    {
        var rc = new RuncsSandbox();
        bundle = rc.NewBundle("sleep", "60");
        rc.Run("run", "--detach", "--bundle", bundle.Dir, id).ShouldSucceed();
        return rc;
    }

    [RootFact]
    public void Exec_output_and_exit_code_pass_through()
    {
        using var rc = WithRunning("x", out _);
        var r = rc.Run("exec", "x", "sh", "-c", "echo out; echo err >&2; exit 3");
        r.ExitCode.Should().Be(3, r.Describe());
        r.Stdout.Should().Be("out\n");
        r.Stderr.Should().Be("err\n");
        rc.Run("exec", "x", "true").ShouldSucceed();
        rc.Run("exec", "x", "sh", "-c", "exit 0").ShouldSucceed();
        rc.Status("x").Should().Be("running");
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_process_killed_by_a_signal_gives_128_plus_signal()
    {
        using var rc = WithRunning("x", out _);
        var r = rc.Run("exec", "x", "sh", "-c", "kill -9 $$");
        r.ExitCode.Should().Be(137, r.Describe());
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_runs_in_the_container_namespaces()
    {
        using var rc = WithRunning("x", out var b);
        b.Config["hostname"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        rc.Run("exec", "x", "hostname").ShouldSucceed().Stdout.Should().Be(b.Config["hostname"]!.GetValue<string>() + "\n");
        rc.Run("exec", "x", "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '").ShouldSucceed().Stdout.Should().Be("sleep 60 ");
        rc.Run("exec", "x", "ls", "/").ShouldSucceed().Stdout.Split('\n').Should().Contain("bin").And.NotContain("work");
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_env_cwd_and_user_flags()
    {
        using var rc = WithRunning("x", out _);
        rc.Run("exec", "--env", "FOO=bar", "-e", "BAZ=qux", "x", "sh", "-c", "echo $FOO-$BAZ").ShouldSucceed()
            .Stdout.Should().Be("bar-qux\n");
        rc.Run("exec", "x", "sh", "-c", "echo $PATH").ShouldSucceed()
            .Stdout.Should().Contain("/bin", "the config's env is the base of an exec's env");
        rc.Run("exec", "--cwd", "/tmp", "x", "pwd").ShouldSucceed().Stdout.Should().Be("/tmp\n");
        rc.Run("exec", "--user", "1000:1000", "x", "id", "-u").ShouldSucceed().Stdout.Should().Be("1000\n");
        rc.Run("exec", "--user", "1000:1000", "x", "id", "-g").ShouldSucceed().Stdout.Should().Be("1000\n");
        rc.Run("exec", "-u", "1000", "x", "id", "-u").ShouldSucceed().Stdout.Should().Be("1000\n");
        rc.Run("exec", "x", "id", "-u").ShouldSucceed().Stdout.Should().Be("0\n");
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_flags_after_the_id_belong_to_the_command()
    {
        using var rc = WithRunning("x", out _);
        rc.Run("exec", "x", "echo", "--env", "A=b", "-t").ShouldSucceed().Stdout.Should().Be("--env A=b -t\n");
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_with_a_process_json_file()
    {
        using var rc = WithRunning("x", out _);
        var process = new JsonObject
        {
            ["terminal"] = false,
            ["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 1001 },
            ["args"] = Bundle.Strings(["sh", "-c", "echo $(id -u):$(id -g) $GREETING $(pwd); exit 4"]),
            ["env"] = Bundle.Strings(["PATH=/bin", "GREETING=hello"]),
            ["cwd"] = "/tmp",
        };
        var file = rc.NewPath("process.json");
        File.WriteAllText(file, process.ToJsonString());
        var r = rc.Run("exec", "-p", file, "x");
        r.ExitCode.Should().Be(4, r.Describe());
        r.Stdout.Should().Be("1000:1001 hello /tmp\n");
        rc.Run("exec", "--process", file, "x").ExitCode.Should().Be(4);
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    /// <summary>The exact argv containerd (go-runc) and conmon send: value flags before the id.</summary>
    [RootTheory]
    [InlineData("--process {P} --detach --pid-file {PID}")]          // go-runc ExecOpts
    [InlineData("--pid-file {PID} --process {P} --detach")]          // conmon
    [InlineData("-pid-file {PID} -process {P} -detach=true")]        // Go flag spellings
    [InlineData("--process={P} -d --pid-file={PID}")]
    public void Exec_with_the_argv_of_containerd_and_conmon(string flagText)
    {
        using var rc = WithRunning("x", out _);
        var process = new JsonObject
        {
            ["terminal"] = false,
            ["user"] = new JsonObject { ["uid"] = 0, ["gid"] = 0 },
            ["args"] = Bundle.Strings(["sh", "-c", "echo detached > /dev/shm/marker; sleep 30"]),
            ["env"] = Bundle.Strings(["PATH=/bin"]),
            ["cwd"] = "/",
        };
        var file = rc.NewPath("runc-process123");
        var pidFile = rc.NewPath("exec1.pid");
        File.WriteAllText(file, process.ToJsonString());
        var argv = new List<string> { "exec" };
        argv.AddRange(flagText.Split(' ').Select(f => f.Replace("{P}", file).Replace("{PID}", pidFile)));
        argv.Add("x");
        rc.Run(argv.ToArray()).ShouldSucceed();
        var pid = int.Parse(File.ReadAllText(pidFile));
        rc.TrackPid(pid);
        ProcessInfo.IsRunning(pid).Should().BeTrue();
        rc.Run("exec", "x", "sh", "-c", "while [ ! -s /dev/shm/marker ]; do sleep 0.05; done; cat /dev/shm/marker")
            .ShouldSucceed().Stdout.Should().Be("detached\n");
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_detach_writes_the_pid_file_and_returns_at_once()
    {
        using var rc = WithRunning("x", out _);
        var pidFile = rc.NewPath("exec.pid");
        var r = rc.Run("exec", "--detach", "--pid-file", pidFile, "x", "sleep", "45").ShouldSucceed();
        r.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        var text = File.ReadAllText(pidFile);
        text.Should().MatchRegex("^[0-9]+$", "the pid file has no newline");
        var pid = int.Parse(text);
        rc.TrackPid(pid);
        ProcessInfo.IsRunning(pid).Should().BeTrue();
        ProcessInfo.CommandLine(pid).Should().Be("sleep 45");
        ProcessInfo.Link(pid, "ns/pid").Should().Be(ProcessInfo.Link(rc.State("x")["pid"]!.GetValue<int>(), "ns/pid"));
        rc.Run("delete", "--force", "x").ShouldSucceed();
        ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)).Should().BeTrue();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_in_the_foreground_writes_the_pid_file_too()
    {
        // BuildKit: exec --process F --pid-file P <id> in the foreground, reading P to signal it.
        using var rc = WithRunning("x", out _);
        var pidFile = rc.NewPath("fg.pid");
        var r = rc.Run("exec", "--pid-file", pidFile, "x", "sh", "-c", "echo $$");
        r.ShouldSucceed();
        var text = File.ReadAllText(pidFile);
        text.Should().MatchRegex("^[0-9]+$");
        int.Parse(text).Should().BeGreaterThan(0);
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_preserve_fds_passes_extra_fds()
    {
        using var rc = WithRunning("x", out _);
        var secret = rc.NewPath("secret.txt");
        File.WriteAllText(secret, "to-exec\n");
        var r = rc.Run(new RunOptions { ShellRedirections = $"3<{secret}" }, "exec", "--preserve-fds", "1", "x", "sh", "-c", "cat <&3").ShouldSucceed();
        r.Stdout.Should().Be("to-exec\n");
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_into_a_created_container_is_allowed()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "60");
        rc.Run("create", "--bundle", b.Dir, "c").ShouldSucceed();
        rc.Run("exec", "c", "echo", "early").ShouldSucceed().Stdout.Should().Be("early\n");
        rc.Status("c").Should().Be("created");
        rc.Run("delete", "c").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_into_a_stopped_container_fails_with_255()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("true");
        rc.Run("create", "--bundle", b.Dir, "s").ShouldSucceed();
        rc.Run("start", "s").ShouldSucceed();
        rc.WaitForStatus("s", "stopped");
        rc.Run("exec", "s", "true").ShouldFailWith("cannot exec in a stopped container", 255);
        rc.Run("delete", "s").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootTheory]
    [InlineData("no-such-command", "executable file not found in $PATH")]
    [InlineData("/no/such/file", "no such file or directory")]
    [InlineData("/tmp", "permission denied")]
    public void Exec_of_a_missing_executable_fails_with_255(string command, string message)
    {
        using var rc = WithRunning("x", out _);
        rc.Run("exec", "x", command).ShouldFailWith(message, 255);
        rc.Run("exec", "--detach", "--pid-file", rc.NewPath("p"), "x", command).ShouldFailWith(message, 255);
        File.Exists(rc.NewPath("p")).Should().BeFalse("a failed exec leaves no pid file (conmon relies on it)");
        rc.Status("x").Should().Be("running");
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_usage_errors()
    {
        using var rc = WithRunning("x", out _);
        var r = rc.Run("exec", "x");
        r.ExitCode.Should().NotBe(0);
        r.ShouldHaveNoStackTrace();
        rc.Run("exec", "--cwd", "relative", "x", "true").ShouldFailWith("cwd", 255);
        rc.Run("delete", "--force", "x").ShouldSucceed();
        rc.AssertNoLeftovers();
    }
}
