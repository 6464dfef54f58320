using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

/// <summary>`exec --cgroup`: runc's argument forms and errors, and where each form sends the process.</summary>
public class SubCgroupPathsTests
{
    private static readonly Dictionary<string, string> Hybrid = new()
    {
        ["memory"] = "/sys/fs/cgroup/memory/c1",
        ["cpu"] = "/sys/fs/cgroup/cpu,cpuacct/c1",
        ["cpuacct"] = "/sys/fs/cgroup/cpu,cpuacct/c1",
        ["pids"] = "/sys/fs/cgroup/pids/c1",
        [""] = "/sys/fs/cgroup/unified/c1",
    };

    private static readonly Dictionary<string, string> Unified = new() { [""] = "/sys/fs/cgroup/c1" };

    private static IReadOnlyDictionary<string, string> Parse(params string[] args) => SubCgroupPaths.Parse(args)!.ByController;

    [Fact]
    public void No_argument_means_no_sub_cgroup()
    {
        SubCgroupPaths.Parse([]).Should().BeNull();
    }

    [Fact]
    public void A_path_alone_applies_to_every_hierarchy()
    {
        Parse("sub/inner").Should().Equal(new Dictionary<string, string> { [""] = "sub/inner" });
    }

    [Fact]
    public void Controller_lists_and_repeated_arguments_name_single_controllers()
    {
        Parse("memory:submem", "cpu,cpuacct:subcpu").Should().Equal(new Dictionary<string, string>
        {
            ["memory"] = "submem", ["cpu"] = "subcpu", ["cpuacct"] = "subcpu",
        });
    }

    [Fact]
    public void Only_the_first_colon_separates_the_controllers_from_the_path()
    {
        Parse("memory:a:b").Should().Equal(new Dictionary<string, string> { ["memory"] = "a:b" });
        Parse("memory:").Should().Equal(new Dictionary<string, string> { ["memory"] = "" });
    }

    [Theory]
    [InlineData(new[] { "sub", "memory:x" }, "invalid --cgroup argument: sub (missing <controller>: prefix)")]
    [InlineData(new[] { "memory:x", "sub" }, "invalid --cgroup argument: sub (missing <controller>: prefix)")]
    [InlineData(new[] { ":sub" }, "invalid --cgroup argument: :sub (empty <controller> prefix)")]
    [InlineData(new[] { "cpu,,memory:sub" }, "invalid --cgroup argument: cpu,,memory:sub (empty <controller> prefix)")]
    [InlineData(new[] { "memory:a", "cpu,memory:b" }, "invalid --cgroup argument(s): controller memory specified multiple times")]
    public void Bad_forms_get_runc_errors(string[] args, string error)
    {
        var act = () => SubCgroupPaths.Parse(args);
        act.Should().Throw<RuntimeException>().WithMessage(error);
    }

    [Fact]
    public void A_path_alone_goes_below_every_directory_of_the_container_including_the_hybrid_cgroup2_one()
    {
        SubCgroupPaths.Parse(["sub"])!.Resolve(Hybrid).Should().Equal(new Dictionary<string, string>
        {
            ["memory"] = "/sys/fs/cgroup/memory/c1/sub",
            ["cpu"] = "/sys/fs/cgroup/cpu,cpuacct/c1/sub",
            ["cpuacct"] = "/sys/fs/cgroup/cpu,cpuacct/c1/sub",
            ["pids"] = "/sys/fs/cgroup/pids/c1/sub",
            [""] = "/sys/fs/cgroup/unified/c1/sub",
        });
        SubCgroupPaths.Parse(["/a/./b/"])!.Resolve(Unified).Should().Equal(new Dictionary<string, string> { [""] = "/sys/fs/cgroup/c1/a/b" },
            "a leading slash is still relative to the container's cgroup");
    }

    [Fact]
    public void Named_controllers_move_and_the_others_stay_at_the_top()
    {
        SubCgroupPaths.Parse(["memory:submem", "cpu,cpuacct:subcpu"])!.Resolve(Hybrid).Should().Equal(new Dictionary<string, string>
        {
            ["memory"] = "/sys/fs/cgroup/memory/c1/submem",
            ["cpu"] = "/sys/fs/cgroup/cpu,cpuacct/c1/subcpu",
            ["cpuacct"] = "/sys/fs/cgroup/cpu,cpuacct/c1/subcpu",
            ["pids"] = "/sys/fs/cgroup/pids/c1",
            [""] = "/sys/fs/cgroup/unified/c1",
        });
    }

    [Fact]
    public void The_top_itself_is_allowed()
    {
        SubCgroupPaths.Parse(["/"])!.Resolve(Unified).Should().Equal(Unified);
        SubCgroupPaths.Parse(["pids:sub/.."])!.Resolve(Hybrid)["pids"].Should().Be("/sys/fs/cgroup/pids/c1");
    }

    [Theory]
    [InlineData("..")]
    [InlineData("sub/../..")]
    [InlineData("../c1-sibling")]
    public void Paths_out_of_the_container_cgroup_are_refused_even_into_a_sibling_with_the_same_prefix(string sub)
    {
        var all = () => SubCgroupPaths.Parse([sub])!.Resolve(Hybrid);
        all.Should().Throw<RuntimeException>().WithMessage($"bad sub cgroup path: {sub}");
        var one = () => SubCgroupPaths.Parse([$"memory:{sub}"])!.Resolve(Hybrid);
        one.Should().Throw<RuntimeException>().WithMessage($"bad sub cgroup path: {sub}");
    }

    [Fact]
    public void A_controller_the_container_has_no_directory_for_is_unknown()
    {
        var act = () => SubCgroupPaths.Parse(["whaaat:/"])!.Resolve(Hybrid);
        act.Should().Throw<RuntimeException>().WithMessage("unknown controller whaaat in SubCgroupPaths");
    }

    [Fact]
    public void On_a_unified_host_controller_names_are_unknown()
    {
        var act = () => SubCgroupPaths.Parse(["memory:sub"])!.Resolve(Unified);
        act.Should().Throw<RuntimeException>().WithMessage("unknown controller memory in SubCgroupPaths");
    }
}
