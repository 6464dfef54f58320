using FluentAssertions;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Init;
using Runc.Sharp.Runtime.Namespaces;
using Runc.Sharp.Runtime.Rootfs;
using Runc.Sharp.Runtime.Rootless;
using Runc.Sharp.Spec.Model;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public class RuntimeIdentityTests
{
    [Theory]
    [InlineData("         0          0 4294967295\n", false)]
    [InlineData("0 0 4294967295", false)]
    [InlineData("         0       1000          1\n", true)]
    [InlineData("0 0 1000\n", true)]
    [InlineData("", true)] // a user namespace whose map is not written yet
    [InlineData("not a map", false)]
    [InlineData(null, false)] // no user namespace support at all
    public void Initial_namespace_is_recognised_from_uid_map(string? uidMap, bool inUserNamespace) =>
        RuntimeIdentity.InUserNamespaceFromUidMap(uidMap).Should().Be(inUserNamespace);

    [Fact]
    public void Rootless_euid_is_any_uid_but_0()
    {
        new RuntimeIdentity(0, 0, true).RootlessEuid.Should().BeFalse();
        new RuntimeIdentity(1000, 1000, false).RootlessEuid.Should().BeTrue();
    }
}

public class RootlessModeTests
{
    private static readonly RuntimeIdentity Root = new(0, 0, false);
    private static readonly RuntimeIdentity User = new(1000, 1000, false);
    private static readonly RuntimeIdentity RootInUserNamespace = new(0, 0, true);

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("auto", null)]
    [InlineData("AUTO", null)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("t", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("F", false)]
    [InlineData("False", false)]
    public void Parses_like_runcs_parseBoolOrAuto(string? value, bool? expected) =>
        RootlessMode.Parse(value).Should().Be(expected);

    [Theory]
    [InlineData("yes")]
    [InlineData("tRuE")]
    [InlineData("2")]
    public void Other_values_are_a_clear_error(string value) =>
        FluentActions.Invoking(() => RootlessMode.Parse(value)).Should().Throw<RuntimeException>()
            .WithMessage($"invalid --rootless value \"{value}\": use true, false or auto");

    [Fact]
    public void Auto_is_rootless_for_a_user_or_root_in_a_user_namespace()
    {
        RootlessMode.CgroupsRootless("auto", Root).Should().BeFalse();
        RootlessMode.CgroupsRootless("auto", User).Should().BeTrue();
        RootlessMode.CgroupsRootless("auto", RootInUserNamespace).Should().BeTrue();
    }

    [Fact]
    public void An_explicit_value_wins_over_detection()
    {
        RootlessMode.CgroupsRootless("true", Root).Should().BeTrue();
        RootlessMode.CgroupsRootless("false", User).Should().BeFalse();
    }
}

public class StateRootLocationTests
{
    [Fact]
    public void Root_keeps_run_runcs_even_with_an_xdg_runtime_dir() =>
        StateRootLocation.Default("/run/user/0", "root", new RuntimeIdentity(0, 0, false)).Should().Be(("/run/runcs", false));

    [Fact]
    public void A_user_gets_its_xdg_runtime_dir() =>
        StateRootLocation.Default("/run/user/1000/", "alice", new RuntimeIdentity(1000, 1000, false))
            .Should().Be(("/run/user/1000/runcs", true));

    [Fact]
    public void A_user_without_xdg_runtime_dir_gets_run_runcs() =>
        StateRootLocation.Default(null, "alice", new RuntimeIdentity(1000, 1000, false)).Should().Be(("/run/runcs", false));

    [Theory]
    [InlineData("root", false)]
    [InlineData("alice", true)]
    [InlineData(null, true)]
    public void Root_in_a_user_namespace_uses_xdg_unless_user_is_root(string? user, bool xdg) =>
        StateRootLocation.Default("/run/user/1000", user, new RuntimeIdentity(0, 0, true)).FromXdg.Should().Be(xdg);

