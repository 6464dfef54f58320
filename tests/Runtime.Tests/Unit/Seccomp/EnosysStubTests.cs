using FluentAssertions;
using Runc.Sharp.Runtime.Security.Seccomp;
using Xunit;
using static Runc.Sharp.Runtime.Security.Seccomp.SeccompConstants;
using static Runc.Sharp.Runtime.Tests.Unit.Seccomp.BpfInterpreter;

namespace Runc.Sharp.Runtime.Tests.Unit.Seccomp;

/// <summary>The ENOSYS prefix alone: it answers ENOSYS or falls through to the filter behind it (null).</summary>
public class EnosysStubTests
{
    private const uint Enosys = 0x00050026;

    [Fact]
    public void No_architectures_no_stub() => EnosysStub.Build(new Dictionary<uint, uint>()).Should().BeEmpty();

    [Fact]
    public void Above_the_last_syscall_is_enosys_at_or_below_falls_through()
    {
        var stub = EnosysStub.Build(new Dictionary<uint, uint> { [ArchX86_64] = 400, [0xc00000b7] = 300 });

        Run(stub, 400).Should().BeNull();
        Run(stub, 401).Should().Be(Enosys);
        Run(stub, 300, 0xc00000b7).Should().BeNull();
        Run(stub, 301, 0xc00000b7).Should().Be(Enosys);
        Run(stub, 5000, ArchX86).Should().BeNull("an architecture the stub does not cover goes to the filter");
        Run(stub, X32SyscallBit | 5, ArchX86_64).Should().BeNull("x32 is not listed: left to the filter");
    }

    [Fact]
    public void X32_alone_and_together_with_x86_64()
    {
        var x32 = EnosysStub.Build(new Dictionary<uint, uint> { [ArchX32] = X32SyscallBit | 100 });
        Run(x32, X32SyscallBit | 100).Should().BeNull();
        Run(x32, X32SyscallBit | 101).Should().Be(Enosys);
        Run(x32, 500).Should().BeNull("plain x86_64 numbers are not x32's");

        var both = EnosysStub.Build(new Dictionary<uint, uint> { [ArchX86_64] = 200, [ArchX32] = X32SyscallBit | 100 });
        Run(both, 150).Should().BeNull();
        Run(both, 201).Should().Be(Enosys);
        Run(both, X32SyscallBit | 150).Should().Be(Enosys);
        Run(both, X32SyscallBit | 99).Should().BeNull();
    }

    [Fact]
    public void S390_setup_multiplexer_is_enosys()
    {
        var stub = EnosysStub.Build(new Dictionary<uint, uint> { [ArchS390X] = 400 });
        Run(stub, 0, ArchS390X).Should().Be(Enosys);
        Run(stub, 1, ArchS390X).Should().BeNull();
    }

    [Fact]
    public void Many_architectures_still_fit_in_short_jumps()
    {
        var all = Architectures.Where(a => a.Token != ArchX32).ToDictionary(a => a.Token, _ => 300u);
        var stub = EnosysStub.Build(all);
        foreach (var token in all.Keys)
        {
            Run(stub, 301, token).Should().Be(Enosys);
            Run(stub, 299, token).Should().BeNull();
        }
    }

    [Theory]
    [InlineData(0x7fff0000u, false)]
    [InlineData(0x7ffc0000u, false)]
    [InlineData(0x7ff00001u, false)]
    [InlineData(0x00050026u, false)]
    [InlineData(0x00050001u, true)]
    [InlineData(0x00000000u, true)]
    [InlineData(0x80000000u, true)]
    [InlineData(0x00030000u, true)]
    public void Only_restrictive_defaults_get_the_stub(uint defaultAction, bool wanted) =>
        EnosysStub.Wanted(defaultAction).Should().Be(wanted);
}
