using System.Diagnostics;
using Process = System.Diagnostics.Process;
using System.Runtime.Versioning;
using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Cgroups.Devices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

/// <summary>
/// Real cgroups on this host, as root. Only cgroups named runcs-unit-&lt;random&gt; directly under the
/// hierarchy roots are created, only processes these tests start are moved or killed, and
/// everything is removed again in finally blocks.
/// </summary>
[SupportedOSPlatform("linux")]
public class RealCgroupTests
{
    private const long MiB = 1024 * 1024;

    private static string UniqueName() => "runcs-unit-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>sh that waits for a line on stdin, then runs the rest of the script.</summary>
    private static Process StartWaitingShell(string script)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("read line; " + script);
        var p = Process.Start(psi)!;
        p.Id.Should().NotBe(Environment.ProcessId);
        return p;
    }

    private static void Release(Process p)
    {
        p.StandardInput.WriteLine("go");
        p.StandardInput.Flush();
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(10))
                throw new TimeoutException("timed out waiting for " + what);
            Thread.Sleep(10);
        }
    }

    private static void KillOurs(Process? p)
    {
        if (p is null)
            return;
        try
        {
            if (!p.HasExited)
                p.Kill();
            p.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        p.Dispose();
    }

    /// <summary>Last resort after a failure: rmdir our own runcs-unit-* directories, nothing else.</summary>
    /// <summary>Whatever a test left: its process, its cgroup (quietly), any directory named for it.</summary>
    private static void CleanUp(Process? p, ICgroupManager manager, string name)
    {
        KillOurs(p);
        try
        {
            manager.Destroy();
        }
        catch (RuntimeException)
        {
        }
        Sweep(name);
    }

    private static void Sweep(string name)
    {
        foreach (var hierarchy in Directory.GetDirectories(CgroupModeDetector.DefaultRoot).Append(CgroupModeDetector.DefaultRoot))
        {
            var dir = Path.Combine(hierarchy, name);
            if (name.StartsWith("runcs-unit-") && Directory.Exists(dir))
            {
                try
                {
                    Directory.Delete(dir);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    [RealCgroupV1Fact]
    public void V1_manager_lifecycle_with_a_real_process()
    {
        var name = UniqueName();
        var mode = CgroupModeDetector.Detect();
        var manager = CgroupManagerFactory.Create(mode, "/" + name, name, systemd: false);
        Process? p = null;
        try
        {
            manager.Paths.Values.Should().OnlyContain(path => path.EndsWith("/" + name));
            manager.Paths.Should().ContainKeys("memory", "pids", "cpu", "freezer", "devices");
            if (mode == CgroupMode.Hybrid)
                manager.Paths[""].Should().StartWith(CgroupModeDetector.DefaultRoot + "/").And.EndWith("/" + name);

            p = StartWaitingShell("exec sleep 30");
            manager.Apply(p.Id);
            // The shell execs sleep only now: its new pages are charged to the new memory cgroup.
            Release(p);
            WaitFor(() => File.ReadAllText($"/proc/{p.Id}/cmdline").StartsWith("sleep"), "sleep to start");

            foreach (var path in manager.Paths.Values)
                File.ReadAllText(Path.Combine(path, "cgroup.procs")).Split('\n').Should().Contain(p.Id.ToString(), path);
            File.ReadAllText($"/proc/{p.Id}/cgroup").Should().Contain($":memory:/{name}").And.Contain($":pids:/{name}");

            manager.Set(new LinuxResources
            {
                Memory = new() { Limit = 64 * MiB },
                Pids = new() { Limit = 10 },
                Cpu = new() { Shares = 512 },
                Devices =
                [
                    new() { Allow = false, Access = "rwm" },
                    new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
                    new() { Allow = true, Type = "c", Major = 1, Minor = 5, Access = "rw" },
                ],
            });
            File.ReadAllText(Path.Combine(manager.Paths["memory"], "memory.limit_in_bytes")).Trim().Should().Be("67108864");
            File.ReadAllText(Path.Combine(manager.Paths["pids"], "pids.max")).Trim().Should().Be("10");
            File.ReadAllText(Path.Combine(manager.Paths["cpu"], "cpu.shares")).Trim().Should().Be("512");
            File.ReadAllLines(Path.Combine(manager.Paths["devices"], "devices.list")).Should().Equal("c 1:3 rwm", "c 1:5 rw");

            manager.GetPids().Should().Contain(p.Id);

            manager.Freeze();
            File.ReadAllText(Path.Combine(manager.Paths["freezer"], "freezer.state")).Trim().Should().Be("FROZEN");
            manager.GetFreezerState().Should().Be(FreezerState.Frozen);
            ProcFs.Stat(p.Id)!.Value.State.Should().BeOneOf('D', 'S');
            manager.Thaw();
            File.ReadAllText(Path.Combine(manager.Paths["freezer"], "freezer.state")).Trim().Should().Be("THAWED");
            manager.GetFreezerState().Should().Be(FreezerState.Thawed);

            var stats = manager.GetStats();
            stats.Memory.Usage.Usage.Should().BeGreaterThan(0);
            stats.Memory.Usage.Limit.Should().Be(64 * MiB);
            stats.Pids.Current.Should().BeGreaterThanOrEqualTo(1);
            stats.Pids.Limit.Should().Be(10);
            JsonSerializer.Serialize(stats, CgroupStatsJsonContext.Default.CgroupStats).Should().Contain("\"memory\":{");

            CgroupKiller.KillAll(manager);
            p.WaitForExit(5000).Should().BeTrue("SIGKILL was sent to every process of the cgroup");
            manager.GetFreezerState().Should().Be(FreezerState.Thawed);

            manager.Destroy();
            manager.Exists().Should().BeFalse();
            foreach (var path in manager.Paths.Values)
                Directory.Exists(path).Should().BeFalse(path);
        }
        finally
        {
            CleanUp(p, manager, name);
        }
    }

    [RealCgroupV1Fact]
    public void V1_hugetlb_limit_fails_clearly_when_the_host_has_no_v1_hugetlb()
    {
        var name = UniqueName();
        var manager = CgroupManagerFactory.Create(CgroupModeDetector.Detect(), "/" + name, name, systemd: false);
        if (manager.Paths.ContainsKey("hugetlb"))
            return; // this host has a v1 hugetlb hierarchy: nothing to check
        try
        {
            manager.Apply(-1);
            var act = () => manager.Set(new LinuxResources { HugepageLimits = [new() { PageSize = "2MB", Limit = 2 * MiB }] });
            act.Should().Throw<RuntimeException>().WithMessage("cannot set hugetlb limit*");
            manager.Set(new LinuxResources { Pids = new() { Limit = 3 } });
        }
        finally
        {
            manager.Destroy();
            Sweep(name);
        }
        Directory.Exists(manager.Paths["pids"]).Should().BeFalse();
    }

    /// <summary>
    /// The v2 manager against a real cgroup2 directory (on a hybrid host: in /sys/fs/cgroup/unified,
    /// which has no controllers). The directory is made by the test, so the root's
    /// cgroup.subtree_control is never written.
    /// </summary>
    [RealCgroup2Fact]
    public void V2_device_filter_freeze_and_kill_on_a_real_cgroup2_directory()
    {
        var mount = RealCgroup2FactAttribute.Cgroup2Mount()!;
        var name = UniqueName();
        var dir = Path.Combine(mount, name);
        Directory.CreateDirectory(dir);
        var manager = CgroupManagerFactory.Create(CgroupMode.Unified, "/" + name, name, systemd: false, mount,
            new CgroupHostSources { OwnedPaths = [dir] });
        Process? p = null;
        try
        {
            p = StartWaitingShell(
                "if (echo x > /dev/null) 2>/dev/null; then echo null=allowed; else echo null=denied; fi; " +
                "echo zero=$(head -c 3 /dev/zero | wc -c); exec sleep 30");
            manager.AddPid(p.Id);
            // Deny everything but /dev/zero, twice: the second program replaces the first.
            LinuxResources devices = new()
            {
                Devices = [new() { Allow = false, Access = "rwm" }, new() { Allow = true, Type = "c", Major = 1, Minor = 5, Access = "rwm" }],
            };
            manager.Set(devices);
            manager.Set(devices);
            using (var fd = Fd.Open(dir, LibC.O_RDONLY | LibC.O_DIRECTORY))
                BpfNative.QueryDevicePrograms(fd.Value, dir).Should().HaveCount(1);

            Release(p);
            p.StandardOutput.ReadLine().Should().Be("null=denied");
            p.StandardOutput.ReadLine()?.Trim().Should().Be("zero=3");
            WaitFor(() => File.ReadAllText($"/proc/{p.Id}/cmdline").StartsWith("sleep"), "sleep to start");

            manager.GetPids().Should().Equal(p.Id);
            manager.Freeze();
            manager.GetFreezerState().Should().Be(FreezerState.Frozen);
            manager.Thaw();
            manager.GetFreezerState().Should().Be(FreezerState.Thawed);
            manager.GetStats().Cpu.Usage.Total.Should().BeGreaterThan(0);

            var act = () => manager.Set(new LinuxResources { Memory = new() { Limit = 64 * MiB } });
            if (!File.ReadAllText(Path.Combine(dir, "cgroup.controllers")).Contains("memory"))
                act.Should().Throw<RuntimeException>().WithMessage("cannot set memory limit: the memory controller is not available*");

            CgroupKiller.KillAll(manager);
            p.WaitForExit(5000).Should().BeTrue();
            WaitFor(() => manager.GetPids().Count == 0, "the cgroup to empty");
            manager.Destroy();
            Directory.Exists(dir).Should().BeFalse();
        }
        finally
        {
            CleanUp(p, manager, name);
        }
    }

    [RealCgroup2Fact]
    public void Bpf_errors_name_the_call_the_directory_and_the_errno()
    {
        var notACgroup = Directory.CreateTempSubdirectory("runcs-unit-notcg-").FullName;
        try
        {
            var act = () => new BpfDeviceFilterInstaller().Install(notACgroup, DeviceFilterProgram.Generate([]));
            act.Should().Throw<SyscallException>().Which.Message.Should().MatchRegex(
                $"^bpf\\(BPF_PROG_[A-Z]+\\) (on|to) {notACgroup}: [a-z]");
        }
        finally
        {
            Directory.Delete(notACgroup);
        }
    }
}
