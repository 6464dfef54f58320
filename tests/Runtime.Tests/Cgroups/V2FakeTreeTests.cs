using System.Runtime.Versioning;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Cgroups.Devices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

/// <summary>The v2 manager against a fake unified tree (no cgroup2-only host to test on here).</summary>
[SupportedOSPlatform("linux")]
public class V2FakeTreeTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private const string AllControllers = "cpuset cpu io memory hugetlb pids rdma misc";
    private readonly FakeCgroupTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private ICgroupManager Manager(string path = "/runcs/box") =>
        CgroupManagerFactory.Create(CgroupMode.Unified, path, "box", false, _tree.Root, _tree.Sources("", "0::/user.slice/s1\n"));

    /// <summary>A manager whose container cgroup refuses processes (EBUSY) and whose init (pid 42) is in initCgroup.</summary>
    private ICgroupManager InnerNodeManager(string initCgroup) =>
        CgroupManagerFactory.Create(CgroupMode.Unified, "/runcs/box", "box", false, _tree.Root, _tree.Sources("", "0::/\n",
            procCgroup: pid => pid == 42 ? $"0::{initCgroup}\n" : throw new IOException("no such process"),
            writeFault: path => path == "runcs/box/cgroup.procs" ? Errno.EBUSY : 0));

    private void LeafFiles(string controllers = AllControllers)
    {
        _tree.File("runcs/box/cgroup.controllers", controllers + "\n");
        _tree.Files("runcs/box", "cgroup.procs", "memory.swap.max", "memory.max", "memory.low", "cpu.weight", "cpu.max",
            "cpu.max.burst", "cpu.idle", "io.weight", "io.max", "pids.max", "cpuset.cpus", "cpuset.mems", "hugetlb.2MB.max",
            "rdma.max", "memory.oom.group", "cgroup.freeze");
    }

    private static LinuxResources Rich()
    {
        var r = V1FakeTreeTests.Rich();
        r.Cpu!.RealtimePeriod = null;
        r.Cpu.RealtimeRuntime = null;
        r.Unified = new() { ["memory.oom.group"] = "1" };
        return r;
    }

    [Fact]
    public void Rich_resources_write_the_converted_v2_files_in_order()
    {
        LeafFiles();
        Manager().Set(Rich());

        _tree.Writes.Should().Equal(
            ("runcs/box/pids.max", "10"),
            // memsw 128 MiB with memory 64 MiB: 64 MiB of swap.
            ("runcs/box/memory.swap.max", "67108864"),
            ("runcs/box/memory.max", "67108864"),
            ("runcs/box/memory.low", "33554432"),
            // No io.bfq.weight: blkio weight 500 converted for io.weight.
            ("runcs/box/io.weight", "4950"),
            ("runcs/box/io.max", "8:0 rbps=1048576"),
            ("runcs/box/io.max", "8:16 wbps=2097152"),
            ("runcs/box/io.max", "8:0 riops=100"),
            ("runcs/box/io.max", "8:16 wiops=200"),
            ("runcs/box/cpu.idle", "1"),
            ("runcs/box/cpu.weight", "59"),
            ("runcs/box/cpu.max.burst", "1000"),
            ("runcs/box/cpu.max", "50000 100000"),
            ("runcs/box/cpuset.cpus", "0-1"),
            ("runcs/box/cpuset.mems", "0"),
            // No hugetlb.2MB.rsvd.max in this tree: skipped.
            ("runcs/box/hugetlb.2MB.max", "4194304"),
            ("runcs/box/rdma.max", "mlx5_0 hca_handle=2 hca_object=100"),
            ("runcs/box/memory.oom.group", "1"));

        _tree.DeviceFilter.Installed.Should().ContainSingle();
        var (dir, program) = _tree.DeviceFilter.Installed[0];
        dir.Should().Be(_tree.Abs("runcs/box"));
        program.Should().Equal(DeviceFilterProgram.Generate(DeviceRule.FromSpec(Rich().Devices)));
    }

    [Fact]
    public void Bfq_takes_the_weight_unconverted_and_per_device_weights()
    {
        LeafFiles();
        _tree.Files("runcs/box", "io.bfq.weight");
        Manager().Set(new LinuxResources
        {
            BlockIO = new() { Weight = 500, WeightDevice = [new() { Major = 8, Minor = 0, Weight = 600, LeafWeight = 10 }] },
        });
        _tree.Writes.Should().Equal(("runcs/box/io.bfq.weight", "500"), ("runcs/box/io.bfq.weight", "8:0 600"));
    }

    [Theory]
    [InlineData(-1L, null, "max 100000")]
    [InlineData(0L, 250000UL, "max 250000")]
    [InlineData(20000L, null, "20000 100000")]
    public void Cpu_max_is_quota_and_period(long quota, ulong? period, string expected)
    {
        LeafFiles();
        Manager().Set(new LinuxResources { Cpu = new() { Quota = quota, Period = period } });
        _tree.Read("runcs/box/cpu.max").Should().Be(expected);
    }

    [Theory]
    [InlineData(64L, 64L, "0")] // memory+swap equal to memory: swap off
    [InlineData(64L, -1L, "max")]
    [InlineData(-1L, 0L, "max")]
    public void Swap_max_is_swap_alone(long memory, long swap, string expected)
    {
        LeafFiles();
        Manager().Set(new LinuxResources { Memory = new() { Limit = memory == -1 ? -1 : memory * MiB, Swap = swap <= 0 ? swap : swap * MiB } });
        _tree.Read("runcs/box/memory.swap.max").Should().Be(expected);
    }

    [Fact]
    public void Realtime_cpu_settings_are_refused()
    {
        LeafFiles();
        var act = () => Manager().Set(new LinuxResources { Cpu = new() { RealtimeRuntime = 100 } });
        act.Should().Throw<RuntimeException>().WithMessage("*realtime*cgroup v2*");
    }

    [Fact]
    public void A_limit_for_a_controller_not_enabled_is_a_clear_error()
    {
        LeafFiles("cpu pids");
        var act = () => Manager().Set(new LinuxResources { Memory = new() { Limit = 64 * MiB } });
        act.Should().Throw<RuntimeException>().WithMessage($"cannot set memory limit: the memory controller is not available in {_tree.Abs("runcs/box")}*");
        _tree.Writes.Should().BeEmpty();
    }

    [Theory]
    [InlineData("../memory.max")]
    [InlineData("sub/memory.max")]
    [InlineData("..")]
    public void Unified_keys_must_be_plain_file_names(string key)
    {
        LeafFiles();
        var act = () => Manager().Set(new LinuxResources { Unified = new() { [key] = "1" } });
        act.Should().Throw<RuntimeException>().WithMessage("*must be a file name*");
        _tree.Writes.Should().BeEmpty();
    }

    [Fact]
    public void Unified_key_of_a_missing_controller_names_the_controller()
    {
        LeafFiles("cpu");
        var act = () => Manager().Set(new LinuxResources { Unified = new() { ["memory.high"] = "1G" } });
        act.Should().Throw<RuntimeException>().WithMessage("unified resource memory.high can't be set: controller memory not available");
    }

    [Fact]
    public void Apply_enables_the_root_controllers_in_every_parent_and_joins_the_leaf()
    {
        _tree.File("cgroup.controllers", AllControllers + "\n").Files("", "cgroup.subtree_control");
        _tree.Files("runcs", "cgroup.subtree_control", "cgroup.type");
        LeafFiles();
        Manager().Apply(99);

        _tree.Writes.Should().Equal(
            ("cgroup.subtree_control", "+cpuset +cpu +io +memory +hugetlb +pids +rdma +misc"),
            ("runcs/cgroup.subtree_control", "+cpuset +cpu +io +memory +hugetlb +pids +rdma +misc"),
            ("runcs/box/cgroup.procs", "99"));
    }

    [Fact]
    public void Apply_refuses_domain_controllers_below_a_threaded_cgroup()
    {
        _tree.File("cgroup.controllers", "cpu memory\n").Files("", "cgroup.subtree_control");
        _tree.File("runcs/cgroup.type", "threaded\n");
        var act = () => Manager().Apply(1, new LinuxResources { Memory = new() { Limit = 64 * MiB } });
        act.Should().Throw<RuntimeException>().WithMessage("*cannot enter cgroupv2*threaded mode*");
    }

    [Fact]
    public void Apply_then_destroy_leaves_pre_existing_directories()
    {
        _tree.File("cgroup.controllers", "").Dir("runcs");
        var manager = Manager("/runcs/a/b");
        manager.Apply(-1);
        _tree.Exists("runcs/a/b").Should().BeTrue();
        manager.Destroy();
        _tree.Exists("runcs/a").Should().BeFalse();
        _tree.Exists("runcs").Should().BeTrue();
    }

    [Fact]
    public void Freeze_writes_cgroup_freeze_and_waits_for_frozen_events()
    {
        LeafFiles();
        _tree.File("runcs/box/cgroup.events", "populated 1\nfrozen 1\n");
        var manager = Manager();
        manager.Freeze();
        _tree.Read("runcs/box/cgroup.freeze").Should().Be("1");
        manager.GetFreezerState().Should().Be(FreezerState.Frozen);
        manager.Thaw();
        manager.GetFreezerState().Should().Be(FreezerState.Thawed);
    }

    [Fact]
    public void Stats_convert_v2_units_and_names()
    {
        _tree.File("runcs/box/cpu.stat", "usage_usec 10\nuser_usec 6\nsystem_usec 4\nnr_periods 3\nnr_throttled 1\nthrottled_usec 2\n")
            .File("runcs/box/memory.stat", "anon 100\nfile 50\n")
            .File("runcs/box/memory.current", "150\n").File("runcs/box/memory.max", "1000\n").File("runcs/box/memory.peak", "200\n")
            .File("runcs/box/memory.swap.current", "5\n").File("runcs/box/memory.swap.max", "max\n")
            .File("runcs/box/pids.current", "2\n").File("runcs/box/pids.max", "20\n")
            .File("runcs/box/io.stat", "8:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=0 dios=0\n")
            .File("runcs/box/cpu.pressure", "some avg10=1.50 avg60=0.00 avg300=0.00 total=42\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=7\n");
        var stats = Manager().GetStats();

        stats.Cpu.Usage.Total.Should().Be(10_000);
        stats.Cpu.Usage.User.Should().Be(6_000);
        stats.Cpu.Usage.Kernel.Should().Be(4_000);
        stats.Cpu.Throttling.ThrottledTime.Should().Be(2_000);
        stats.Cpu.Psi!.Some.Avg10.Should().Be(1.5);
        stats.Cpu.Psi.Full.Total.Should().Be(7);
        stats.Memory.Cache.Should().Be(50);
        stats.Memory.Usage.Should().BeEquivalentTo(new MemoryEntry { Usage = 150, Limit = 1000, Max = 200 });
        stats.Memory.Swap.Usage.Should().Be(155, "v1 style: memory + swap");
        stats.Memory.Swap.Limit.Should().Be(ulong.MaxValue);
        stats.Pids.Limit.Should().Be(20);
        stats.Blkio.IoServiceBytesRecursive.Should().HaveCount(2);
        stats.Blkio.IoServicedRecursive!.Select(e => (e.Op, e.Value)).Should().Equal(("Read", 1UL), ("Write", 2UL));
    }

    [Fact]
    public void Exec_joins_the_init_cgroup_when_the_container_made_its_cgroup_an_inner_node()
    {
        LeafFiles();
        _tree.Files("runcs/box/init", "cgroup.procs");
        InnerNodeManager("/runcs/box/init").AddPid(77, initPid: 42);
        _tree.Writes.Should().Equal(("runcs/box/init/cgroup.procs", "77"));
    }

    [Theory]
    [InlineData("/elsewhere")]
    [InlineData("/runcs/box")]
    [InlineData("/runcs/boxer/x")]
    [InlineData("/runcs/box/../other")]
    public void Exec_never_follows_init_out_of_the_container_cgroup(string initCgroup)
    {
        LeafFiles();
        var act = () => InnerNodeManager(initCgroup).AddPid(77, initPid: 42);
        act.Should().Throw<RuntimeException>().WithMessage("write */runcs/box/cgroup.procs: *busy*its init is not in one of them)");
        _tree.Writes.Should().BeEmpty();
    }

    [Fact]
    public void Exec_sub_cgroup_is_joined_below_the_container_cgroup()
    {
        LeafFiles();
        _tree.Files("runcs/box/sub", "cgroup.procs");
        Manager().AddPid(77, SubCgroupPaths.Parse(["sub"]), initPid: 42);
        _tree.Writes.Should().Equal(("runcs/box/sub/cgroup.procs", "77"));
    }

    [Fact]
    public void An_explicit_sub_cgroup_even_the_top_disables_the_init_cgroup_fallback()
    {
        LeafFiles();
        _tree.Files("runcs/box/init", "cgroup.procs");
        var act = () => InnerNodeManager("/runcs/box/init").AddPid(77, SubCgroupPaths.Parse(["/"]), initPid: 42);
        act.Should().Throw<CgroupFileException>().Which.Errno.Should().Be(Errno.EBUSY);
        _tree.Writes.Should().BeEmpty();
    }

    [Fact]
    public void Controller_names_are_unknown_on_a_unified_host()
    {
        LeafFiles();
        var act = () => Manager().AddPid(77, SubCgroupPaths.Parse(["memory:sub"]));
        act.Should().Throw<RuntimeException>().WithMessage("unknown controller memory in SubCgroupPaths");
        _tree.Writes.Should().BeEmpty();
    }

    [Fact]
    public void Exec_without_a_known_init_reports_the_busy_cgroup()
    {
        LeafFiles();
        var act = () => InnerNodeManager("/runcs/box/init").AddPid(77);
        act.Should().Throw<CgroupFileException>().Which.Errno.Should().Be(Errno.EBUSY);
    }

    [Fact]
    public void Exec_with_a_vanished_init_reports_the_busy_cgroup()
    {
        LeafFiles();
        var act = () => InnerNodeManager("/runcs/box/init").AddPid(77, initPid: 43);
        act.Should().Throw<RuntimeException>().WithMessage("*busy*its init is not in one of them)");
    }
}
