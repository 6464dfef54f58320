using System.Runtime.Versioning;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

/// <summary>The v1 manager against a fake tree: which files get which values, in which order.</summary>
[SupportedOSPlatform("linux")]
public class V1FakeTreeTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private const string Unlimited = "9223372036854771712";
    private readonly FakeCgroupTree _tree = new();

    private static readonly string[] Everything =
    [
        "cpuset", "devices", "memory", "cpu,cpuacct", "pids", "blkio", "hugetlb", "net_cls,net_prio",
        "perf_event", "freezer", "rdma", "name=systemd",
    ];

    public void Dispose() => _tree.Dispose();

    private ICgroupManager Manager(string[] hierarchies, string path = "/runcs/box", string? unified = null, IReadOnlyList<string>? owned = null) =>
        CgroupManagerFactory.Create(unified is null ? CgroupMode.Legacy : CgroupMode.Hybrid, path, "box", false, _tree.Root,
            _tree.Sources(_tree.V1MountInfo(hierarchies, unified), "", owned));

    /// <summary>The files a kernel shows in a v1 cgroup for the knobs the rich test sets.</summary>
    private void LeafFiles(string leaf = "runcs/box")
    {
        _tree.Files($"cpuset/{leaf}", "cpuset.cpus", "cpuset.mems", "cgroup.procs");
        _tree.Files($"devices/{leaf}", "devices.allow", "devices.deny", "cgroup.procs");
        _tree.Files($"memory/{leaf}", "memory.memsw.limit_in_bytes", "memory.kmem.limit_in_bytes", "memory.kmem.tcp.limit_in_bytes",
            "memory.soft_limit_in_bytes", "memory.oom_control", "memory.swappiness", "cgroup.procs");
        _tree.File($"memory/{leaf}/memory.limit_in_bytes", Unlimited);
        _tree.Files($"cpu,cpuacct/{leaf}", "cpu.cfs_period_us", "cpu.cfs_quota_us", "cpu.cfs_burst_us", "cpu.idle",
            "cpu.rt_period_us", "cpu.rt_runtime_us", "cpu.shares", "cgroup.procs");
        _tree.Files($"pids/{leaf}", "pids.max", "cgroup.procs");
        _tree.Files($"blkio/{leaf}", "blkio.weight", "blkio.leaf_weight", "blkio.weight_device", "blkio.leaf_weight_device",
            "blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device", "blkio.throttle.read_iops_device",
            "blkio.throttle.write_iops_device", "cgroup.procs");
        _tree.Files($"hugetlb/{leaf}", "hugetlb.2MB.limit_in_bytes", "hugetlb.2MB.rsvd.limit_in_bytes", "cgroup.procs");
        _tree.Files($"net_cls,net_prio/{leaf}", "net_cls.classid", "net_prio.ifpriomap", "cgroup.procs");
        _tree.Files($"perf_event/{leaf}", "cgroup.procs");
        _tree.Files($"freezer/{leaf}", "freezer.state", "cgroup.procs");
        _tree.Files($"rdma/{leaf}", "rdma.max", "cgroup.procs");
        _tree.Files($"systemd/{leaf}", "cgroup.procs");
    }

    internal static LinuxResources Rich() => new()
    {
        Devices =
        [
            new() { Allow = false, Access = "rwm" },
            new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
            new() { Allow = true, Type = "c", Access = "m" },
            new() { Allow = true, Type = "b", Major = 8, Minor = 0, Access = "r" },
        ],
        Memory = new()
        {
            Limit = 64 * MiB, Reservation = 32 * MiB, Swap = 128 * MiB, Kernel = 8 * MiB, KernelTcp = 16 * MiB,
            Swappiness = 10, DisableOomKiller = true,
        },
        Cpu = new()
        {
            Shares = 512, Quota = 50000, Period = 100000, Burst = 1000, Idle = 1, RealtimeRuntime = 950,
            RealtimePeriod = 1000000, Cpus = "0-1", Mems = "0",
        },
        Pids = new() { Limit = 10 },
        BlockIO = new()
        {
            Weight = 500, LeafWeight = 300,
            WeightDevice = [new() { Major = 8, Minor = 0, Weight = 600, LeafWeight = 200 }],
            ThrottleReadBpsDevice = [new() { Major = 8, Minor = 0, Rate = 1048576 }],
            ThrottleWriteBpsDevice = [new() { Major = 8, Minor = 16, Rate = 2097152 }],
            ThrottleReadIopsDevice = [new() { Major = 8, Minor = 0, Rate = 100 }],
            ThrottleWriteIopsDevice = [new() { Major = 8, Minor = 16, Rate = 200 }],
        },
        HugepageLimits = [new() { PageSize = "2MB", Limit = 4 * MiB }],
        Network = new() { ClassId = 0x100001, Priorities = [new() { Name = "eth0", Priority = 5 }] },
        Rdma = new() { ["mlx5_0"] = new() { HcaHandles = 2, HcaObjects = 100 } },
    };

    [Fact]
    public void Rich_resources_write_exactly_the_runc_files_in_order()
    {
        LeafFiles();
        Manager(Everything).Set(Rich());

        _tree.Writes.Should().Equal(
            ("cpuset/runcs/box/cpuset.cpus", "0-1"),
            ("cpuset/runcs/box/cpuset.mems", "0"),
            ("devices/runcs/box/devices.deny", "a"),
            ("devices/runcs/box/devices.allow", "c *:* m"),
            ("devices/runcs/box/devices.allow", "c 1:3 rwm"),
            ("devices/runcs/box/devices.allow", "b 8:0 r"),
            // Current limit (unlimited) is not below the new memsw: the limit goes first.
            ("memory/runcs/box/memory.limit_in_bytes", "67108864"),
            ("memory/runcs/box/memory.memsw.limit_in_bytes", "134217728"),
            ("memory/runcs/box/memory.kmem.limit_in_bytes", "8388608"),
            ("memory/runcs/box/memory.kmem.tcp.limit_in_bytes", "16777216"),
            ("memory/runcs/box/memory.soft_limit_in_bytes", "33554432"),
            ("memory/runcs/box/memory.oom_control", "1"),
            ("memory/runcs/box/memory.swappiness", "10"),
            ("cpu,cpuacct/runcs/box/cpu.shares", "512"),
            ("cpu,cpuacct/runcs/box/cpu.cfs_period_us", "100000"),
            ("cpu,cpuacct/runcs/box/cpu.cfs_burst_us", "1000"),
            ("cpu,cpuacct/runcs/box/cpu.cfs_quota_us", "50000"),
            ("cpu,cpuacct/runcs/box/cpu.idle", "1"),
            ("cpu,cpuacct/runcs/box/cpu.rt_period_us", "1000000"),
            ("cpu,cpuacct/runcs/box/cpu.rt_runtime_us", "950"),
            ("pids/runcs/box/pids.max", "10"),
            ("blkio/runcs/box/blkio.weight", "500"),
            ("blkio/runcs/box/blkio.leaf_weight", "300"),
            ("blkio/runcs/box/blkio.weight_device", "8:0 600"),
            ("blkio/runcs/box/blkio.leaf_weight_device", "8:0 200"),
            ("blkio/runcs/box/blkio.throttle.read_bps_device", "8:0 1048576"),
            ("blkio/runcs/box/blkio.throttle.write_bps_device", "8:16 2097152"),
            ("blkio/runcs/box/blkio.throttle.read_iops_device", "8:0 100"),
            ("blkio/runcs/box/blkio.throttle.write_iops_device", "8:16 200"),
            ("hugetlb/runcs/box/hugetlb.2MB.limit_in_bytes", "4194304"),
            ("hugetlb/runcs/box/hugetlb.2MB.rsvd.limit_in_bytes", "4194304"),
            ("net_cls,net_prio/runcs/box/net_cls.classid", "1048577"),
            ("net_cls,net_prio/runcs/box/net_prio.ifpriomap", "eth0 5"),
            ("rdma/runcs/box/rdma.max", "mlx5_0 hca_handle=2 hca_object=100"));
        _tree.Read("memory/runcs/box/memory.limit_in_bytes").Should().Be("67108864");
        _tree.Read("pids/runcs/box/pids.max").Should().Be("10");
    }

    [Fact]
    public void Raising_memsw_above_the_current_limit_writes_memsw_first()
    {
        LeafFiles();
        _tree.File("memory/runcs/box/memory.limit_in_bytes", (32 * MiB).ToString());
        Manager(["memory"]).Set(new LinuxResources { Memory = new() { Limit = 64 * MiB, Swap = 128 * MiB } });
        _tree.Writes.Should().Equal(
            ("memory/runcs/box/memory.memsw.limit_in_bytes", "134217728"),
            ("memory/runcs/box/memory.limit_in_bytes", "67108864"));
    }

    [Fact]
    public void Lowering_below_the_current_limit_writes_the_limit_first()
    {
        LeafFiles();
        _tree.File("memory/runcs/box/memory.limit_in_bytes", (512 * MiB).ToString());
        Manager(["memory"]).Set(new LinuxResources { Memory = new() { Limit = 64 * MiB, Swap = 128 * MiB } });
        _tree.Writes.Select(w => w.Path).Should().Equal(
            "memory/runcs/box/memory.limit_in_bytes", "memory/runcs/box/memory.memsw.limit_in_bytes");
    }

    [Fact]
    public void Unlimited_memory_without_swap_also_lifts_memsw()
    {
        LeafFiles();
        Manager(["memory"]).Set(new LinuxResources { Memory = new() { Limit = -1 } });
        _tree.Writes.Should().Equal(
            ("memory/runcs/box/memory.memsw.limit_in_bytes", "-1"),
            ("memory/runcs/box/memory.limit_in_bytes", "-1"));
    }

    [Fact]
    public void Missing_kmem_files_are_skipped_silently()
    {
        _tree.Files("memory/runcs/box", "memory.limit_in_bytes");
        Manager(["memory"]).Set(new LinuxResources { Memory = new() { Limit = 64 * MiB, Kernel = 8 * MiB, KernelTcp = 8 * MiB } });
        _tree.Writes.Should().Equal(("memory/runcs/box/memory.limit_in_bytes", "67108864"));
    }

    [Theory]
    [InlineData(-1L, "max")]
    [InlineData(0L, "0")]
    [InlineData(100L, "100")]
    public void Pids_limit(long limit, string expected)
    {
        LeafFiles();
        Manager(["pids"]).Set(new LinuxResources { Pids = new() { Limit = limit } });
        _tree.Read("pids/runcs/box/pids.max").Should().Be(expected);
    }

    [Fact]
    public void Privileged_devices_allow_all_then_deny_the_exceptions()
    {
        LeafFiles();
        Manager(["devices"]).Set(new LinuxResources
        {
            Devices =
            [
                new() { Allow = false, Access = "rwm" },
                new() { Allow = true, Access = "rwm" },
                new() { Allow = false, Type = "b", Major = 8, Minor = 0, Access = "mw" },
            ],
        });
        _tree.Writes.Should().Equal(
            ("devices/runcs/box/devices.allow", "a"),
            ("devices/runcs/box/devices.deny", "b 8:0 wm"));
    }

    [Fact]
    public void A_limit_for_a_controller_the_host_lacks_is_a_clear_error()
    {
        LeafFiles();
        var manager = Manager(["memory", "pids"]);
        var act = () => manager.Set(new LinuxResources { HugepageLimits = [new() { PageSize = "2MB", Limit = 1 }] });
        act.Should().Throw<RuntimeException>().WithMessage("cannot set hugetlb limit: the hugetlb cgroup v1 controller is not mounted on this host");
    }

    [Fact]
    public void Absent_limits_for_missing_controllers_are_silent()
    {
        LeafFiles();
        Manager(["pids"]).Set(new LinuxResources { Pids = new() { Limit = 5 }, Memory = new(), Cpu = new(), BlockIO = new() });
        _tree.Writes.Should().Equal(("pids/runcs/box/pids.max", "5"));
    }

    [Fact]
    public void Unified_resources_are_refused_on_v1()
    {
        LeafFiles();
        var act = () => Manager(["pids"]).Set(new LinuxResources { Unified = new() { ["memory.high"] = "1G" } });
        act.Should().Throw<RuntimeException>().WithMessage("*unified*cgroup v1*");
    }

    [Fact]
    public void A_missing_file_is_reported_with_path_and_errno_text()
    {
        _tree.Dir("pids/runcs/box");
        var act = () => Manager(["pids"]).Set(new LinuxResources { Pids = new() { Limit = 5 } });
        act.Should().Throw<CgroupFileException>()
            .WithMessage($"write {_tree.Abs("pids/runcs/box/pids.max")}: no such file or directory");
    }

    [Fact]
    public void Apply_joins_every_hierarchy_and_the_hybrid_cgroup2_directory()
    {
        LeafFiles();
        _tree.File("cpuset/runcs/box/cpuset.cpus", "0-1").File("cpuset/runcs/box/cpuset.mems", "0");
        _tree.File("cpuset/runcs/cpuset.cpus", "0-1").File("cpuset/runcs/cpuset.mems", "0");
        _tree.Files("unified/runcs/box", "cgroup.procs");
        var manager = Manager(Everything, unified: "unified");
        manager.Apply(4242);

        _tree.Writes.Should().OnlyContain(w => w.Path.EndsWith("/cgroup.procs") && w.Value == "4242");
        _tree.Writes.Select(w => w.Path.Split('/')[0]).Should().BeEquivalentTo(
            "cpuset", "devices", "memory", "cpu,cpuacct", "cpu,cpuacct", "pids", "blkio", "hugetlb", "net_cls,net_prio",
            "net_cls,net_prio", "perf_event", "freezer", "rdma", "systemd", "unified");
    }

    [Fact]
    public void Exec_sub_cgroup_for_every_hierarchy_joins_it_in_each_of_them()
    {
        _tree.Files("pids/runcs/box/sub", "cgroup.procs").Files("memory/runcs/box/sub", "cgroup.procs").Files("unified/runcs/box/sub", "cgroup.procs");
        Manager(["pids", "memory"], unified: "unified").AddPid(77, SubCgroupPaths.Parse(["sub"]));

        _tree.Writes.Should().BeEquivalentTo(new[]
        {
            ("pids/runcs/box/sub/cgroup.procs", "77"), ("memory/runcs/box/sub/cgroup.procs", "77"), ("unified/runcs/box/sub/cgroup.procs", "77"),
        });
    }

    [Fact]
    public void Exec_sub_cgroup_of_one_controller_leaves_the_others_at_the_top()
    {
        _tree.Files("pids/runcs/box", "cgroup.procs").Files("memory/runcs/box/submem", "cgroup.procs");
        Manager(["pids", "memory"]).AddPid(77, SubCgroupPaths.Parse(["memory:submem"]));

        _tree.Writes.Should().BeEquivalentTo(new[] { ("pids/runcs/box/cgroup.procs", "77"), ("memory/runcs/box/submem/cgroup.procs", "77") });
    }

    [Fact]
    public void Exec_into_a_missing_sub_cgroup_fails_with_its_path()
    {
        _tree.Files("pids/runcs/box", "cgroup.procs");
        var act = () => Manager(["pids"]).AddPid(77, SubCgroupPaths.Parse(["nonexistent"]));
        act.Should().Throw<CgroupFileException>().WithMessage("write */pids/runcs/box/nonexistent/cgroup.procs: no such file or directory");
    }

    [Fact]
    public void Apply_copies_the_parent_cpuset_into_empty_cpuset_directories_before_joining()
    {
        _tree.File("cpuset/cpuset.cpus", "0-3\n").File("cpuset/cpuset.mems", "0\n");
        _tree.Files("cpuset/runcs", "cpuset.cpus", "cpuset.mems");
        _tree.Files("cpuset/runcs/box", "cpuset.cpus", "cpuset.mems", "cgroup.procs");
        Manager(["cpuset"]).Apply(77, new LinuxResources { Cpu = new() { Cpus = "1" } });

        _tree.Writes.Should().Equal(
            ("cpuset/runcs/cpuset.cpus", "0-3"),
            ("cpuset/runcs/cpuset.mems", "0"),
            ("cpuset/runcs/box/cpuset.cpus", "1"),
            ("cpuset/runcs/box/cpuset.mems", "0"),
            ("cpuset/runcs/box/cgroup.procs", "77"));
    }

    [Fact]
    public void Destroy_removes_only_the_directories_the_manager_created()
    {
        _tree.File("pids/runcs/keep.txt", "pre-existing parent").Dir("systemd");
        var manager = Manager(["pids", "name=systemd"]);
        manager.Apply(-1);
        _tree.Exists("pids/runcs/box").Should().BeTrue();
        _tree.Exists("systemd/runcs/box").Should().BeTrue();
        manager.Exists().Should().BeTrue();

        manager.Destroy();

        _tree.Exists("pids/runcs/box").Should().BeFalse();
        _tree.Exists("pids/runcs").Should().BeTrue("it existed before Apply");
        _tree.Exists("systemd/runcs").Should().BeFalse("Apply created it and it is empty again");
        manager.Exists().Should().BeFalse();
    }

    [Fact]
    public void A_manager_for_an_existing_container_destroys_the_paths_it_is_told_it_owns()
    {
        _tree.Dir("pids/runcs/box/sub");
        var manager = Manager(["pids"], owned: [_tree.Abs("pids/runcs/box")]);
        manager.Destroy();
        _tree.Exists("pids/runcs/box").Should().BeFalse();
        _tree.Exists("pids/runcs").Should().BeTrue();
    }

    [Fact]
    public void Freezer_state_is_read_from_freezer_state_and_self_freezing()
    {
        _tree.File("freezer/runcs/box/freezer.state", "FROZEN\n").File("freezer/runcs/box/freezer.self_freezing", "1\n");
        var manager = Manager(["freezer"]);
        manager.GetFreezerState().Should().Be(FreezerState.Frozen);
        _tree.File("freezer/runcs/box/freezer.self_freezing", "0\n");
        manager.GetFreezerState().Should().Be(FreezerState.Thawed, "frozen only through an ancestor");
        Manager(["pids"]).GetFreezerState().Should().Be(FreezerState.Undefined);
    }

    [Fact]
    public void GetPids_lists_sub_cgroups_too()
    {
        _tree.File("devices/runcs/box/cgroup.procs", "10\n11\n").File("devices/runcs/box/sub/cgroup.procs", "12\n");
        Manager(["devices", "pids"]).GetPids().Should().BeEquivalentTo([10, 11, 12]);
    }

    [Fact]
    public void Stats_are_read_from_the_v1_files()
    {
        _tree.File("memory/runcs/box/memory.stat", "cache 4096\nrss 8192\n")
            .File("memory/runcs/box/memory.usage_in_bytes", "12288\n").File("memory/runcs/box/memory.max_usage_in_bytes", "20480\n")
            .File("memory/runcs/box/memory.failcnt", "3\n").File("memory/runcs/box/memory.limit_in_bytes", "67108864\n")
            .File("pids/runcs/box/pids.current", "4\n").File("pids/runcs/box/pids.max", "max\n")
            .File("cpu,cpuacct/runcs/box/cpu.stat", "nr_periods 5\nnr_throttled 2\nthrottled_time 777\n")
            .File("cpu,cpuacct/runcs/box/cpuacct.usage", "1000\n").File("cpu,cpuacct/runcs/box/cpuacct.stat", "user 3\nsystem 1\n")
            .File("cpu,cpuacct/runcs/box/cpuacct.usage_percpu", "600 400 \n")
            .File("cpu,cpuacct/runcs/box/cpuacct.usage_all", "cpu user system\n0 500 100\n1 300 100\n")
            .File("blkio/runcs/box/blkio.throttle.io_service_bytes_recursive", "8:0 Read 100\n8:0 Write 200\nTotal 300\n")
            .File("blkio/runcs/box/blkio.throttle.io_serviced_recursive", "8:0 Read 1\n8:0 Write 2\nTotal 3\n");
        var stats = Manager(["memory", "pids", "cpu,cpuacct", "blkio"]).GetStats();

        stats.Memory.Cache.Should().Be(4096);
        stats.Memory.Usage.Should().BeEquivalentTo(new MemoryEntry { Usage = 12288, Max = 20480, Failcnt = 3, Limit = 67108864 });
        stats.Memory.Raw.Should().Contain("rss", 8192UL);
        stats.Pids.Current.Should().Be(4);
        stats.Pids.Limit.Should().Be(0, "max means no limit");
        stats.Cpu.Throttling.Should().BeEquivalentTo(new CpuThrottling { Periods = 5, ThrottledPeriods = 2, ThrottledTime = 777 });
        stats.Cpu.Usage.Total.Should().Be(1000);
        stats.Cpu.Usage.User.Should().Be(30_000_000, "3 ticks of 10ms");
        stats.Cpu.Usage.Kernel.Should().Be(10_000_000);
        stats.Cpu.Usage.Percpu.Should().Equal(600UL, 400UL);
        stats.Cpu.Usage.PercpuUser.Should().Equal(500UL, 300UL);
        stats.Cpu.Usage.PercpuKernel.Should().Equal(100UL, 100UL);
        stats.Blkio.IoServiceBytesRecursive.Should().BeEquivalentTo(new[]
        {
            new BlkioEntry { Major = 8, Minor = 0, Op = "Read", Value = 100 },
            new BlkioEntry { Major = 8, Minor = 0, Op = "Write", Value = 200 },
        });
    }
}
