using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// runcs run by an unprivileged user with a `runcs spec --rootless` bundle, as runc does it: a
/// user namespace mapping only the caller's own ids (written from outside, setgroups denied),
/// no cgroup where the user has no permission, state under $XDG_RUNTIME_DIR/runcs.
/// </summary>
public sealed class RootlessTests
{
    /// <summary>Output lines with runs of blanks and tabs made one space (uid_map pads its columns).</summary>
    private static List<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => string.Join(' ', l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))).ToList();

    private static string HostUidOf(int pid) =>
        File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));

    [RootlessFact]
    public void Run_maps_only_the_callers_own_ids_and_denies_setgroups()
    {
        using var rc = new RuncsSandbox();
        var user = RootlessUser.In(rc);
        var b = user.NewBundle("sh", "-c",
            "echo uid=$(id -u) gid=$(id -g); cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups; hostname");

        var run = user.Run("run", "--bundle", b.Dir, "r1").ShouldSucceed();

        Lines(run.Stdout).Should().Equal("uid=0 gid=0", $"0 {RootlessUser.Id} 1", $"0 {RootlessUser.Id} 1", "deny", "runc");
        rc.AssertNoLeftovers();
    }

    [RootlessFact]
    public void Detached_create_start_state_exec_kill_delete_of_the_users_own_container()
    {
        using var rc = new RuncsSandbox();
        var user = RootlessUser.In(rc);
        var b = user.NewBundle("sleep", "1000");

        user.Run("create", "--bundle", b.Dir, "c1").ShouldSucceed();
        var state = JsonNode.Parse(user.Run("state", "c1").ShouldSucceed().Stdout)!;
        state["status"]!.GetValue<string>().Should().Be("created");
        var pid = state["pid"]!.GetValue<int>();
        HostUidOf(pid).Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(1).Should().AllBe(RootlessUser.Id.ToString(),
            "container root is the user on the host");
        File.ReadAllText(Path.Combine(rc.Root, "c1", "state.json")).Should().Contain("\"rootless\":true");
        user.Run("exec", "c1", "true").ShouldFailWith("cannot exec in a created container without root", exitCode: 255);

        user.Run("start", "c1").ShouldSucceed();
        JsonNode.Parse(user.Run("state", "c1").ShouldSucceed().Stdout)!["status"]!.GetValue<string>().Should().Be("running");
        Lines(user.Run("exec", "c1", "sh", "-c", "id -u; cat /proc/self/uid_map").ShouldSucceed().Stdout)
            .Should().Equal("0", $"0 {RootlessUser.Id} 1");
        user.Run("list", "-q").ShouldSucceed().Stdout.Should().Be("c1\n");
        user.Run("pause", "c1").ShouldFailWith("cannot toggle freezer: cgroups not configured for container");

        user.Run("kill", "c1", "KILL").ShouldSucceed();
        ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)).Should().BeTrue();
        JsonNode.Parse(user.Run("state", "c1").ShouldSucceed().Stdout)!["status"]!.GetValue<string>().Should().Be("stopped");
        user.Run("delete", "c1").ShouldSucceed();
        user.Run("state", "c1").ShouldFailWith("container does not exist");
        rc.AssertNoLeftovers();
    }

    [RootlessFact]
    public void Without_root_the_default_state_root_is_xdg_runtime_dir_runcs_with_0700_and_the_sticky_bit()
    {
        using var rc = new RuncsSandbox();
        var user = RootlessUser.In(rc);
        var b = user.NewBundle("sleep", "1000");
        var root = Path.Combine(user.XdgRuntimeDir, "runcs");
        try
        {
            user.Run(noRoot: true, "create", "--bundle", b.Dir, "x1").ShouldSucceed();

            File.GetUnixFileMode(root).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.StickyBit);
            new DirectoryInfo(root).Exists.Should().BeTrue();
            Directory.Exists(Path.Combine(root, "x1")).Should().BeTrue();
            user.Run(noRoot: true, "list", "-q").ShouldSucceed().Stdout.Should().Be("x1\n");
            user.Run(noRoot: true, "delete", "--force", "x1").ShouldSucceed();
            Directory.EnumerateFileSystemEntries(root).Should().BeEmpty();
        }
        finally
        {
            if (Directory.Exists(Path.Combine(root, "x1")))
                rc.Run(new RunOptions { NoRoot = true }, "--root", root, "delete", "--force", "x1");
        }
        rc.AssertNoLeftovers();
    }

    [RootlessTheory]
    [InlineData(true)]
    [InlineData(false)] // only the "rbind,ro" /sys: the host's cgroup mounts below it (CVE-2023-25809)
    public void Every_cgroup_mount_the_container_sees_is_read_only(bool withCgroupMount)
    {
        using var rc = new RuncsSandbox();
        var user = RootlessUser.In(rc);
        var b = user.NewBundle("sh", "-c", "grep -E ' - cgroup2? ' /proc/self/mountinfo");
        if (!withCgroupMount)
            b.Edit(c => c["mounts"] = new JsonArray(c["mounts"]!.AsArray()
                .Where(m => m!["destination"]!.GetValue<string>() != "/sys/fs/cgroup").Select(m => m!.DeepClone()).ToArray()));

        var mounts = Lines(user.Run("run", "--bundle", b.Dir, "ro1").ShouldSucceed().Stdout);

        mounts.Should().NotBeEmpty();
        mounts.Should().OnlyContain(line => line.Split(' ')[5].StartsWith("ro,"), "a rootless container must not write the user's cgroups");
        rc.AssertNoLeftovers();
    }

    [RootlessFact]
    public void A_memory_limit_without_cgroup_permission_is_a_clear_error_and_leaves_nothing()
    {
        using var rc = new RuncsSandbox();
        var user = RootlessUser.In(rc);
        var b = user.NewBundle("true");
        b.Edit(_ => b.Linux["resources"] = new JsonObject { ["memory"] = new JsonObject { ["limit"] = 64L << 20 } });

        var run = user.Run("run", "--bundle", b.Dir, "m1").ShouldFail();

        // runc's two wordings: the v1 manager's (this host), the v2 manager's.
        run.Stderr.Should().ContainAny("cannot set memory limit: container could not join or create cgroup",
            "rootless needs no limits + no cgrouppath when no permission is granted for cgroups");
        run.Stderr.Trim().Split('\n').Should().HaveCount(1);
        Directory.EnumerateFileSystemEntries(rc.Root).Should().BeEmpty();
        rc.AssertNoLeftovers();
    }

    [RootlessFact]
    public void Rootless_false_makes_a_cgroup_permission_error_fatal()
    {
        using var rc = new RuncsSandbox();
        var user = RootlessUser.In(rc);
        var b = user.NewBundle("true");

        user.Run("--rootless", "false", "run", "--bundle", b.Dir, "f1").ShouldFailWith("permission denied");
        user.Run("--rootless=maybe", "run", "--bundle", b.Dir, "f2").ShouldFailWith("use true, false or auto");
        rc.AssertNoLeftovers();
    }

    [RootlessFact]
    public void A_seccomp_profile_applies_without_the_root_only_cache()
    {
        using var rc = new RuncsSandbox();
        var user = RootlessUser.In(rc);
        var b = user.NewBundle("sh", "-c", "mkdir /tmp/x 2>/dev/null || echo refused; grep '^Seccomp:' /proc/self/status");
        b.Edit(_ => b.Linux["seccomp"] = JsonNode.Parse("""
            {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}
            """));

        Lines(user.Run("run", "--bundle", b.Dir, "sc1").ShouldSucceed().Stdout).Should().Equal("refused", "Seccomp: 2");
        rc.AssertNoLeftovers();
    }

    [RootlessFact]
    public void Mapping_more_than_the_callers_own_ids_goes_through_newuidmap_or_says_why_not()
    {
        using var rc = new RuncsSandbox();
        var user = RootlessUser.In(rc);
        var b = user.NewBundle("true");
        // No /etc/subuid entry for the test user: newuidmap (when installed) refuses the second range.
        b.Edit(_ => b.Linux["uidMappings"] = JsonNode.Parse($$"""
            [{"containerID": 0, "hostID": {{RootlessUser.Id}}, "size": 1}, {"containerID": 1, "hostID": 3000000, "size": 10}]
            """));

        var run = user.Run("run", "--bundle", b.Dir, "map1").ShouldFail();

        run.Stderr.Should().Contain(File.Exists("/usr/bin/newuidmap")
            ? "/usr/bin/newuidmap" : "an unprivileged user can map only its own id");
        rc.AssertNoLeftovers();
    }

    [RootlessFact]
    public void A_config_without_a_user_namespace_is_refused_for_a_user()
    {
        using var rc = new RuncsSandbox();
        var user = RootlessUser.In(rc);
        var b = user.NewBundle("true");
        b.Edit(_ => b.Linux["namespaces"] = new JsonArray(b.Linux["namespaces"]!.AsArray()
            .Where(n => n!["type"]!.GetValue<string>() != "user").Select(n => n!.DeepClone()).ToArray()));

        user.Run("run", "--bundle", b.Dir, "n1").ShouldFailWith("rootless container requires user namespaces");
        rc.AssertNoLeftovers();
    }
}
