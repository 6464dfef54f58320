using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// The native init (a plan run in C, no .NET in init) and C# init (RUNCS_NATIVE_INIT=0) must make
/// the same container: the same mounts, devices, credentials, limits and environment, seen from inside.
/// </summary>
public sealed class NativeInitTests
{
    /// <summary>What the container sees, with what differs between any two runs (ids, times, inode numbers) left out.</summary>
    private const string Probe =
        "echo '## mounts'; sed -E 's/^[0-9]+ [0-9]+ [0-9]+:[0-9]+ //; s/(shared|master|propagate_from):[0-9]+ ?//g' /proc/self/mountinfo; " +
        "echo '## dev'; ls -ln /dev | awk '{ print $1, $3, $4, $5, $6, $NF }'; " +
        "echo '## status'; grep -E '^(Uid|Gid|Groups|Cap|NoNewPrivs|Seccomp)' /proc/self/status; " +
        "echo '## limits'; ulimit -a; echo '## umask'; umask; echo '## cwd'; pwd; ls -ld .; echo '## env'; env | sort; " +
        "echo '## names'; hostname; cat /proc/sys/kernel/domainname; echo '## sysctl'; cat /proc/sys/net/ipv4/ip_forward; " +
        "echo '## cgroup'; ls -l /sys/fs/cgroup | awk '{ print $1, $NF }'; sed 's/:.*//' /proc/self/cgroup | sort";

    private static string RunProbe(RuncsSandbox rc, Bundle b, string id, bool native, bool noPivot)
    {
        string[] args = noPivot ? ["--debug", "run", "--no-pivot", "--bundle", b.Dir, id] : ["--debug", "run", "--bundle", b.Dir, id];
        var r = rc.Run(new RunOptions { Environment = new Dictionary<string, string?> { ["RUNCS_NATIVE_INIT"] = native ? null : "0" } }, args)
            .ShouldSucceed();
        r.Stderr.Should().Contain(native ? "init: native" : "init: C# init, for RUNCS_NATIVE_INIT=0");
        return r.Stdout.Replace(id, "ID");
    }

    public static TheoryData<string> Variants => new() { "default", "writable-root", "sysctl-rlimit-user", "userns", "no-pivot", "rbind-ro-sys" };

