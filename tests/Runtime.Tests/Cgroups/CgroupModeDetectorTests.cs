using System.Runtime.Versioning;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

[SupportedOSPlatform("linux")]
public class CgroupModeDetectorTests
{
    private const string Legacy = """
        22 1 253:2 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
        23 22 0:18 / /sys/fs/cgroup rw,nosuid,nodev,noexec shared:9 - tmpfs tmpfs rw,mode=755
        24 23 0:19 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd
        26 23 0:21 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,cpuset,clone_children
        27 23 0:22 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,cpuacct,cpu
        28 23 0:23 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,memory
        """;

    // This VM: every v1 controller, and a cgroup2 mount at /sys/fs/cgroup/unified.
    private const string Hybrid = """
        30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        33 30 0:30 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
        34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        35 30 0:32 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
        36 30 0:33 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
        37 30 0:34 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
        38 30 0:35 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
        39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
        40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    private const string Unified = """
        22 1 253:2 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
        25 22 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
        26 25 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:8 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
        """;

    [Fact]
    public void V1_only_is_legacy() => CgroupModeDetector.Detect(Legacy, "/sys/fs/cgroup").Should().Be(CgroupMode.Legacy);

    [Fact]
    public void V1_with_cgroup2_below_the_root_is_hybrid() => CgroupModeDetector.Detect(Hybrid, "/sys/fs/cgroup").Should().Be(CgroupMode.Hybrid);

    [Fact]
    public void Cgroup2_at_the_root_is_unified() => CgroupModeDetector.Detect(Unified, "/sys/fs/cgroup").Should().Be(CgroupMode.Unified);

    [Fact]
    public void Cgroup_mounts_elsewhere_do_not_count()
    {
        var text = Unified.Replace("/sys/fs/cgroup", "/var/lib/other/sys/fs/cgroup") + "\n" + Legacy;
        CgroupModeDetector.Detect(text, "/sys/fs/cgroup").Should().Be(CgroupMode.Legacy);
    }

    [Fact]
    public void No_cgroup_file_system_is_an_error()
    {
        var act = () => CgroupModeDetector.Detect("22 1 253:2 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n", "/sys/fs/cgroup");
        act.Should().Throw<RuntimeException>().WithMessage("*no cgroup filesystem is mounted at /sys/fs/cgroup*");
    }

    [Fact]
    public void This_host_is_detected_from_its_own_mountinfo()
    {
        var mode = CgroupModeDetector.Detect();
        var text = File.ReadAllText("/proc/self/mountinfo");
        var expected = text.Contains(" /sys/fs/cgroup rw") && text.Contains("- cgroup2 ") && !text.Contains("- cgroup cgroup")
            ? CgroupMode.Unified
            : text.Contains("- cgroup2 ") ? CgroupMode.Hybrid : CgroupMode.Legacy;
        mode.Should().Be(expected);
    }
}
