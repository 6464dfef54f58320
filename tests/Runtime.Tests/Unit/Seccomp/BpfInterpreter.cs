using System.Buffers.Binary;
using Runc.Sharp.Runtime.Security.Seccomp;
using static Runc.Sharp.Runtime.Security.Seccomp.SockFilter;

namespace Runc.Sharp.Runtime.Tests.Unit.Seccomp;

/// <summary>
/// Runs a seccomp classic-BPF program over a struct seccomp_data, as the kernel would, so the
/// tests can ask what a compiled profile answers for a syscall without loading it.
/// </summary>
public static class BpfInterpreter
{
    public const uint X86_64 = SeccompConstants.ArchX86_64, X86 = SeccompConstants.ArchX86;

    /// <summary>The program's return value, or null when it runs past its end (into code appended after it).</summary>
    public static uint? Run(IReadOnlyList<SockFilter> program, uint nr, uint arch = X86_64, params ulong[] args)
    {
        var data = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(data, nr);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), arch);
        for (var i = 0; i < args.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16 + 8 * i), args[i]);
        uint a = 0, x = 0;
        var mem = new uint[16];
        var pc = 0;
        for (var steps = 0; steps < 100_000; steps++)
        {
            if (pc == program.Count)
                return null;
            if (pc > program.Count)
                throw new InvalidOperationException($"jump past the end of the program to {pc}");
            var i = program[pc++];
            switch (i.Code)
            {
                case LdWAbs: a = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)i.K)); break;
                case LdImm: a = i.K; break;
                case LdxImm: x = i.K; break;
                case LdMem: a = mem[i.K]; break;
                case LdxMem: x = mem[i.K]; break;
                case St: mem[i.K] = a; break;
                case Stx: mem[i.K] = x; break;
                case Tax: x = a; break;
                case Txa: a = x; break;
                case AluAndK: a &= i.K; break;
                case AluOrK: a |= i.K; break;
                case Ja: pc += (int)i.K; break;
                case JeqK: pc += a == i.K ? i.Jt : i.Jf; break;
                case JgtK: pc += a > i.K ? i.Jt : i.Jf; break;
                case JgeK: pc += a >= i.K ? i.Jt : i.Jf; break;
                case JsetK: pc += (a & i.K) != 0 ? i.Jt : i.Jf; break;
                case JeqX: pc += a == x ? i.Jt : i.Jf; break;
                case JgtX: pc += a > x ? i.Jt : i.Jf; break;
                case JgeX: pc += a >= x ? i.Jt : i.Jf; break;
                case JsetX: pc += (a & x) != 0 ? i.Jt : i.Jf; break;
                case RetK: return i.K;
                case RetA: return a;
                default: throw new NotSupportedException($"BPF opcode {i.Code:#x} at {pc - 1}");
            }
        }
        throw new InvalidOperationException("the program does not terminate");
    }
}
