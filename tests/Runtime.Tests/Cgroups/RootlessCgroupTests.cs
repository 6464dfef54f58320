using System.Runtime.Versioning;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

/// <summary>
/// runc's rootless cgroup rules against fake trees: without a cgroupsPath a cgroup we may not
/// create or join is left out, a limit that needs it is a clear error, device rules are best effort.
/// </summary>
[SupportedOSPlatform("linux")]
public class RootlessCgroupTests : IDisposable
{
    private static readonly string[] Hierarchies = ["cpuset", "devices", "memory", "cpu,cpuacct", "pids", "freezer"];
    private const string ProcSelfV1 = "6:freezer:/\n5:pids:/\n4:cpu,cpuacct:/\n3:memory:/\n2:devices:/\n1:cpuset:/\n";
    private readonly FakeCgroupTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static readonly LinuxResources DevicesOnly = new()
    {
        Devices = [new() { Allow = false, Access = "rwm" }, new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" }],
    };

    private static LinuxResources WithMemoryLimit() => new() { Devices = DevicesOnly.Devices, Memory = new() { Limit = 64 << 20 } };

    /// <summary>A fake v1 host whose hierarchies already show the files of the container's cgroup (leaf).</summary>
    private ICgroupManager V1(CgroupRootless rootless, Func<string, int>? fault = null, string? cgroupsPath = null)
    {
        var leaf = (cgroupsPath ?? "box").TrimStart('/');
        _tree.File("cpuset/cpuset.cpus", "0-1").File("cpuset/cpuset.mems", "0");
        foreach (var h in Hierarchies)
            _tree.Files($"{h}/{leaf}", "cgroup.procs");
        _tree.Files($"cpuset/{leaf}", "cpuset.cpus", "cpuset.mems");
        _tree.Files($"devices/{leaf}", "devices.allow", "devices.deny");
        _tree.Files($"memory/{leaf}", "memory.limit_in_bytes");
        return CgroupManagerFactory.Create(CgroupMode.Legacy, cgroupsPath, "box", false, _tree.Root,
            _tree.Sources(_tree.V1MountInfo(Hierarchies), ProcSelfV1, writeFault: fault), rootless);
    }

    private static Func<string, int> Refused(params string[] paths) => p => paths.Contains(p) ? Errno.EACCES : 0;

    [Fact]
    public void A_cgroup_we_may_not_create_is_left_out_and_the_others_are_joined()
    {
        var m = V1(CgroupRootless.ForCreate(rootless: true, cgroupsPath: null), Refused("memory/box", "devices/box"));

        m.Apply(4242, DevicesOnly);
        m.Set(DevicesOnly);

        m.Paths.Keys.Should().BeEquivalentTo("cpuset", "cpu", "cpuacct", "pids", "freezer");
        _tree.Read("pids/box/cgroup.procs").Should().Be("4242");
        _tree.Read("memory/box/cgroup.procs").Should().BeEmpty();
        _tree.Writes.Should().NotContain(w => w.Path.StartsWith("devices/"));
    }

    [Fact]
    public void A_limit_for_a_left_out_cgroup_is_runcs_clear_error()
    {
        var m = V1(CgroupRootless.ForCreate(true, null), Refused("memory/box"));
        m.Apply(4242, WithMemoryLimit());

        var act = () => m.Set(WithMemoryLimit());

        act.Should().Throw<RuntimeException>().WithMessage("cannot set memory limit: container could not join or create cgroup");
    }

    [Fact]
    public void A_refused_join_leaves_the_cgroup_out_too()
    {
        var m = V1(CgroupRootless.ForCreate(true, null), Refused("pids/box/cgroup.procs"));

        m.Apply(4242, DevicesOnly);

        m.Paths.Should().NotContainKey("pids");
        m.Paths.Should().ContainKey("memory");
    }

    [Fact]
    public void With_a_configured_cgroupsPath_a_permission_error_is_fatal()
    {
        var m = V1(CgroupRootless.ForCreate(true, "/mine"), Refused("memory/mine"), cgroupsPath: "/mine");

        var act = () => m.Apply(4242, DevicesOnly);

        act.Should().Throw<CgroupFileException>().WithMessage("mkdir */memory/mine: permission denied");
    }

    [Fact]
    public void Root_never_ignores_a_permission_error()
    {
        var m = V1(CgroupRootless.ForCreate(false, null), Refused("memory/box"));

        var act = () => m.Apply(4242, DevicesOnly);

        act.Should().Throw<CgroupFileException>().Which.Errno.Should().Be(Errno.EACCES);
    }

    [Theory]
    [InlineData(Errno.EPERM, true)]
    [InlineData(Errno.EACCES, true)]
    [InlineData(Errno.EROFS, true)]
    [InlineData(Errno.ENOSPC, false)]
    [InlineData(Errno.EBUSY, false)]
    public void Only_permission_errors_are_tolerated(int errno, bool tolerated)
    {
        var rootless = CgroupRootless.ForCreate(true, null);
        rootless.Ignores(new CgroupFileException("mkdir", "/x", errno)).Should().Be(tolerated);
        rootless.Ignores(new RuntimeException("not a cgroup file error")).Should().BeFalse();
    }

    [Fact]
    public void Device_rules_are_best_effort_when_rootless()
    {
        var m = V1(CgroupRootless.ForCreate(true, null), Refused("devices/box/devices.deny"));
        m.Apply(4242, DevicesOnly);

        m.Invoking(x => x.Set(DevicesOnly)).Should().NotThrow();
    }

    [Fact]
    public void Device_rules_must_work_for_root()
    {
        var m = V1(CgroupRootless.Off, Refused("devices/box/devices.deny"));
        m.Apply(4242, DevicesOnly);

        m.Invoking(x => x.Set(DevicesOnly)).Should().Throw<CgroupFileException>();
    }

    [Fact]
    public void A_later_command_sees_only_the_cgroups_create_joined()
    {
        var m = V1(new CgroupRootless(true, false, ["cpuset", "pids"]));

        m.Paths.Keys.Should().BeEquivalentTo("cpuset", "pids");
        m.Invoking(x => x.Freeze()).Should().Throw<RuntimeException>().WithMessage(CgroupRootless.NoFreezerError);
        m.GetFreezerState().Should().Be(FreezerState.Undefined);
    }

    private ICgroupManager V2(CgroupRootless rootless, Func<string, int>? fault = null)
    {
        _tree.File("cgroup.controllers", "cpu memory pids\n");
        return CgroupManagerFactory.Create(CgroupMode.Unified, null, "box", false, _tree.Root,
            _tree.Sources("", "0::/user.slice/session\n", writeFault: fault), rootless);
    }

    [Fact]
    public void V2_without_permission_and_without_limits_runs_in_the_callers_cgroup()
    {
        var m = V2(CgroupRootless.ForCreate(true, null), Refused("user.slice/box"));

        m.Apply(4242, DevicesOnly);
        m.Set(DevicesOnly);

        m.Paths.Should().BeEmpty();
        m.Exists().Should().BeFalse();
        m.GetPids().Should().BeEmpty();
        m.Invoking(x => x.Freeze()).Should().Throw<RuntimeException>().WithMessage(CgroupRootless.NoFreezerError);
    }

    [Fact]
    public void V2_without_permission_refuses_limits_with_runcs_message()
    {
        var m = V2(CgroupRootless.ForCreate(true, null), Refused("user.slice/box"));

        var act = () => m.Apply(4242, WithMemoryLimit());

        act.Should().Throw<RuntimeException>().WithMessage(
            "rootless needs no limits + no cgrouppath when no permission is granted for cgroups: mkdir */user.slice/box: permission denied");
    }

    [Fact]
    public void V2_device_filter_errors_are_ignored_when_rootless()
    {
        _tree.Files("user.slice/box", "cgroup.procs");
        _tree.File("user.slice/box/cgroup.controllers", "cpu memory pids\n");
        _tree.DeviceFilter.Refuse = true;
        var m = V2(CgroupRootless.ForCreate(true, null));
        m.Apply(4242, DevicesOnly);

        m.Invoking(x => x.Set(DevicesOnly)).Should().NotThrow();
        m.Paths.Should().ContainKey("");
    }

    [Fact]
    public void V2_later_command_of_a_container_without_cgroup()
    {
        var m = V2(new CgroupRootless(true, false, []));

        m.Paths.Should().BeEmpty();
        m.GetStats().Should().NotBeNull();
        m.WatchOom().Should().BeNull();
        m.Invoking(x => x.Set(WithMemoryLimit())).Should().Throw<RuntimeException>()
            .WithMessage("cannot set memory limit: container could not join or create cgroup");
    }
}
