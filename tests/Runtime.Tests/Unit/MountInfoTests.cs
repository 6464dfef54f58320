using FluentAssertions;
using Runc.Sharp.Runtime.Rootfs;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public class MountInfoLineTests
{
    [Fact]
    public void Parses_the_proc_5_example_with_one_optional_field()
    {
        var m = MountInfoLine.Parse("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue");

        m.Should().Be(new MountInfoLine("/mnt1", "/mnt2", "rw,noatime", "ext3", "/dev/root", "rw,errors=continue"));
    }

    [Fact]
    public void Parses_a_line_without_optional_fields()
    {
        var m = MountInfoLine.Parse("22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw");

        m.Should().NotBeNull();
        m!.Root.Should().Be("/");
        m.MountPoint.Should().Be("/proc");
        m.Options.Should().Be("rw,nosuid,nodev,noexec,relatime");
        m.FsType.Should().Be("proc");
        m.Source.Should().Be("proc");
        m.SuperOptions.Should().Be("rw");
    }

    [Fact]
    public void Parses_a_line_with_several_optional_fields()
    {
        var m = MountInfoLine.Parse("30 25 0:26 / /sys/fs/cgroup rw,nosuid shared:4 master:2 propagate_from:1 unbindable - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot");

        m.Should().NotBeNull();
        m!.MountPoint.Should().Be("/sys/fs/cgroup");
        m.FsType.Should().Be("cgroup2");
        m.Source.Should().Be("cgroup2");
        m.SuperOptions.Should().Be("rw,nsdelegate,memory_recursiveprot");
    }

    [Fact]
    public void Unescapes_root_mount_point_and_source()
    {
        var m = MountInfoLine.Parse(@"40 22 8:1 /dir\040one /mnt/with\040space\011tab rw - ext4 /dev/disk\134x rw");

        m.Should().NotBeNull();
        m!.Root.Should().Be("/dir one");
        m.MountPoint.Should().Be("/mnt/with space\ttab");
        m.Source.Should().Be(@"/dev/disk\x");
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 ext3 /dev/root rw")] // no separator
    [InlineData("36 35 98:0 /mnt1 /mnt2 - ext3 /dev/root rw")] // separator before the options field
    [InlineData("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root")] // no super options
    [InlineData("36 35 98:0 /mnt1 /mnt2 rw - ext3")]
    public void Malformed_lines_give_null(string line)
    {
        MountInfoLine.Parse(line).Should().BeNull();
    }

    [Theory]
    [InlineData(@"plain", "plain")]
    [InlineData(@"a\040b", "a b")]
    [InlineData(@"\011tab", "\ttab")]
    [InlineData(@"new\012line", "new\nline")]
    [InlineData(@"back\134slash", @"back\slash")]
    [InlineData(@"\040\040", "  ")]
    [InlineData(@"end\", @"end\")]
    [InlineData(@"short\04", @"short\04")]
    [InlineData(@"not\089octal", @"not\089octal")]
    [InlineData(@"\x41", @"\x41")]
    [InlineData(@"\1341", @"\1")]
    public void Unescape_decodes_three_digit_octal_escapes_only(string input, string expected)
    {
        MountInfoLine.Unescape(input).Should().Be(expected);
    }
}

public class HostCgroupsTests
{
    [Theory]
    [InlineData("rw,cpu,cpuacct", "cpu,cpuacct")]
    [InlineData("rw,memory", "memory")]
    [InlineData("ro,devices", "devices")]
    [InlineData("rw,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd", "name=systemd")]
    [InlineData("rw,clone_children,cpuset", "cpuset")]
    [InlineData("rw,noprefix,cpuset", "cpuset")]
    [InlineData("rw,nsdelegate,memory_recursiveprot", "")]
    [InlineData("rw", "")]
    public void Controllers_drop_mount_options(string superOptions, string expected)
    {
        HostCgroups.Controllers(superOptions).Should().Be(expected);
    }

    [Fact]
    public void Own_cgroups_map_controller_lists_to_paths()
    {
        string[] lines =
        [
            "12:cpu,cpuacct:/user.slice",
            "11:memory:/user.slice/user-1000.slice",
            "1:name=systemd:/user.slice/user-1000.slice/session-2.scope",
            "0::/user.slice/user-1000.slice/session-2.scope",
        ];

        HostCgroups.OwnCgroups(lines).Should().Equal(new Dictionary<string, string>
        {
            ["cpu,cpuacct"] = "/user.slice",
            ["memory"] = "/user.slice/user-1000.slice",
            ["name=systemd"] = "/user.slice/user-1000.slice/session-2.scope",
            [""] = "/user.slice/user-1000.slice/session-2.scope",
        });
    }

    [Fact]
    public void Own_cgroups_keep_colons_in_paths_and_skip_malformed_lines()
    {
        var own = HostCgroups.OwnCgroups(["0::/a:b:c", "", "junk", "3:pids"]);

        own.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("", "/a:b:c"));
    }

    [Fact]
    public void A_v1_mountinfo_line_matches_its_own_cgroup_line()
    {
        var m = MountInfoLine.Parse("34 26 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,cpu,cpuacct")!;
        var own = HostCgroups.OwnCgroups(["4:cpu,cpuacct:/docker/abc"]);

        own.Should().ContainKey(HostCgroups.Controllers(m.SuperOptions)).WhoseValue.Should().Be("/docker/abc");
    }
}
