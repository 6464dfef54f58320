using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>What a process sees inside the container: hostname, read-only root, capabilities, rlimits, masked paths, fds.</summary>
public sealed class ContainerEnvironmentTests
{
    private static RuncsResult RunInside(RuncsSandbox rc, Bundle b, string script, RunOptions? options = null)
    {
        b.WithArgs("sh", "-c", script);
        return rc.Run(options ?? new RunOptions(), "run", "--bundle", b.Dir, "inside");
    }

    [RootFact]
    public void Hostname_from_the_config_is_seen_inside()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle().WithHostname("itest-host");
        RunInside(rc, b, "hostname; cat /proc/sys/kernel/hostname").ShouldSucceed()
            .Stdout.Should().Be("itest-host\nitest-host\n");
        Environment.MachineName.Should().NotBe("itest-host", "the host's name is untouched (uts namespace)");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Readonly_root_refuses_writes_while_tmpfs_mounts_stay_writable()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        b.Config["root"]!["readonly"]!.GetValue<bool>().Should().BeTrue("runcs spec makes the root read-only");
        b.WithMount("/tmp", "tmpfs", "tmpfs", "nosuid", "nodev", "mode=1777");
        var r = RunInside(rc, b,
            "if touch /x 2>/dev/null; then echo root-writable; else echo root-readonly; fi; " +
            "if touch /tmp/x; then echo tmp-writable; fi; " +
            "if touch /dev/shm/x; then echo shm-writable; fi; " +
            "grep ' / ' /proc/self/mountinfo | grep -q ' ro[ ,]' && echo root-mounted-ro").ShouldSucceed();
        r.Stdout.Should().Be("root-readonly\ntmp-writable\nshm-writable\nroot-mounted-ro\n");
        File.Exists(Path.Combine(b.Rootfs, "x")).Should().BeFalse();
        File.Exists(Path.Combine(b.Rootfs, "tmp", "x")).Should().BeFalse("/tmp was a tmpfs, not the rootfs directory");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Writable_root_accepts_writes()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle().WithReadonlyRoot(false);
        RunInside(rc, b, "echo data > /written && cat /written").ShouldSucceed().Stdout.Should().Be("data\n");
        File.ReadAllText(Path.Combine(b.Rootfs, "written")).Should().Be("data\n");
        rc.AssertNoLeftovers();
    }

    [RootTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Capabilities_and_no_new_privileges_are_those_of_the_config(bool noNewPrivileges)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        b.Edit(_ => b.Process["noNewPrivileges"] = noNewPrivileges);
        var bounding = b.BoundingCapabilities();
        bounding.Should().NotBeEmpty();
        var status = RunInside(rc, b, "cat /proc/self/status").ShouldSucceed().Stdout;

        Capabilities.StatusField(status, "CapBnd").Should().Be(Capabilities.Mask(bounding), status);
        var effective = (b.Process["capabilities"]!["effective"] as JsonArray)!.Select(n => n!.GetValue<string>());
        Capabilities.StatusField(status, "CapEff").Should().Be(Capabilities.Mask(effective), status);
        Capabilities.StatusField(status, "CapInh").Should().Be(0);
        Regex.Match(status, @"^NoNewPrivs:\s+(\d)$", RegexOptions.Multiline).Groups[1].Value
            .Should().Be(noNewPrivileges ? "1" : "0");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_smaller_bounding_set_is_applied()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        b.Edit(_ =>
        {
            var caps = new JsonObject();
            foreach (var set in new[] { "bounding", "effective", "permitted" })
                caps[set] = Bundle.Strings(["CAP_CHOWN", "CAP_SYS_ADMIN"]);
            b.Process["capabilities"] = caps;
        });
        var status = RunInside(rc, b, "cat /proc/self/status").ShouldSucceed().Stdout;
        Capabilities.StatusField(status, "CapBnd").Should().Be((1UL << 0) | (1UL << 21));
        Capabilities.StatusField(status, "CapPrm").Should().Be((1UL << 0) | (1UL << 21));
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Rlimit_nofile_of_the_default_spec_is_seen_inside()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        var nofile = b.Process["rlimits"]!.AsArray().Single(l => l!["type"]!.GetValue<string>() == "RLIMIT_NOFILE")!;
        nofile["soft"]!.GetValue<ulong>().Should().Be(1024);
        nofile["hard"]!.GetValue<ulong>().Should().Be(1024);
        var r = RunInside(rc, b, "ulimit -n; ulimit -Hn; grep 'Max open files' /proc/self/limits").ShouldSucceed();
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("1024");
        lines[1].Should().Be("1024");
        lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("Max", "open", "files", "1024", "1024", "files");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Custom_rlimits_are_applied()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        b.Edit(_ => b.Process["rlimits"] = new JsonArray(
            new JsonObject { ["type"] = "RLIMIT_NOFILE", ["soft"] = 512, ["hard"] = 2048 },
            new JsonObject { ["type"] = "RLIMIT_CORE", ["soft"] = 0, ["hard"] = 0 },
            new JsonObject { ["type"] = "RLIMIT_NPROC", ["soft"] = 10000, ["hard"] = 20000 }));
        var r = RunInside(rc, b, "ulimit -Sn; ulimit -Hn; grep -E 'Max (core file size|processes)' /proc/self/limits").ShouldSucceed();
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("512");
        lines[1].Should().Be("2048");
        lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(4).Take(2).Should().Equal("0", "0");
        lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).Take(2).Should().Equal("10000", "20000");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Masked_paths_read_empty()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        var masked = b.Linux["maskedPaths"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        masked.Should().Contain(["/proc/kcore", "/proc/keys", "/proc/timer_list"]);
        var r = RunInside(rc, b,
            "if [ -e /proc/kcore ]; then echo kcore=$(wc -c < /proc/kcore); else echo kcore=absent; fi; " +
            "echo keys=$(wc -c < /proc/keys); echo timer_list=$(cat /proc/timer_list | wc -c); " +
            "echo keys-mounts=$(grep -c ' /proc/keys ' /proc/self/mountinfo); " +
            "if [ -d /proc/scsi ]; then echo scsi=$(ls -A /proc/scsi | wc -l); fi; " +
            "echo cpuinfo-bytes=$(cat /proc/cpuinfo | wc -c)").ShouldSucceed();
        r.Stdout.Should().Contain(File.Exists("/proc/kcore") ? "kcore=0\n" : "kcore=absent\n", r.Stdout)
            .And.Contain("keys=0\n").And.Contain("timer_list=0\n").And.Contain("keys-mounts=1\n");
        r.Stdout.Should().NotContain("cpuinfo-bytes=0\n", "only the masked paths are hidden");
        if (r.Stdout.Contains("scsi="))
            r.Stdout.Should().Contain("scsi=0\n", "a masked directory is an empty tmpfs");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Readonly_paths_refuse_writes()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        b.Linux["readonlyPaths"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain("/proc/sys");
        var r = RunInside(rc, b,
            "if echo changed > /proc/sys/kernel/hostname; then echo sys-written; else echo sys-refused; fi; " +
            "if echo h > /proc/sysrq-trigger; then echo sysrq-written; else echo sysrq-refused; fi; " +
            "grep ' /proc/sys ' /proc/self/mountinfo | grep -q ' ro[ ,]' && echo sys-mounted-ro; hostname");
        r.ShouldSucceed();
        r.Stdout.Should().Be("sys-refused\nsysrq-refused\nsys-mounted-ro\nruncs-itest\n".Replace("runcs-itest", b.Config["hostname"]!.GetValue<string>()));
        r.Stderr.Should().Contain("Read-only file system");
        rc.AssertNoLeftovers();
    }

    /// <summary>
    /// `ls /proc/self/fd` lists ls's own fds: 0 1 2 and the one it opened to read the directory
    /// (a link to /proc/&lt;its pid&gt;/fd). Anything else was inherited. runcs gets an extra fd
    /// (7, no CLOEXEC) to prove it does not pass what it inherits.
    /// </summary>
    [RootFact]
    public void No_host_fd_leaks_into_the_container()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        var leak = new RunOptions { ShellRedirections = "7</etc/hostname 9<" + rc.Dir };
        var r = RunInside(rc, b, "ls -l /proc/self/fd", leak).ShouldSucceed();
        AssertOnlyStdioAndOwnDirFd(r.Stdout);

        b.WithArgs("sleep", "30");
        rc.Run(new RunOptions { ShellRedirections = "7</etc/hostname" }, "run", "--detach", "--bundle", b.Dir, "fds").ShouldSucceed();
        var exec = rc.Run(leak, "exec", "fds", "ls", "-l", "/proc/self/fd").ShouldSucceed();
        AssertOnlyStdioAndOwnDirFd(exec.Stdout);
        var init = rc.State("fds")["pid"]!.GetValue<int>();
        rc.Run("delete", "--force", "fds").ShouldSucceed();
        ProcessInfo.WaitForExit(init, null, TimeSpan.FromSeconds(5)).Should().BeTrue();
        rc.AssertNoLeftovers();
    }

    private static void AssertOnlyStdioAndOwnDirFd(string lsOutput)
    {
        // "lrwx------ 1 0 0 64 Nov 23 11:40 0 -> /dev/null" → fd and target.
        var fds = lsOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains(" -> "))
            .Select(l =>
            {
                var arrow = l.IndexOf(" -> ", StringComparison.Ordinal);
                var left = l[..arrow].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return (Fd: int.Parse(left[^1]), Target: l[(arrow + 4)..]);
            })
            .ToList();
        fds.Select(f => f.Fd).Should().Contain([0, 1, 2], lsOutput);
        var others = fds.Where(f => f.Fd > 2).ToList();
        others.Should().HaveCountLessThanOrEqualTo(1, "only ls's own directory fd may be open besides stdio:\n" + lsOutput);
        foreach (var (_, target) in others)
            target.Should().MatchRegex(@"^/proc/\d+/fd$", "the extra fd is the directory ls is reading:\n" + lsOutput);
    }

    /// <summary>
    /// linux.sysctl with the default spec, whose readonlyPaths hold /proc/sys: the values are
    /// written before /proc/sys is made read-only (runc's order). Docker sets
    /// net.ipv4.ip_unprivileged_port_start on every container with its own network namespace.
    /// </summary>
    [RootFact]
    public void Sysctls_are_applied_inside_the_container_namespaces()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        var hostForward = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();
        var wanted = hostForward == "1" ? "0" : "1";
        b.Edit(_ => b.Linux["sysctl"] = new JsonObject
        {
            ["net.ipv4.ip_forward"] = wanted,
            ["net.ipv4.ip_unprivileged_port_start"] = "0",
            ["kernel.shmmni"] = "1234",
        });
        var r = RunInside(rc, b, "cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/ip_unprivileged_port_start /proc/sys/kernel/shmmni").ShouldSucceed();
        r.Stdout.Should().Be($"{wanted}\n0\n1234\n");
        File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim().Should().Be(hostForward, "the host's value is untouched");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Default_devices_and_dev_links_exist()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        var r = RunInside(rc, b,
            "for d in null zero full random urandom tty; do [ -c /dev/$d ] && echo char:$d; done; " +
            "for l in fd stdin stdout stderr ptmx; do [ -L /dev/$l ] && echo link:$l:$(readlink /dev/$l); done; " +
            "head -c 4 /dev/zero | wc -c; echo discard > /dev/null && echo null-ok").ShouldSucceed();
        r.Stdout.Should().Be(
            "char:null\nchar:zero\nchar:full\nchar:random\nchar:urandom\nchar:tty\n" +
            "link:fd:/proc/self/fd\nlink:stdin:/proc/self/fd/0\nlink:stdout:/proc/self/fd/1\nlink:stderr:/proc/self/fd/2\nlink:ptmx:pts/ptmx\n" +
            "4\nnull-ok\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Namespaces_isolate_network_pids_and_ipc()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        var r = RunInside(rc, b,
            "echo pid=$$; echo procs=$(ls -d /proc/[0-9]* | wc -l); " +
            "echo ifaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\\n' ' ')").ShouldSucceed();
        r.Stdout.Should().Contain("pid=1\n").And.Contain("ifaces=lo\n");
        // sh, plus the ls and the command substitution's subshell at most.
        int.Parse(r.Stdout.Split('\n').Single(l => l.StartsWith("procs=", StringComparison.Ordinal))[6..]).Should().BeLessThan(5);
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Bind_mounts_honour_ro_and_rw()
    {
        using var rc = new RuncsSandbox();
        var shared = rc.NewPath("shared");
        Directory.CreateDirectory(shared);
        File.WriteAllText(Path.Combine(shared, "from-host"), "host data\n");
        var output = rc.NewPath("out");
        Directory.CreateDirectory(output);
        var b = rc.NewBundle();
        Directory.CreateDirectory(Path.Combine(b.Rootfs, "ro"));
        Directory.CreateDirectory(Path.Combine(b.Rootfs, "rw"));
        b.WithMount("/ro", "bind", shared, "rbind", "ro");
        b.WithMount("/rw", "bind", output, "bind", "rw");
        var r = RunInside(rc, b,
            "cat /ro/from-host; if touch /ro/new 2>/dev/null; then echo ro-writable; else echo ro-refused; fi; echo written > /rw/result").ShouldSucceed();
        r.Stdout.Should().Be("host data\nro-refused\n");
        File.Exists(Path.Combine(shared, "new")).Should().BeFalse();
        File.ReadAllText(Path.Combine(output, "result")).Should().Be("written\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void User_namespace_maps_container_root_to_the_configured_host_id()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        b.Edit(c =>
        {
            b.Linux["namespaces"]!.AsArray().Add(new JsonObject { ["type"] = "user" });
            b.Linux["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 200000, ["size"] = 65536 });
            b.Linux["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 200000, ["size"] = 65536 });
        });
        rc.Run("run", "--detach", "--bundle", b.Dir, "userns").ShouldSucceed();
        var pid = rc.State("userns")["pid"]!.GetValue<int>();
        var status = File.ReadAllText($"/proc/{pid}/status");
        status.Split('\n').Single(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1].Should().Be("200000");
        rc.Run("exec", "userns", "id", "-u").ShouldSucceed().Stdout.Should().Be("0\n");
        rc.Run("exec", "userns", "cat", "/proc/self/uid_map").ShouldSucceed().Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Trim()).Should().Equal("0", "200000", "65536");
        rc.Run("delete", "--force", "userns").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Process_user_groups_umask_env_cwd_and_oom_score_adj()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle();
        b.Edit(_ =>
        {
            b.Process["user"] = new JsonObject
            {
                ["uid"] = 1000, ["gid"] = 1001, ["umask"] = 63 /* 0077 */,
                ["additionalGids"] = new JsonArray(20, 30),
            };
            b.Process["cwd"] = "/tmp";
            b.Process["oomScoreAdj"] = 123;
        });
        b.WithEnv("GREETING=hi there");
        var r = RunInside(rc, b,
            "echo uid=$(id -u) gid=$(id -g) groups=$(id -G); echo umask=$(umask); echo cwd=$(pwd); " +
            "echo \"greeting=$GREETING\"; echo home=$HOME; echo oom=$(cat /proc/self/oom_score_adj)").ShouldSucceed();
        r.Stdout.Should().Be("uid=1000 gid=1001 groups=1001 20 30\numask=0077\ncwd=/tmp\ngreeting=hi there\nhome=/\noom=123\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_gets_the_configured_capabilities_and_no_new_privileges()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("run", "--detach", "--bundle", b.Dir, "caps").ShouldSucceed();
        var status = rc.Run("exec", "caps", "cat", "/proc/self/status").ShouldSucceed().Stdout;
        Capabilities.StatusField(status, "CapBnd").Should().Be(Capabilities.Mask(b.BoundingCapabilities()));
        Regex.Match(status, @"^NoNewPrivs:\s+(\d)$", RegexOptions.Multiline).Groups[1].Value.Should().Be("1");
        var withCap = rc.Run("exec", "--cap", "CAP_SYS_ADMIN", "caps", "cat", "/proc/self/status").ShouldSucceed().Stdout;
        (Capabilities.StatusField(withCap, "CapEff") & (1UL << Capabilities.Number("CAP_SYS_ADMIN"))).Should().NotBe(0UL);
        rc.Run("exec", "--additional-gids", "44", "-g", "55", "caps", "id", "-G").ShouldSucceed().Stdout.Should().Be("0 44 55\n");
        rc.Run("delete", "--force", "caps").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void No_pivot_runs_the_container_too()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "ls /; cat /etc/passwd | head -1");
        var r = rc.Run("run", "--no-pivot", "--bundle", b.Dir, "nopivot").ShouldSucceed();
        r.Stdout.Split('\n').Should().Contain(["bin", "etc", "proc", "root:x:0:0:root:/root:/bin/sh"]).And.NotContain("work");
        rc.AssertNoLeftovers();
    }
}
