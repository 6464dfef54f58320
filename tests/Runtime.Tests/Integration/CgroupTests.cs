using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// Resource control through runcs on this host's cgroups (v1 controllers here): limits written
/// and seen from inside, enforcement, pause/resume, update, events, and no cgroup left behind.
/// Every container gets an absolute cgroupsPath of its own, so no existing cgroup is touched.
/// </summary>
public sealed class CgroupTests
{
    private static bool HasV1Memory => File.Exists("/sys/fs/cgroup/memory/memory.limit_in_bytes");

    private static string CgroupsPath() => $"/runcs-it-{Guid.NewGuid():N}";

    private static Bundle WithLimits(Bundle b, string cgroupsPath, long memory, long pids) => b.Edit(c =>
    {
        var linux = c["linux"]!.AsObject();
        linux["cgroupsPath"] = cgroupsPath;
        var resources = linux["resources"]?.AsObject() ?? new JsonObject();
        resources["memory"] = new JsonObject { ["limit"] = memory };
        resources["pids"] = new JsonObject { ["limit"] = pids };
        linux["resources"] = resources;
    });

    [RootFact]
    public void Limits_are_written_seen_inside_enforced_and_removed()
    {
        if (!HasV1Memory)
            return; // the v2 path is exercised by the cgroup library tests; this host decides
        using var rc = new RuncsSandbox();
        var path = CgroupsPath();
        var b = WithLimits(rc.NewBundle("sleep", "60"), path, 64 << 20, 16);
        rc.Run("run", "-d", "--bundle", b.Dir, "cg").ShouldSucceed();

        File.ReadAllText($"/sys/fs/cgroup/memory{path}/memory.limit_in_bytes").Trim().Should().Be((64 << 20).ToString());
        File.ReadAllText($"/sys/fs/cgroup/pids{path}/pids.max").Trim().Should().Be("16");
        var inside = rc.Run("exec", "cg", "cat", "/proc/self/cgroup").ShouldSucceed().Stdout;
        inside.Should().Contain($"memory:{path}").And.Contain($"pids:{path}");

        // pids.max is enforced: 40 background sleeps cannot all start.
        var forks = rc.Run("exec", "cg", "sh", "-c", "for i in $(seq 40); do sleep 5 & done");
        (forks.Stdout + forks.Stderr).Should().Contain("fork");
        JsonNode.Parse(rc.Run("ps", "--format", "json", "cg").ShouldSucceed().Stdout)!.AsArray().Count.Should().BeLessThanOrEqualTo(16);

        rc.Run("delete", "--force", "cg").ShouldSucceed();
        Directory.Exists($"/sys/fs/cgroup/memory{path}").Should().BeFalse();
        Directory.Exists($"/sys/fs/cgroup/pids{path}").Should().BeFalse();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_cgroup_namespace_is_rooted_at_the_container_cgroup()
    {
        using var rc = new RuncsSandbox();
        var path = CgroupsPath();
        var b = WithLimits(rc.NewBundle("sleep", "60"), path, 64 << 20, 32);
        b.Linux["namespaces"]!.AsArray().Add(new JsonObject { ["type"] = "cgroup" });
        b.Save();
        rc.Run("run", "-d", "--bundle", b.Dir, "cgns").ShouldSucceed();
        var pid = rc.State("cgns")["pid"]!.GetValue<int>();

        File.ReadAllText($"/proc/{pid}/cgroup").Should().Contain($"pids:{path}\n").And.Contain($"memory:{path}\n");
        new FileInfo($"/proc/{pid}/ns/cgroup").LinkTarget.Should().NotBe(new FileInfo("/proc/self/ns/cgroup").LinkTarget);
        var inside = rc.Run("exec", "cgns", "cat", "/proc/1/cgroup").ShouldSucceed().Stdout;
        inside.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(line => line.EndsWith(":/"), "init's cgroups are the namespace's roots");

        rc.Run("delete", "--force", "cgns").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Memory_limit_is_enforced_by_the_kernel()
    {
        if (!HasV1Memory)
            return;
        using var rc = new RuncsSandbox();
        var path = CgroupsPath();
        // 16 MiB of memory (and no extra swap); tmpfs pages are charged to the cgroup, so
        // writing 32 MiB to /dev/shm cannot succeed.
        var b = WithLimits(rc.NewBundle("sh", "-c", "dd if=/dev/zero of=/dev/shm/fill bs=1M count=32 2>/dev/null && echo survived"), path, 16 << 20, 64)
            .Edit(c => c["linux"]!["resources"]!["memory"]!["swap"] = 16 << 20);
        var result = rc.Run("run", "--bundle", b.Dir, "oom");
        result.Stdout.Should().NotContain("survived");
        Directory.Exists($"/sys/fs/cgroup/memory{path}").Should().BeFalse();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Pause_resume_update_and_events()
    {
        using var rc = new RuncsSandbox();
        var path = CgroupsPath();
        var b = WithLimits(rc.NewBundle("sleep", "60"), path, 64 << 20, 32);
        rc.Run("run", "-d", "--bundle", b.Dir, "pr").ShouldSucceed();

        rc.Run("pause", "pr").ShouldSucceed();
        rc.Status("pr").Should().Be("paused");
        rc.Run("pause", "pr").ShouldFailWith("container not running");
        rc.Run("resume", "pr").ShouldSucceed();
        rc.Status("pr").Should().Be("running");
        rc.Run("resume", "pr").ShouldFailWith("container not paused");

        rc.Run("update", "--memory", "128m", "--pids-limit", "40", "pr").ShouldSucceed();
        rc.Run(new RunOptions { Stdin = "{\"pids\":{\"limit\":50}}\n" }, "update", "--resources=-", "pr").ShouldSucceed();
        rc.Run(new RunOptions { Stdin = "{\"memory\":{\"limit\":201326592}}" }, "update", "--resources", "-", "pr").ShouldSucceed();
        if (HasV1Memory)
        {
            File.ReadAllText($"/sys/fs/cgroup/memory{path}/memory.limit_in_bytes").Trim().Should().Be("201326592");
            File.ReadAllText($"/sys/fs/cgroup/pids{path}/pids.max").Trim().Should().Be("50");
        }

        var stats = rc.Run("events", "--stats", "pr").ShouldSucceed().Stdout;
        stats.Should().EndWith("\n");
        var ev = JsonNode.Parse(stats)!.AsObject();
        ev["type"]!.GetValue<string>().Should().Be("stats");
        ev["id"]!.GetValue<string>().Should().Be("pr");
        ev["data"]!["pids"]!["current"]!.GetValue<ulong>().Should().BeGreaterThan(0);
        ev["data"]!["memory"]!["usage"]!["usage"]!.GetValue<ulong>().Should().BeGreaterThan(0);

        rc.Run("kill", "pr", "KILL").ShouldSucceed();
        rc.WaitForStatus("pr", "stopped");
        rc.Run("events", "--stats", "pr").ShouldFailWith("is not running");
        rc.Run("delete", "pr").ShouldSucceed();
        Directory.Exists($"/sys/fs/cgroup/pids{path}").Should().BeFalse();
        rc.AssertNoLeftovers();
    }
}
