using System.Runtime.Versioning;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

[SupportedOSPlatform("linux")]
public class CgroupFilesTests : IDisposable
{
    private readonly FakeCgroupTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("../cgroup.procs")]
    [InlineData("sub/memory.max")]
    [InlineData("..")]
    [InlineData("")]
    public void Names_with_a_slash_or_dot_dot_are_refused(string name)
    {
        _tree.Files("x", "memory.max");
        var act = () => new CgroupFiles().Write(_tree.Abs("x"), name, "1");
        act.Should().Throw<RuntimeException>().WithMessage("invalid cgroup file name*");
    }

    [Fact]
    public void Writes_replace_the_content_and_errors_name_the_path_and_errno()
    {
        _tree.File("x/pids.max", "max");
        var files = new CgroupFiles();
        files.Write(_tree.Abs("x"), "pids.max", "5");
        _tree.Read("x/pids.max").Should().Be("5");

        var act = () => files.Write(_tree.Abs("x"), "pids.nope", "5");
        act.Should().Throw<CgroupFileException>().Which.Message.Should().Be($"write {_tree.Abs("x/pids.nope")}: no such file or directory");
    }

    [Fact]
    public void Numbers_read_max_as_the_largest_value()
    {
        _tree.File("x/a", "max\n").File("x/b", "42\n");
        var files = new CgroupFiles();
        files.TryReadUInt(_tree.Abs("x"), "a").Should().Be(ulong.MaxValue);
        files.TryReadUInt(_tree.Abs("x"), "b").Should().Be(42);
        files.TryReadUInt(_tree.Abs("x"), "c").Should().BeNull();
    }
}