    [Fact]
    public void The_xdg_root_gets_0700_and_the_sticky_bit()
    {
        using var tmp = new TempDir();
        var root = tmp.Combine("xdg", "runcs");
        Directory.CreateDirectory(tmp.Combine("xdg"));

        StateRootLocation.PrepareXdgRoot(root);
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        StateRootLocation.PrepareXdgRoot(root); // again: an existing root is put right

        File.GetUnixFileMode(root).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.StickyBit);
    }

    [Fact]
    public void An_xdg_root_that_cannot_be_made_is_runcs_error()
    {
        using var tmp = new TempDir();
        var file = tmp.WriteFile("not-a-dir", "");

        var act = () => StateRootLocation.PrepareXdgRoot(Path.Combine(file, "runcs"));

        act.Should().Throw<RuntimeException>().WithMessage("the path in $XDG_RUNTIME_DIR must be writable by the user: mkdir */not-a-dir/runcs: *");
    }
}

public class RootlessConfigCheckTests
{
    private static readonly RuntimeIdentity User = new(1000, 1000, false);

    private static RuntimeConfig Config(bool userns = true, string? userPath = null, bool uidMap = true, bool gidMap = true,
        params string[] mountOptions)
    {
        var ns = new List<LinuxNamespace> { new() { Type = LinuxNamespaceTypes.Pid }, new() { Type = LinuxNamespaceTypes.Mount } };
        if (userns)
            ns.Add(new() { Type = LinuxNamespaceTypes.User, Path = userPath });
        return new RuntimeConfig
        {
            Mounts = [new Mount { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = [.. mountOptions] }],
            Linux = new LinuxConfig
            {
                Namespaces = ns,
                UidMappings = uidMap ? [new() { ContainerId = 0, HostId = 1000, Size = 1 }] : null,
                GidMappings = gidMap ? [new() { ContainerId = 0, HostId = 1000, Size = 1 }] : null,
            },
        };
    }

    private static Action Check(RuntimeConfig c, RuntimeIdentity? who = null) => () => RootlessConfigCheck.Check(c, who ?? User);

    [Fact]
    public void The_rootless_spec_shape_passes() => Check(Config(mountOptions: ["nosuid", "mode=0620", "uid=0", "gid=0"])).Should().NotThrow();

    [Fact]
    public void Root_is_never_checked() => Check(Config(userns: false), new RuntimeIdentity(0, 0, false)).Should().NotThrow();

    [Fact]
    public void A_user_namespace_is_required() =>
        Check(Config(userns: false)).Should().Throw<RuntimeException>().WithMessage("rootless container requires user namespaces");

    [Fact]
    public void A_new_user_namespace_needs_both_mappings()
    {
        Check(Config(uidMap: false)).Should().Throw<RuntimeException>().WithMessage("rootless containers requires at least one UID mapping");
        Check(Config(gidMap: false)).Should().Throw<RuntimeException>().WithMessage("rootless containers requires at least one GID mapping");
    }

    [Fact]
    public void Joining_a_user_namespace_needs_no_mappings() =>
        Check(Config(userPath: "/proc/42/ns/user", uidMap: false, gidMap: false)).Should().NotThrow();

    [Fact]
    public void An_unmapped_gid_option_is_refused_with_runcs_words() =>
        Check(Config(mountOptions: ["newinstance", "gid=5"])).Should().Throw<RuntimeException>()
            .WithMessage("cannot specify gid=5 mount option for rootless container: user namespaces enabled, but no mapping found for gid 5");

    [Fact]
    public void An_unmapped_uid_option_is_refused() =>
        Check(Config(mountOptions: ["uid=1000"])).Should().Throw<RuntimeException>()
            .WithMessage("cannot specify uid=1000 mount option for rootless container: *");

    [Fact]
    public void Options_that_are_not_numbers_are_left_to_the_kernel() =>
        Check(Config(mountOptions: ["uid=abc", "gid="])).Should().NotThrow();
}

public class UserNamespaceMapsTests
{
    private static readonly RuntimeIdentity User = new(1000, 1001, false);
    private static readonly Func<string, string?> Tools = name => "/usr/bin/" + name;

