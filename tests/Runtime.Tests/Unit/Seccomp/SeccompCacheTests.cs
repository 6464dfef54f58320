using FluentAssertions;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit.Seccomp;

public sealed class SeccompCacheTests : IDisposable
{
    private static readonly byte[] Program = [6, 0, 0, 0, 0, 0, 0xff, 0x7f]; // ret ALLOW
    private readonly TempDir _tmp = new();
    private int _compiles;

    private string CacheDir => _tmp.Combine("cache");

    private byte[] Compile()
    {
        _compiles++;
        return Program;
    }

    [RootFact]
    public void Second_request_for_the_same_key_is_read_back_without_compiling()
    {
        SeccompCache.GetOrAdd(CacheDir, "profile-a", Compile).Should().Equal(Program);
        SeccompCache.GetOrAdd(CacheDir, "profile-a", Compile).Should().Equal(Program);

        _compiles.Should().Be(1);
        new DirectoryInfo(CacheDir).UnixFileMode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.GetFiles(CacheDir).Should().ContainSingle().Which.Should().EndWith(".bpf");
    }

    [RootFact]
    public void Another_key_compiles_again()
    {
        SeccompCache.GetOrAdd(CacheDir, "profile-a", Compile);
        SeccompCache.GetOrAdd(CacheDir, "profile-b", Compile);

        _compiles.Should().Be(2);
    }

    [RootFact]
    public void An_entry_that_is_not_a_whole_program_is_compiled_afresh()
    {
        SeccompCache.GetOrAdd(CacheDir, "profile-a", Compile);
        File.WriteAllBytes(Directory.GetFiles(CacheDir).Single(), [1, 2, 3]);

        SeccompCache.GetOrAdd(CacheDir, "profile-a", Compile).Should().Equal(Program);

        _compiles.Should().Be(2);
    }

    [RootFact]
    public void A_directory_others_can_write_is_never_used()
    {
        Directory.CreateDirectory(CacheDir);
        File.SetUnixFileMode(CacheDir, (UnixFileMode)0x1FF); // 0777

        SeccompCache.GetOrAdd(CacheDir, "profile-a", Compile);
        SeccompCache.GetOrAdd(CacheDir, "profile-a", Compile);

        _compiles.Should().Be(2);
        Directory.GetFiles(CacheDir).Should().BeEmpty();
    }

    [Fact]
    public void Off_compiles_every_time()
    {
        SeccompCache.GetOrAdd("off", "profile-a", Compile);
        SeccompCache.GetOrAdd("off", "profile-a", Compile);

        _compiles.Should().Be(2);
    }

    public void Dispose() => _tmp.Dispose();
}
