using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// `exec --cgroup` on this host's v1 (hybrid) cgroups, as runc's exec.bats "[v1]" case: the
/// process lands in the named sub-cgroups, as /proc/self/cgroup inside and cgroup.procs outside
/// show, and runc's errors for the bad forms. The sub-cgroups are made by the test inside the
/// container's own cgroup (an absolute cgroupsPath of its own), so delete removes them with it.
/// The unified (cgroup v2 only) cases run in the VM checks (tests/CgroupV2Vm).
/// </summary>
public sealed class ExecCgroupTests
{
    private static bool HostHasV1Memory => File.Exists("/sys/fs/cgroup/memory/memory.limit_in_bytes");

    /// <summary>A running container in a cgroup of its own; its cgroup directories (controller → dir) from its state.</summary>
    private static (string CgroupsPath, Dictionary<string, string> Dirs) Running(RuncsSandbox rc, string id)
    {
        var path = $"/runcs-it-{Guid.NewGuid():N}";
        var b = rc.NewBundle("sleep", "60").Edit(c => c["linux"]!["cgroupsPath"] = path);
        rc.Run("run", "--detach", "--bundle", b.Dir, id).ShouldSucceed();
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(rc.Root, id, "state.json")))!;
        var dirs = state["cgroup_paths"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
        dirs.Should().NotBeEmpty();
        return (path, dirs);
    }

    /// <summary>mkdir sub in each dir; a v1 cpuset cgroup takes no process until it has cpus and mems, so those are copied.</summary>
    private static void MakeSubCgroups(IEnumerable<string> dirs, string sub)
    {
        foreach (var dir in dirs.Distinct())
        {
            var made = Path.Combine(dir, sub);
            Directory.CreateDirectory(made);
            foreach (var file in new[] { "cpuset.cpus", "cpuset.mems" })
            {
                if (File.Exists(Path.Combine(dir, file)))
                    File.WriteAllText(Path.Combine(made, file), File.ReadAllText(Path.Combine(dir, file)).Trim());
            }
        }
    }

    private static string[] CgroupLines(string procSelfCgroup) => procSelfCgroup.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void AssertRemoved(IEnumerable<string> dirs)
    {
        foreach (var dir in dirs.Distinct())
            Directory.Exists(dir).Should().BeFalse($"{dir} goes with the container's cgroup at delete");
    }

    [RootFact]
    public void A_path_alone_joins_the_sub_cgroup_in_every_hierarchy()
    {
        if (!HostHasV1Memory)
            return; // a unified host: covered by the VM checks
        using var rc = new RuncsSandbox();
        var (path, dirs) = Running(rc, "cg");
        MakeSubCgroups(dirs.Values, "sub");

        var inside = rc.Run("exec", "--cgroup", "sub", "cg", "cat", "/proc/self/cgroup").ShouldSucceed().Stdout;
        CgroupLines(inside).Count(line => line.EndsWith($":{path}/sub")).Should().Be(dirs.Values.Distinct().Count(),
            $"every hierarchy of the container, the hybrid cgroup2 one included: {inside}");
        CgroupLines(inside).Should().NotContain(line => line.EndsWith($":{path}"));

        var pidFile = rc.NewPath("exec.pid");
        rc.Run("exec", "--detach", "--pid-file", pidFile, "--cgroup", "sub", "cg", "sleep", "50").ShouldSucceed();
        var pid = File.ReadAllText(pidFile);
        rc.TrackPid(int.Parse(pid));
        foreach (var dir in dirs.Values.Distinct())
            File.ReadAllLines(Path.Combine(dir, "sub", "cgroup.procs")).Should().Contain(pid, $"seen from the host in {dir}/sub");

        rc.Run("delete", "--force", "cg").ShouldSucceed();
        AssertRemoved(dirs.Values);
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Named_controllers_join_their_sub_cgroups_and_the_others_stay_at_the_top()
    {
        if (!HostHasV1Memory)
            return;
        using var rc = new RuncsSandbox();
        var (path, dirs) = Running(rc, "cg");
        MakeSubCgroups(new[] { dirs["memory"], dirs["cpu"], dirs["cpuacct"] }, "sub");

        var inside = CgroupLines(rc.Run("exec", "--cgroup", "memory:sub", "--cgroup", "cpu,cpuacct:sub", "cg", "cat", "/proc/self/cgroup")
            .ShouldSucceed().Stdout);
        inside.Should().Contain(line => line.EndsWith($":memory:{path}/sub"));
        inside.Should().Contain(line => line.Contains(":cpu") && line.EndsWith($":{path}/sub"));
        inside.Should().Contain(line => line.EndsWith($":pids:{path}"));
        inside.Should().Contain(line => line.StartsWith("0::") && line.EndsWith($":{path}"), "the hybrid cgroup2 directory was not named");
        inside.Count(line => line.EndsWith($"{path}/sub")).Should().Be(new[] { dirs["memory"], dirs["cpu"], dirs["cpuacct"] }.Distinct().Count());

        // Without --cgroup, and with the top named explicitly: the container's cgroup.
        foreach (var args in new[] { new[] { "exec", "cg", "cat", "/proc/self/cgroup" }, new[] { "exec", "--cgroup", "/", "cg", "cat", "/proc/self/cgroup" } })
            CgroupLines(rc.Run(args).ShouldSucceed().Stdout).Count(line => line.EndsWith($":{path}")).Should().Be(dirs.Values.Distinct().Count());

        rc.Run("delete", "--force", "cg").ShouldSucceed();
        AssertRemoved(dirs.Values);
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Bad_forms_and_missing_sub_cgroups_fail_with_runc_errors_and_start_nothing()
    {
        if (!HostHasV1Memory)
            return;
        using var rc = new RuncsSandbox();
        var (_, dirs) = Running(rc, "cg");
        var sibling = $"{dirs["pids"]}-sibling"; // same name prefix as the container's cgroup
        Directory.CreateDirectory(sibling);
        try
        {
            var cases = new (string[] Cgroups, string Error)[]
            {
                (["nonexistent"], "/nonexistent/cgroup.procs: no such file or directory"),
                (["pids:nonexistent"], "exec failed: unable to start container process: error adding pid "),
                ([".."], "exec failed: unable to create new parent process: bad sub cgroup path: .."),
                ([$"../{Path.GetFileName(sibling)}"], $"bad sub cgroup path: ../{Path.GetFileName(sibling)}"),
                ([$"pids:../{Path.GetFileName(sibling)}"], $"bad sub cgroup path: ../{Path.GetFileName(sibling)}"),
                (["whaaat:/"], "exec failed: unable to create new parent process: unknown controller whaaat in SubCgroupPaths"),
                (["sub", "memory:sub"], "exec failed: invalid --cgroup argument: sub (missing <controller>: prefix)"),
                ([":sub"], "exec failed: invalid --cgroup argument: :sub (empty <controller> prefix)"),
                (["memory:a", "cpu,memory:b"], "exec failed: invalid --cgroup argument(s): controller memory specified multiple times"),
            };
            foreach (var (cgroups, error) in cases)
            {
                var args = new List<string> { "exec" };
                foreach (var c in cgroups)
                    args.AddRange(["--cgroup", c]);
                args.AddRange(["cg", "sleep", "50"]);
                var r = rc.Run([.. args]).ShouldFailWith(error, 255);
                r.Error.Split('\n').Should().HaveCount(1, r.Describe());
            }
            rc.Run("ps", "--format", "json", "cg").ShouldSucceed().Stdout.Trim()
                .Should().Be($"[{rc.State("cg")["pid"]}]", "no failed exec left a process in the container");
            File.ReadAllText(Path.Combine(sibling, "cgroup.procs")).Should().BeEmpty();
        }
        finally
        {
            Native.rmdir(sibling);
        }
        rc.Run("delete", "--force", "cg").ShouldSucceed();
        AssertRemoved(dirs.Values);
        Directory.Exists(sibling).Should().BeFalse();
        rc.AssertNoLeftovers();
    }
}
