using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>create → start → kill → delete, and the error rules callers match on (cli-contract §2).</summary>
public sealed class LifecycleTests
{
    /// <summary>A long-running init that exits on SIGTERM (pid 1 of a namespace ignores signals it has no handler for).</summary>
    private static readonly string[] TermAwareLoop = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"];

    [RootTheory]
    [InlineData(null)]        // default: SIGTERM
    [InlineData("TERM")]
    [InlineData("15")]
    [InlineData("SIGTERM")]
    [InlineData("sigterm")]
    [InlineData("KILL")]
    [InlineData("9")]
    [InlineData("SIGKILL")]
    public void Create_start_kill_delete(string? signal)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle(TermAwareLoop);
        var pidFile = rc.NewPath("init.pid");

        rc.Run("create", "--bundle", b.Dir, "--pid-file", pidFile, "c1").ShouldSucceed()
            .Stdout.Should().BeEmpty();
        var created = rc.State("c1");
        created["status"]!.GetValue<string>().Should().Be("created");
        var pid = created["pid"]!.GetValue<int>();
        pid.Should().BeGreaterThan(0);
        File.ReadAllText(pidFile).Should().Be(pid.ToString(), "the pid file holds the state pid, without a newline");
        ProcessInfo.IsRunning(pid).Should().BeTrue();

        rc.Run("start", "c1").ShouldSucceed().Stdout.Should().BeEmpty();
        rc.Status("c1").Should().Be("running");
        rc.State("c1")["pid"]!.GetValue<int>().Should().Be(pid);