    [RootTheory]
    [MemberData(nameof(Variants))]
    public void Native_and_CSharp_init_make_the_same_container(string variant)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle().WithArgs("sh", "-c", Probe);
        switch (variant)
        {
            case "writable-root":
                b.WithReadonlyRoot(false).WithHostname("h1").Edit(c => c["domainname"] = "d1");
                break;
            case "sysctl-rlimit-user":
                b.Edit(_ =>
                {
                    b.Linux["sysctl"] = new JsonObject { ["net.ipv4.ip_forward"] = "1" };
                    b.Process["rlimits"] = new JsonArray(new JsonObject { ["type"] = "RLIMIT_NOFILE", ["hard"] = 512, ["soft"] = 256 });
                    b.Process["user"] = new JsonObject { ["uid"] = 65534, ["gid"] = 65534, ["additionalGids"] = new JsonArray(10, 20), ["umask"] = 63 };
                    b.Process["cwd"] = "/tmp/made/here";
                    b.Process["env"] = Bundle.Strings(["PATH=/bin", "A=1"]);
                });
                b.WithMount("/tmp", "tmpfs", "tmpfs", "mode=1777");
                break;
            case "userns":
                b.Edit(_ =>
                {
                    (b.Linux["namespaces"] as JsonArray)!.Add(new JsonObject { ["type"] = "user" });
                    b.Linux["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 200000, ["size"] = 65536 });
                    b.Linux["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 200000, ["size"] = 65536 });
                });
                break;
            case "no-pivot":
                break;
            case "rbind-ro-sys":
                b.Edit(c =>
                {
                    var mounts = (c["mounts"] as JsonArray)!;
                    mounts.Remove(mounts.First(m => m!["destination"]!.GetValue<string>() == "/sys"));
                    mounts.Add(new JsonObject
                    {
                        ["destination"] = "/sys", ["type"] = "none", ["source"] = "/sys",
                        ["options"] = Bundle.Strings(["rbind", "nosuid", "noexec", "nodev", "ro"]),
                    });
                });
                break;
        }
        var csharp = RunProbe(rc, b, "csharp", native: false, noPivot: variant == "no-pivot");
        var native = RunProbe(rc, b, "native", native: true, noPivot: variant == "no-pivot");

        native.Should().Be(csharp);
        native.Should().Contain("## mounts").And.Contain("## cgroup");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Native_and_CSharp_exec_start_the_same_process()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("run", "--detach", "--bundle", b.Dir, "target").ShouldSucceed();
        string Exec(bool native)
        {
            var r = rc.Run(new RunOptions { Environment = new Dictionary<string, string?> { ["RUNCS_NATIVE_INIT"] = native ? null : "0" } },
                "--debug", "exec", "--user", "65534:65534", "--additional-gids", "10", "--env", "X=1", "--cwd", "/tmp", "--cap", "CAP_KILL",
                "target", "sh", "-c", "grep -E '^(Uid|Gid|Groups|Cap|NoNewPrivs|Seccomp)' /proc/self/status; ulimit -a; umask; pwd; env | sort; ls -l /proc/self/fd | wc -l").ShouldSucceed();
            r.Stderr.Should().Contain(native ? "exec: native" : "exec: C# init, for RUNCS_NATIVE_INIT=0");
            return r.Stdout;
        }

        var native = Exec(native: true);
        native.Should().Be(Exec(native: false));
        native.Should().Contain("Uid:\t65534").And.Contain("X=1").And.Contain("/tmp\n");
        rc.Run("delete", "--force", "target").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_created_containers_init_is_one_thread_without_the_dotnet_runtime()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle().WithArgs("true");
        rc.Run("create", "--bundle", b.Dir, "created").ShouldSucceed();
        var pid = rc.State("created")["pid"]!.GetValue<int>();
        var status = File.ReadAllText($"/proc/{pid}/status");
        var maps = File.ReadAllText($"/proc/{pid}/maps");

        Regex.Match(status, @"^Threads:\s+(\d+)$", RegexOptions.Multiline).Groups[1].Value.Should().Be("1", "the .NET runtime starts threads");
        maps.Should().NotContain("doublemapper", "the .NET runtime maps its executable memory this way");
        var rssKb = long.Parse(Regex.Match(status, @"^VmRSS:\s+(\d+) kB$", RegexOptions.Multiline).Groups[1].Value);
        rssKb.Should().BeLessThan(6 * 1024, "a native init only holds the shim's pages");
        rc.Run("start", "created").ShouldSucceed();
        ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)).Should().BeTrue();
        rc.Run("delete", "created").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_native_init_runs_from_a_sealed_copy_of_runcs_init()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("create", "--bundle", b.Dir, "sealed").ShouldSucceed();
        var pid = rc.State("sealed")["pid"]!.GetValue<int>();

        ProcessInfo.Link(pid, "exe").Should().Be("/memfd:runcs-init (deleted)");
        var write = () => File.OpenWrite($"/proc/{pid}/exe").Dispose();
        write.Should().Throw<IOException>("the memfd is sealed against writes, even for root (EPERM)");
        File.ReadAllBytes($"/proc/{pid}/exe").Length.Should().BeLessThan(2 << 20, "runcs-init is the small static shim, not runcs");
        rc.Run("delete", "--force", "sealed").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_native_init_failure_is_one_line_and_leaves_nothing()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle().WithArgs("no-such-program");
        var r = rc.Run("run", "--bundle", b.Dir, "missing");

        r.ExitCode.Should().NotBe(0);
        r.Stderr.Should().Contain("error during container init: exec: \\\"no-such-program\\\": executable file not found in $PATH");
        r.Stderr.TrimEnd('\n').Should().NotContain("\n", "one line");
        rc.AssertNoLeftovers();
    }
}