    private static LinuxConfig Linux(List<IdMapping> uid, List<IdMapping> gid) => new() { UidMappings = uid, GidMappings = gid };

    [Fact]
    public void Own_ids_only_deny_setgroups_and_keep_the_tools_as_fallback()
    {
        var maps = UserNamespaceMaps.For(Linux([new() { ContainerId = 0, HostId = 1000, Size = 1 }],
            [new() { ContainerId = 0, HostId = 1001, Size = 1 }]), User, Tools);

        maps.Should().Be(new UserNamespaceMaps("0 1000 1\n", "0 1001 1\n", true, "/usr/bin/newuidmap", "/usr/bin/newgidmap"));
    }

    [Fact]
    public void Subordinate_gids_leave_setgroups_to_newgidmap()
    {
        var maps = UserNamespaceMaps.For(Linux([new() { ContainerId = 0, HostId = 1000, Size = 1 }],
            [new() { ContainerId = 0, HostId = 1001, Size = 1 }, new() { ContainerId = 1, HostId = 100000, Size = 65536 }]), User, Tools);

        maps.SetgroupsDeny.Should().BeFalse();
        maps.GidMap.Should().Be("0 1001 1\n1 100000 65536\n");
    }

    [Fact]
    public void Someone_elses_gid_is_not_ours()
    {
        UserNamespaceMaps.IsOnlyOwnId([new() { ContainerId = 0, HostId = 5, Size = 1 }], 1001).Should().BeFalse();
        UserNamespaceMaps.IsOnlyOwnId([new() { ContainerId = 7, HostId = 1001, Size = 1 }], 1001).Should().BeTrue();
        UserNamespaceMaps.IsOnlyOwnId([new() { ContainerId = 0, HostId = 1001, Size = 2 }], 1001).Should().BeFalse();
        UserNamespaceMaps.IsOnlyOwnId(null, 1001).Should().BeFalse();
    }

    [Fact]
    public void Root_writes_maps_itself_and_never_denies_setgroups()
    {
        var maps = UserNamespaceMaps.For(Linux([new() { ContainerId = 0, HostId = 0, Size = 1 }],
            [new() { ContainerId = 0, HostId = 0, Size = 1 }]), new RuntimeIdentity(0, 0, false), _ => throw new InvalidOperationException("no lookup as root"));

        maps.Should().Be(new UserNamespaceMaps("0 0 1\n", "0 0 1\n", false, null, null));
    }

    [Fact]
    public void Missing_tools_are_simply_absent()
    {
        var maps = UserNamespaceMaps.For(Linux([new() { ContainerId = 0, HostId = 1000, Size = 1 }],
            [new() { ContainerId = 0, HostId = 1001, Size = 1 }]), User, _ => null);

        maps.UidMapTool.Should().BeNull();
        maps.GidMapTool.Should().BeNull();
    }
}

public class SetgroupsPolicyTests
{
    [Theory]
    [InlineData("deny\n", true)]
    [InlineData("deny", true)]
    [InlineData("allow\n", false)]
    public void Reads_the_setgroups_file(string text, bool denied) => SetgroupsPolicy.IsDenied(text).Should().Be(denied);
}

public class HostCgroupsHierarchyTests
{
    [Fact]
    public void The_first_mount_of_a_hierarchy_wins_over_copies_inside_the_rootfs()
    {
        var mountInfo = new[]
        {
            "34 30 0:31 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,memory",
            "40 30 0:37 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw",
            "90 80 0:31 / /b/rootfs/sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,memory",
            "91 80 0:37 / /b/rootfs/sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw",
        };

        var h = HostCgroups.Hierarchies(["4:memory:/user/1", "0::/"], mountInfo);

        h.Should().Equal(
            new HostCgroups.Hierarchy("/sys/fs/cgroup/memory", "cgroup", "memory", "user/1"),
            new HostCgroups.Hierarchy("/sys/fs/cgroup/unified", "cgroup2", "", ""));
    }
}
