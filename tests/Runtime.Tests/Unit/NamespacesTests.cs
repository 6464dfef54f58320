using FluentAssertions;
using Runc.Sharp.Runtime.Namespaces;
using Runc.Sharp.Spec.Model;
using Xunit;
using static Runc.Sharp.Runtime.Namespaces.NamespaceKinds;

namespace Runc.Sharp.Runtime.Tests.Unit;

public class NamespaceKindsTests
{
    [Theory]
    [InlineData("user", 0x10000000u, "user")]
    [InlineData("ipc", 0x08000000u, "ipc")]
    [InlineData("uts", 0x04000000u, "uts")]
    [InlineData("network", 0x40000000u, "net")]
    [InlineData("pid", 0x20000000u, "pid")]
    [InlineData("cgroup", 0x02000000u, "cgroup")]
    [InlineData("time", 0x80u, "time")]
    [InlineData("mount", 0x00020000u, "mnt")]
    public void Spec_types_map_to_clone_flags_and_proc_names(string type, uint flag, string procName)
    {
        NamespaceKinds.Flag(type).Should().Be(flag);
        NamespaceKinds.ProcName(type).Should().Be(procName);
    }

    [Fact]
    public void All_lists_the_eight_kinds_once_user_first_mount_last()
    {
        All.Should().HaveCount(8);
        All.Select(k => k.Type).Should().OnlyHaveUniqueItems();
        All.Select(k => k.Flag).Should().OnlyHaveUniqueItems();
        All.Aggregate(0u, (acc, k) => acc | k.Flag).Should().Be(
            CLONE_NEWUSER | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWCGROUP | CLONE_NEWTIME | CLONE_NEWNS);
        All[0].Type.Should().Be(LinuxNamespaceTypes.User);
        All[^1].Type.Should().Be(LinuxNamespaceTypes.Mount);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("")]
    [InlineData("Mount")]
    [InlineData("net")]
    public void Unknown_type_is_an_error(string type)
    {
        var act = () => NamespaceKinds.Flag(type);

        act.Should().Throw<ArgumentException>().WithMessage($"unknown namespace type {type}");
    }
}

public class NamespacePlanTests
{
    private static LinuxConfig Linux(params (string Type, string? Path)[] namespaces) => new()
    {
        Namespaces = namespaces.Select(n => new LinuxNamespace { Type = n.Type, Path = n.Path }).ToList(),
    };

    [Fact]
    public void No_linux_section_creates_and_joins_nothing()
    {
        foreach (var plan in new[] { NamespacePlan.From(null), NamespacePlan.From(new LinuxConfig()) })
        {
            plan.CloneFlags.Should().Be(0);
            plan.Joins.Should().BeEmpty();
            plan.Types.Should().BeEmpty();
            plan.Creates("pid").Should().BeFalse();
            plan.Has("pid").Should().BeFalse();
        }
    }

    [Fact]
    public void Namespaces_without_path_are_created_and_with_path_joined()
    {
        var plan = NamespacePlan.From(Linux(
            ("pid", null), ("network", "/proc/1/ns/net"), ("mount", ""), ("user", null), ("ipc", "/var/run/ipc")));

        plan.CloneFlags.Should().Be(CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUSER);
        plan.Joins.Should().Equal((CLONE_NEWNET, "/proc/1/ns/net"), (CLONE_NEWIPC, "/var/run/ipc"));
        plan.Types.Should().Equal("pid", "network", "mount", "user", "ipc");
        plan.Creates("pid").Should().BeTrue();
        plan.Creates("mount").Should().BeTrue();
        plan.Creates("network").Should().BeFalse();
        plan.Has("network").Should().BeTrue();
        plan.Has("uts").Should().BeFalse();
        plan.Creates("uts").Should().BeFalse();
    }

    [Fact]
    public void All_eight_created()
    {
        var plan = NamespacePlan.From(Linux(All.Select(k => (k.Type, (string?)null)).ToArray()));

        plan.CloneFlags.Should().Be(0x7E020080u);
        plan.Joins.Should().BeEmpty();
    }

    [Fact]
    public void Unknown_namespace_type_is_an_error()
    {
        var act = () => NamespacePlan.From(Linux(("pid", null), ("bogus", null)));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void MapText_is_one_line_per_mapping()
    {
        var text = NamespacePlan.MapText(
        [
            new IdMapping { ContainerId = 0, HostId = 1000, Size = 1 },
            new IdMapping { ContainerId = 1, HostId = 100000, Size = 65536 },
        ]);

        text.Should().Be("0 1000 1\n1 100000 65536\n");
    }

    [Fact]
    public void MapText_uses_full_uint_range()
    {
        NamespacePlan.MapText([new IdMapping { ContainerId = 0, HostId = 0, Size = uint.MaxValue }])
            .Should().Be("0 0 4294967295\n");
    }

    [Fact]
    public void MapText_of_no_mappings_is_null()
    {
        NamespacePlan.MapText(null).Should().BeNull();
        NamespacePlan.MapText([]).Should().BeNull();
    }
}