        var kill = signal is null ? rc.Run("kill", "c1") : rc.Run("kill", "c1", signal);
        kill.ShouldSucceed();
        rc.WaitForStatus("c1", "stopped");
        var stopped = rc.State("c1");
        stopped["pid"]!.GetValue<int>().Should().Be(0, "a stopped container reports pid 0");
        ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)).Should().BeTrue();

        rc.Run("delete", "c1").ShouldSucceed().Stdout.Should().BeEmpty();
        rc.Run("state", "c1").ShouldFailWith("container does not exist");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void State_is_indented_json_with_the_runc_fields_and_no_trailing_newline()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        b.Edit(c => c["annotations"] = new JsonObject { ["org.example.key"] = "value" });
        rc.Run("create", "--bundle", b.Dir, "shape").ShouldSucceed();
        var r = rc.Run("state", "shape").ShouldSucceed();
        r.Stderr.Should().BeEmpty("go-runc parses stdout and stderr combined");
        r.Stdout.Should().StartWith("{\n  \"ociVersion\": ").And.EndWith("}").And.NotEndWith("\n");
        Regex.IsMatch(r.Stdout, "^  \"id\": \"shape\",$", RegexOptions.Multiline).Should().BeTrue(r.Stdout);
        var state = JsonNode.Parse(r.Stdout)!.AsObject();
        state.Select(kv => kv.Key).Should().ContainInOrder("ociVersion", "id", "pid", "status", "bundle", "rootfs", "created");
        state["id"]!.GetValue<string>().Should().Be("shape");
        state["bundle"]!.GetValue<string>().Should().Be(b.Dir);
        state["rootfs"]!.GetValue<string>().Should().Be(b.Rootfs);
        state["annotations"]!["org.example.key"]!.GetValue<string>().Should().Be("value");
        DateTimeOffset.TryParse(state["created"]!.GetValue<string>(), out var created).Should().BeTrue();
        created.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        state["ociVersion"]!.GetValue<string>().Should().MatchRegex(@"^\d+\.\d+\.\d+");
        rc.Run("delete", "shape").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Start_twice_fails_with_already_running()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("create", "--bundle", b.Dir, "twice").ShouldSucceed();
        rc.Run("start", "twice").ShouldSucceed();
        rc.Run("start", "twice").ShouldFailWith("cannot start an already running container");
        rc.Status("twice").Should().Be("running");
        rc.Run("delete", "--force", "twice").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Start_of_a_stopped_container_fails()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("true");
        rc.Run("create", "--bundle", b.Dir, "done").ShouldSucceed();
        rc.Run("start", "done").ShouldSucceed();
        rc.WaitForStatus("done", "stopped");
        rc.Run("start", "done").ShouldFailWith("cannot start a container that has stopped");
        rc.Run("delete", "done").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Delete_of_a_running_container_needs_force()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("create", "--bundle", b.Dir, "busy").ShouldSucceed();
        rc.Run("start", "busy").ShouldSucceed();
        var pid = rc.State("busy")["pid"]!.GetValue<int>();

        rc.Run("delete", "busy").ShouldFailWith("cannot delete container busy that is not stopped: running");
        rc.Status("busy").Should().Be("running", "a refused delete leaves the container alone");
        ProcessInfo.IsRunning(pid).Should().BeTrue();

        rc.Run("delete", "--force", "busy").ShouldSucceed();
        ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)).Should().BeTrue();
        rc.Run("state", "busy").ShouldFailWith("container does not exist");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Delete_of_a_created_container_kills_it_and_succeeds()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("create", "--bundle", b.Dir, "fresh").ShouldSucceed();
        var pid = rc.State("fresh")["pid"]!.GetValue<int>();
        rc.Run("delete", "fresh").ShouldSucceed();
        ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)).Should().BeTrue();
        rc.Run("state", "fresh").ShouldFailWith("container does not exist");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Delete_force_of_a_missing_container_succeeds_and_without_force_fails()
    {
        using var rc = new RuncsSandbox();
        rc.Run("delete", "--force", "ghost").ShouldSucceed();
        rc.Run("delete", "-f", "ghost").ShouldSucceed();
        rc.Run("delete", "ghost").ShouldFailWith("container does not exist");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Commands_on_a_missing_container_say_it_does_not_exist()
    {
        using var rc = new RuncsSandbox();
        rc.Run("state", "ghost").ShouldFailWith("container does not exist");
        rc.Run("start", "ghost").ShouldFailWith("container does not exist");
        rc.Run("kill", "ghost", "KILL").ShouldFailWith("container does not exist");
        rc.Run("ps", "ghost").ShouldFailWith("container does not exist");
        rc.Run("exec", "ghost", "true").ShouldFailWith("container does not exist", 255);
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Create_with_an_existing_id_fails_and_leaves_the_first_intact()
    {
        using var rc = new RuncsSandbox();
        var b1 = rc.NewBundle("sh", "-c", "echo first");
        var b2 = rc.NewBundle("sh", "-c", "echo second");
        var first = rc.Run("create", "--bundle", b1.Dir, "dup").ShouldSucceed();
        var before = rc.State("dup");

        rc.Run("create", "--bundle", b2.Dir, "dup").ShouldFailWith("container with given ID already exists");

        var after = rc.State("dup");
        after.ToJsonString().Should().Be(before.ToJsonString(), "the first container's state is untouched");
        ProcessInfo.IsRunning(after["pid"]!.GetValue<int>()).Should().BeTrue();
        rc.Run("start", "dup").ShouldSucceed();
        RuncsSandbox.WaitForFile(first.StdoutPath, s => s.Length > 0).Should().Be("first\n");
        rc.WaitForStatus("dup", "stopped");
        rc.Run("delete", "dup").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootTheory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("../escape")]
    public void Invalid_ids_are_refused_cleanly(string id)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("true");
        var r = rc.Run("create", "--bundle", b.Dir, id);
        r.ShouldFail(1).ShouldHaveNoStackTrace();
        r.Stderr.Should().MatchRegex("(?i)container id", r.Describe());
        r.Stderr.TrimEnd('\n').Should().NotContain("\n", "the error is one line");
        if (Directory.Exists(rc.Root))
            Directory.EnumerateFileSystemEntries(rc.Root).Should().BeEmpty();
        Directory.Exists(Path.Combine(rc.Dir, "escape")).Should().BeFalse();
        Directory.Exists(Path.Combine(rc.Dir, "a")).Should().BeFalse();

        rc.Run("state", id).ShouldFail(1).ShouldHaveNoStackTrace();
        rc.Run("delete", id).ShouldFail(1).ShouldHaveNoStackTrace();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Kill_of_a_stopped_container_says_not_running_and_all_makes_it_succeed()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("true");
        rc.Run("create", "--bundle", b.Dir, "k").ShouldSucceed();
        rc.Run("start", "k").ShouldSucceed();
        rc.WaitForStatus("k", "stopped");
        rc.Run("kill", "k", "KILL").ShouldFailWith("container not running");
        rc.Run("kill", "--all", "k", "9").ShouldSucceed();
        rc.Run("delete", "k").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootTheory]
    [InlineData("FOO")]
    [InlineData("SIGFOO")]
    [InlineData("0x9")]
    [InlineData("-9")]
    [InlineData("65")]
    public void Kill_with_an_unknown_signal_fails_and_sends_nothing(string signal)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("run", "--detach", "--bundle", b.Dir, "sig").ShouldSucceed();
        var r = rc.Run("kill", "sig", signal);
        r.ShouldFail(1).ShouldHaveNoStackTrace();
        r.Stderr.Should().Contain("signal", r.Describe());
        rc.Status("sig").Should().Be("running");
        rc.Run("delete", "--force", "sig").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Kill_with_a_signal_the_process_handles_delivers_it()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "trap 'echo got-usr1; exit 7' USR1; while :; do sleep 0.1; done");
        var create = rc.Run("create", "--bundle", b.Dir, "usr").ShouldSucceed();
        rc.Run("start", "usr").ShouldSucceed();
        rc.Run("kill", "usr", "SIGUSR1").ShouldSucceed();
        RuncsSandbox.WaitForFile(create.StdoutPath, s => s.Contains("got-usr1")).Should().Be("got-usr1\n");
        rc.WaitForStatus("usr", "stopped");
        rc.Run("delete", "usr").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Kill_of_a_created_container_stops_it()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("create", "--bundle", b.Dir, "ck").ShouldSucceed();
        var pid = rc.State("ck")["pid"]!.GetValue<int>();
        rc.Run("kill", "ck", "KILL").ShouldSucceed();
        rc.WaitForStatus("ck", "stopped");
        ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)).Should().BeTrue();
        rc.Run("start", "ck").ShouldFailWith("cannot start a container that has stopped");
        rc.Run("delete", "ck").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_container_whose_init_exited_is_stopped_and_its_state_says_so()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "exit 3");
        rc.Run("run", "--detach", "--bundle", b.Dir, "ended").ShouldSucceed();
        rc.WaitForStatus("ended", "stopped");
        var state = rc.State("ended");
        state["pid"]!.GetValue<int>().Should().Be(0);
        rc.Run("list", "-q").ShouldSucceed().Stdout.Should().Be("ended\n");
        rc.Run("delete", "ended").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    /// <summary>
    /// cli-contract §delete/§3.8: without a pid namespace of its own, destroying a container
    /// kills every process left in it (runc finds them in the container's cgroup).
    /// </summary>
    [RootFact]
    public void Delete_force_without_a_pid_namespace_kills_exec_processes_too()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        b.Edit(c => c["linux"]!["namespaces"] = new JsonArray(
            c["linux"]!["namespaces"]!.AsArray().Where(n => n!["type"]!.GetValue<string>() != "pid").Select(n => n!.DeepClone()).ToArray()));
        rc.Run("run", "--detach", "--bundle", b.Dir, "shared").ShouldSucceed();
        var pidFile = rc.NewPath("exec.pid");
        rc.Run("exec", "--detach", "--pid-file", pidFile, "shared", "sleep", "31").ShouldSucceed();
        var execPid = int.Parse(File.ReadAllText(pidFile));
        rc.TrackPid(execPid);
        JsonNode.Parse(rc.Run("ps", "--format", "json", "shared").ShouldSucceed().Stdout)!.AsArray()
            .Select(n => n!.GetValue<int>()).Should().Contain(execPid, "ps lists every process of the container");
        rc.Run("delete", "--force", "shared").ShouldSucceed();
        ProcessInfo.WaitForExit(execPid, null, TimeSpan.FromSeconds(5)).Should().BeTrue("delete --force kills the container's other processes");
        rc.AssertNoLeftovers();
    }

    /// <summary>
    /// runc's created init is Go, which exits on SIGTERM/SIGINT/SIGHUP, so `kill &lt;id&gt;` stops
    /// a never-started container (containerd and Kubernetes send SIGTERM first, SIGKILL only
    /// after the grace period).
    /// </summary>
    [RootTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    [InlineData("HUP")]
    public void Kill_TERM_of_a_created_container_stops_it(string signal)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("create", "--bundle", b.Dir, "ct").ShouldSucceed();
        rc.Run("kill", "ct", signal).ShouldSucceed();
        rc.WaitForStatus("ct", "stopped", TimeSpan.FromSeconds(5));
        rc.Run("delete", "ct").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_half_made_state_directory_is_listed_as_nothing_and_removed_by_delete()
    {
        using var rc = new RuncsSandbox();
        Directory.CreateDirectory(Path.Combine(rc.Root, "half"));
        rc.Run("list", "--format", "json").ShouldSucceed().Stdout.Should().Be("null\n");
        rc.Run("state", "half").ShouldFailWith("container does not exist");
        rc.Run("delete", "half").ShouldFailWith("container does not exist");
        Directory.Exists(Path.Combine(rc.Root, "half")).Should().BeFalse("runc removes <root>/<id> even when the container does not exist");
        Directory.CreateDirectory(Path.Combine(rc.Root, "half2"));
        rc.Run("delete", "--force", "half2").ShouldSucceed();
        Directory.Exists(Path.Combine(rc.Root, "half2")).Should().BeFalse();
        rc.AssertNoLeftovers();
    }
}
