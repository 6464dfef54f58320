using System.Runtime.Versioning;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

/// <summary>linux.cgroupsPath → directories, for the cgroupfs driver, as runc resolves it.</summary>
[SupportedOSPlatform("linux")]
public class CgroupPathTests : IDisposable
{
    private readonly FakeCgroupTree _tree = new();

    private static readonly string[] AllV1 =
        ["cpuset", "cpu,cpuacct", "memory", "devices", "freezer", "blkio", "pids", "name=systemd"];

    private const string OwnV1 = """
        9:name=systemd:/user.slice/session-1.scope
        8:pids:/user.slice/session-1.scope
        7:blkio:/user.slice
        6:freezer:/
        5:devices:/user.slice
        4:memory:/user.slice/session-1.scope
        3:cpuset:/
        2:cpu,cpuacct:/user.slice
        0::/user.slice/user-0.slice/session-1.scope
        """;

    public void Dispose() => _tree.Dispose();

    private ICgroupManager V1(string? cgroupsPath, CgroupMode mode = CgroupMode.Legacy) =>
        CgroupManagerFactory.Create(mode, cgroupsPath, "ctr-1", systemd: false, _tree.Root,
            _tree.Sources(_tree.V1MountInfo(AllV1, mode == CgroupMode.Hybrid ? "unified" : null), OwnV1));

    private ICgroupManager V2(string? cgroupsPath) =>
        CgroupManagerFactory.Create(CgroupMode.Unified, cgroupsPath, "ctr-1", systemd: false, _tree.Root,
            _tree.Sources("", "0::/user.slice/user-0.slice/session-1.scope\n"));

    [Fact]
    public void V1_absolute_path_starts_at_each_hierarchy_root()
    {
        var paths = V1("/runcs/box").Paths;
        paths["memory"].Should().Be(_tree.Abs("memory/runcs/box"));
        paths["cpu"].Should().Be(_tree.Abs("cpu,cpuacct/runcs/box"));
        paths["cpuacct"].Should().Be(_tree.Abs("cpu,cpuacct/runcs/box"));
        paths["name=systemd"].Should().Be(_tree.Abs("systemd/runcs/box"));
        paths.Keys.Should().BeEquivalentTo("cpuset", "cpu", "cpuacct", "memory", "devices", "freezer", "blkio", "pids", "name=systemd");
    }

    [Fact]
    public void V1_relative_path_is_below_our_own_cgroup_in_each_hierarchy()
    {
        var paths = V1("pods/box").Paths;
        paths["memory"].Should().Be(_tree.Abs("memory/user.slice/session-1.scope/pods/box"));
        paths["cpu"].Should().Be(_tree.Abs("cpu,cpuacct/user.slice/pods/box"));
        paths["freezer"].Should().Be(_tree.Abs("freezer/pods/box"));
    }

    [Fact]
    public void V1_without_a_path_uses_the_container_id_below_our_own_cgroup()
    {
        var paths = V1(null).Paths;
        paths["memory"].Should().Be(_tree.Abs("memory/user.slice/session-1.scope/ctr-1"));
        paths["devices"].Should().Be(_tree.Abs("devices/user.slice/ctr-1"));
    }

    [Fact]
    public void A_relative_path_cannot_climb_out()
    {
        V1("../../../etc").Paths["memory"].Should().Be(_tree.Abs("memory/user.slice/session-1.scope/etc"));
        V1("/../../etc").Paths["memory"].Should().Be(_tree.Abs("memory/etc"));
    }

    [Fact]
    public void Hybrid_adds_the_cgroup2_directory_under_the_empty_key()
    {
        V1("/runcs/box", CgroupMode.Hybrid).Paths[""].Should().Be(_tree.Abs("unified/runcs/box"));
        V1("box", CgroupMode.Hybrid).Paths[""].Should().Be(_tree.Abs("unified/user.slice/user-0.slice/session-1.scope/box"));
        V1("/runcs/box").Paths.Should().NotContainKey("");
    }

    [Fact]
    public void V2_absolute_relative_and_default_paths()
    {
        V2("/runcs/box").Paths.Should().Equal(new Dictionary<string, string> { [""] = _tree.Abs("runcs/box") });
        // Relative to the parent of our cgroup: a populated cgroup cannot delegate controllers.
        V2("box").Paths[""].Should().Be(_tree.Abs("user.slice/user-0.slice/box"));
        V2(null).Paths[""].Should().Be(_tree.Abs("user.slice/user-0.slice/ctr-1"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/..")]
    [InlineData("..")]
    public void The_cgroup_root_itself_is_refused(string path)
    {
        var act = () => V1(path);
        act.Should().Throw<RuntimeException>().WithMessage("invalid cgroupsPath*");
    }

    [Fact]
    public void Systemd_driver_without_systemd_is_a_clear_error()
    {
        var act = () => CgroupManagerFactory.Create(CgroupMode.Hybrid, "system.slice:runcs:box", "box", systemd: true, _tree.Root,
            _tree.Sources(_tree.V1MountInfo(AllV1, "unified"), OwnV1));
        act.Should().Throw<RuntimeException>()
            .WithMessage("systemd cgroup driver requested but systemd is not running (no /run/systemd/system)");
    }

    [Fact]
    public void Hybrid_mode_needs_a_cgroup2_mount()
    {
        var act = () => CgroupManagerFactory.Create(CgroupMode.Hybrid, "/x", "x", false, _tree.Root,
            _tree.Sources(_tree.V1MountInfo(AllV1), OwnV1));
        act.Should().Throw<RuntimeException>().WithMessage("*no cgroup2 file system*");
    }

    [Fact]
    public void Nothing_is_created_before_apply()
    {
        V1("/runcs/box").Exists().Should().BeFalse();
        _tree.Exists("memory/runcs").Should().BeFalse();
    }
}
