using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>`list` (table, -q, json, null when empty) and `ps --format json`.</summary>
public sealed class ListPsTests
{
    [RootFact]
    public void List_of_an_empty_root_is_a_header_no_ids_and_json_null()
    {
        using var rc = new RuncsSandbox();
        Directory.CreateDirectory(rc.Root);
        rc.Run("list", "--format", "json").ShouldSucceed().Stdout.Should().Be("null\n");
        rc.Run("list", "--format=json").ShouldSucceed().Stdout.Should().Be("null\n");
        rc.Run("list", "-q").ShouldSucceed().Stdout.Should().BeEmpty();
        var table = rc.Run("list").ShouldSucceed().Stdout;
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void List_with_an_explicit_root_that_does_not_exist_fails()
    {
        using var rc = new RuncsSandbox();
        rc.Run("list").ShouldFailWith("no such file or directory");
        Directory.Exists(rc.Root).Should().BeFalse("list does not create the root");
    }

    [RootFact]
    public void List_shows_every_container_in_table_quiet_and_json()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("create", "--bundle", b.Dir, "beta").ShouldSucceed();
        rc.Run("create", "--bundle", b.Dir, "alpha").ShouldSucceed();
        rc.Run("start", "alpha").ShouldSucceed();
        var alphaPid = rc.State("alpha")["pid"]!.GetValue<int>();
        var betaPid = rc.State("beta")["pid"]!.GetValue<int>();

        rc.Run("list", "-q").ShouldSucceed().Stdout.Should().Be("alpha\nbeta\n");
        rc.Run("list", "--quiet").ShouldSucceed().Stdout.Should().Be("alpha\nbeta\n");

        var rows = rc.Run("list").ShouldSucceed().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        rows.Should().HaveCount(3);
        rows[0].Should().Equal("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER");
        rows[1].Should().Equal("alpha", alphaPid.ToString(), "running", b.Dir, rows[1][4], "root");
        rows[2].Should().Equal("beta", betaPid.ToString(), "created", b.Dir, rows[2][4], "root");

        var json = rc.Run("list", "--format", "json").ShouldSucceed().Stdout;
        json.Should().EndWith("]\n").And.NotContain("\n ", "list json is compact");
        var items = JsonNode.Parse(json)!.AsArray();
        items.Select(i => i!["id"]!.GetValue<string>()).Should().Equal("alpha", "beta");
        items[0]!["status"]!.GetValue<string>().Should().Be("running");
        items[0]!["pid"]!.GetValue<int>().Should().Be(alphaPid);
        items[0]!["bundle"]!.GetValue<string>().Should().Be(b.Dir);
        items[0]!["rootfs"]!.GetValue<string>().Should().Be(b.Rootfs);
        items[0]!["owner"]!.GetValue<string>().Should().Be("root");
        items[1]!["status"]!.GetValue<string>().Should().Be("created");

        rc.Run("delete", "--force", "alpha").ShouldSucceed();
        rc.Run("delete", "beta").ShouldSucceed();
        rc.Run("list", "--format", "json").ShouldSucceed().Stdout.Should().Be("null\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Ps_json_lists_the_init_pid_and_exec_processes()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("run", "--detach", "--bundle", b.Dir, "procs").ShouldSucceed();
        var init = rc.State("procs")["pid"]!.GetValue<int>();

        var r = rc.Run("ps", "--format", "json", "procs").ShouldSucceed();
        r.Stderr.Should().BeEmpty();
        r.Stdout.Should().EndWith("\n");
        JsonNode.Parse(r.Stdout)!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(init);

        var pidFile = rc.NewPath("exec.pid");
        rc.Run("exec", "--detach", "--pid-file", pidFile, "procs", "sleep", "31").ShouldSucceed();
        var execPid = int.Parse(File.ReadAllText(pidFile));
        rc.TrackPid(execPid);
        var pids = JsonNode.Parse(rc.Run("ps", "-f", "json", "procs").ShouldSucceed().Stdout)!.AsArray().Select(n => n!.GetValue<int>());
        pids.Should().BeEquivalentTo([init, execPid]);

        rc.Run("ps", "procs").ShouldSucceed().Stdout.Should().Contain("PID").And.Contain("sleep 30");

        rc.Run("delete", "--force", "procs").ShouldSucceed();
        ProcessInfo.WaitForExit(execPid, null, TimeSpan.FromSeconds(5)).Should().BeTrue("the exec'd process dies with the pid namespace");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Ps_of_a_stopped_container_says_not_running()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("true");
        rc.Run("create", "--bundle", b.Dir, "gone").ShouldSucceed();
        rc.Run("start", "gone").ShouldSucceed();
        rc.WaitForStatus("gone", "stopped");
        rc.Run("ps", "--format", "json", "gone").ShouldFailWith("container not running");
        rc.Run("delete", "gone").ShouldSucceed();
        rc.AssertNoLeftovers();
    }
}
