using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// Regression tests for the runtime CVE classes: a malicious rootfs must not redirect mounts
/// onto the host (CVE-2021-30465 class), masks must not follow a symlink out of the root, and
/// the container must not be able to rewrite the runcs binary (CVE-2019-5736).
/// </summary>
public sealed class SecurityTests
{
    [RootFact]
    public void A_mount_through_a_symlink_to_slash_stays_inside_the_rootfs()
    {
        using var rc = new RuncsSandbox();
        var name = $"runcs-escape-{Guid.NewGuid():N}";
        var b = rc.NewBundle("sh", "-c", $"grep -c ' /tmp/{name} ' /proc/self/mountinfo");
        // /evil → / : followed naively, "/evil/tmp/NAME" would be the host's /tmp/NAME.
        File.CreateSymbolicLink(Path.Combine(b.Rootfs, "evil"), "/");
        b.Edit(c => c["mounts"]!.AsArray().Add(new JsonObject
        {
            ["destination"] = $"/evil/tmp/{name}",
            ["type"] = "tmpfs",
            ["source"] = "tmpfs",
            ["options"] = new JsonArray("nosuid", "size=1m"),
        }));
        var result = rc.Run("run", "--bundle", b.Dir, "escape").ShouldSucceed();
        result.Stdout.Trim().Should().Be("1", "the tmpfs is mounted at the path inside the container");
        Directory.Exists($"/tmp/{name}").Should().BeFalse("nothing may be created on the host");
        Directory.Exists(Path.Combine(b.Rootfs, "tmp", name)).Should().BeTrue("the destination was created inside the rootfs");
        File.ReadAllText("/proc/self/mountinfo").Should().NotContain(name);
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_masked_path_that_is_a_symlink_to_a_host_path_masks_only_inside()
    {
        using var rc = new RuncsSandbox();
        var secret = Path.Combine(rc.Dir, "host-secret");
        File.WriteAllText(secret, "host data");
        var b = rc.NewBundle("sh", "-c", "cat /masked-link 2>&1; echo; cat /inside-secret");
        File.WriteAllText(Path.Combine(b.Rootfs, "inside-secret"), "inside data");
        // An absolute link resolves against the container's root, never the host's.
        File.CreateSymbolicLink(Path.Combine(b.Rootfs, "masked-link"), "/inside-secret");
        b.Edit(c => c["linux"]!["maskedPaths"]!.AsArray().Add("/masked-link"));
        var result = rc.Run("run", "--bundle", b.Dir, "mask").ShouldSucceed();
        result.Stdout.Should().NotContain("inside data", "the masked file reads empty through /dev/null");
        File.ReadAllText(secret).Should().Be("host data");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void The_container_cannot_rewrite_the_runcs_binary()
    {
        using var rc = new RuncsSandbox();
        var before = SHA256.HashData(File.ReadAllBytes(rc.Binary));
        var b = rc.NewBundle("sleep", "30");
        rc.Run("create", "--bundle", b.Dir, "exe").ShouldSucceed();
        // While created, pid 1 of the container is `runcs init`: its /proc/1/exe is the sealed
        // runcs-init of the native init (or runcs itself for C# init), never the host's file.
        var attempt = rc.Run("exec", "exe", "sh", "-c",
            "readlink /proc/1/exe; echo overwritten >> /proc/1/exe && echo WROTE || echo refused");
        attempt.Stdout.Should().Contain("refused").And.NotContain("WROTE");
        SHA256.HashData(File.ReadAllBytes(rc.Binary)).Should().Equal(before);
        rc.Run("delete", "--force", "exe").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_mount_through_a_relative_symlink_climbing_out_of_the_rootfs_stays_inside()
    {
        using var rc = new RuncsSandbox();
        var name = $"runcs-escape-{Guid.NewGuid():N}";
        var b = rc.NewBundle("sh", "-c", $"grep -c ' /tmp/{name} ' /proc/self/mountinfo");
        // Resolved from the host's view of the rootfs, this many ".." reach the host's "/".
        var climb = string.Join('/', Enumerable.Repeat("..", b.Rootfs.Count(c => c == '/') + 2));
        File.CreateSymbolicLink(Path.Combine(b.Rootfs, "up"), climb);
        b.WithMount($"/up/tmp/{name}", "tmpfs", "tmpfs", "nosuid", "size=1m");
        var before = HostMountPoints();

        var result = rc.Run("run", "--bundle", b.Dir, "climb").ShouldSucceed();

        result.Stdout.Trim().Should().Be("1", "the tmpfs is mounted at /tmp/NAME inside the container");
        Directory.Exists($"/tmp/{name}").Should().BeFalse("nothing may be created on the host");
        Directory.Exists(Path.Combine(b.Rootfs, "tmp", name)).Should().BeTrue("\"..\" stops at the container's root");
        HostMountPoints().Except(before).Should().NotContain(m => m == "/" || m.Contains(name), "no mount may land on the host");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_symlink_in_the_rootfs_does_not_undo_a_masked_proc_file()
    {
        using var rc = new RuncsSandbox();
        // /proc/kcore where the kernel has one; all three are masked by the default spec.
        var masked = new[] { "/proc/kcore", "/proc/keys", "/proc/timer_list" }.First(File.Exists);
        var b = rc.NewBundle("sh", "-c", $"stat -L -c %t:%T {masked}; stat -L -c %t:%T /masked-link; head -c 16 /masked-link | wc -c");
        File.CreateSymbolicLink(Path.Combine(b.Rootfs, "masked-link"), masked);
        b.Linux["maskedPaths"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(masked);

        var result = rc.Run("run", "--bundle", b.Dir, "masked").ShouldSucceed();

        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Equal(["1:3", "1:3", "0"],
            $"both names lead to the container's /dev/null over {masked}, which reads nothing");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_masked_path_that_is_a_symlink_to_a_host_file_never_masks_the_host_file()
    {
        using var rc = new RuncsSandbox();
        var secret = Path.Combine(rc.Dir, "host-secret");
        File.WriteAllText(secret, "host data");
        var b = rc.NewBundle("sh", "-c", "cat /masked-link 2>&1; echo end");
        // An absolute target that exists on the host only: it must resolve inside the root (to nothing).
        File.CreateSymbolicLink(Path.Combine(b.Rootfs, "masked-link"), secret);
        b.Edit(c => c["linux"]!["maskedPaths"]!.AsArray().Add("/masked-link"));
        var before = HostMountPoints();

        var result = rc.Run("run", "--bundle", b.Dir, "mask-host").ShouldSucceed();

        result.Stdout.Should().NotContain("host data").And.Contain("end");
        File.ReadAllText(secret).Should().Be("host data");
        HostMountPoints().Except(before).Should().NotContain(m => m.Contains("host-secret"));
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_waiting_init_gives_the_container_no_way_to_the_hosts_proc()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("create", "--bundle", b.Dir, "wait").ShouldSucceed();
        var hostPid = Environment.ProcessId; // exists in the host's pid namespace, not the container's
        // Everything a process in the container can try through pid 1 (runcs init, waiting for start).
        var probe = rc.Run("exec", "wait", "sh", "-c",
            $"readlink /proc/1/fd/0 >/dev/null 2>&1 && echo FD-LINK-READABLE; " +
            $"for f in /proc/1/fd/* /proc/1/cwd /proc/1/root; do " +
            $"[ -e \"$f/{hostPid}\" ] && echo HOST-PIDS-VIA $f; " +
            $"[ -e \"$f/sys/kernel/core_pattern\" ] && echo HOST-SYSCTL-VIA $f; done; echo probed").ShouldSucceed();
        probe.Stdout.Should().Contain("probed").And.NotContain("HOST-PIDS-VIA").And.NotContain("HOST-SYSCTL-VIA");
        probe.Stdout.Should().NotContain("FD-LINK-READABLE", "init is not dumpable while it holds runtime fds");
        rc.Run("delete", "--force", "wait").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_container_process_cannot_open_the_binary_of_a_joining_runcs_exec()
    {
        using var rc = new RuncsSandbox();
        var before = SHA256.HashData(File.ReadAllBytes(rc.Binary));
        var b = rc.NewBundle("sleep", "60").WithEnv("HOME=/root").WithReadonlyRoot(false);
        // A FIFO as /etc/passwd holds a joining `runcs exec` without HOME at its home lookup, inside the container.
        File.Delete(Path.Combine(b.Rootfs, "etc", "passwd"));
        Native.mkfifo(Path.Combine(b.Rootfs, "etc", "passwd"), 0b110_100_100).Should().Be(0);
        rc.Run("run", "-d", "--bundle", b.Dir, "joined").ShouldSucceed();
        var attacker = """
            for i in $(seq 1 1000); do
              for d in /proc/[0-9]*; do
                case "$(cat $d/comm 2>/dev/null)" in runcs*)
                  echo "seen $(cat $d/comm)"
                  readlink $d/exe >/dev/null 2>&1 && echo EXE-READABLE
                  if (echo x >> $d/exe) 2>/dev/null; then echo WROTE; else echo refused; fi
                  echo released > /etc/passwd
                  exit 0;;
                esac
              done
              usleep 10000
            done
            echo never-seen; echo released > /etc/passwd
            """;
        rc.Run("exec", "-d", "joined", "sh", "-c", "{\n" + attacker + "\n} > /tmp/attacker.log 2>&1").ShouldSucceed();
        var victim = rc.NewPath("victim.json");
        File.WriteAllText(victim, """{"args":["/bin/true"],"cwd":"/","env":["PATH=/bin"]}""");

        rc.Run(new RunOptions { Timeout = TimeSpan.FromSeconds(20) }, "exec", "--process", victim, "joined").ShouldSucceed();

        var report = RuncsSandbox.WaitForFile(Path.Combine(b.Rootfs, "tmp", "attacker.log"),
            t => t.Contains("refused") || t.Contains("WROTE") || t.Contains("never-seen"));
        report.Should().Contain("seen runcs").And.Contain("refused").And.NotContain("WROTE").And.NotContain("EXE-READABLE");
        SHA256.HashData(File.ReadAllBytes(rc.Binary)).Should().Equal(before);
        rc.Run("delete", "--force", "joined").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    /// <summary>Mount points of the host (the test's own mount namespace).</summary>
    private static List<string> HostMountPoints() =>
        File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).ToList();
}
