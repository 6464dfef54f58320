using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>One classic BPF instruction (struct sock_filter), as seccomp(2) takes it.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct SockFilter(ushort Code, byte Jt, byte Jf, uint K)
{
    public const int Size = 8;

    // Opcodes (linux/filter.h): class | size/op | mode/source.
    public const ushort LdWAbs = 0x20, LdImm = 0x00, LdxImm = 0x01, LdMem = 0x60, LdxMem = 0x61,
        St = 0x02, Stx = 0x03, Ja = 0x05, JeqK = 0x15, JgtK = 0x25, JgeK = 0x35, JsetK = 0x45,
        JeqX = 0x1d, JgtX = 0x2d, JgeX = 0x3d, JsetX = 0x4d, AluAndK = 0x54, AluOrK = 0x44,
        RetK = 0x06, RetA = 0x16, Tax = 0x07, Txa = 0x87;

    /// <summary>seccomp_data offsets: nr, arch, then instruction_pointer and args[6] (u64 each).</summary>
    public const uint OffsetNr = 0, OffsetArch = 4, OffsetArgs = 16;

    /// <summary>Decodes a program in host byte order (seccomp_export_bpf writes it so, seccomp(2) reads it so).</summary>
    public static SockFilter[] Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % Size != 0)
            throw new ArgumentException($"a BPF program is a multiple of {Size} bytes, not {bytes.Length}");
        return MemoryMarshal.Cast<byte, SockFilter>(bytes).ToArray();
    }

    public static byte[] Encode(ReadOnlySpan<SockFilter> program) => MemoryMarshal.AsBytes(program).ToArray();
}

/// <summary>
/// Builds a short classic BPF program with named jump targets. A target may be the end of the
/// program (<see cref="End"/>), which is where code appended after it starts. Conditional
/// jumps only reach 255 instructions ahead: the programs built here are far shorter, and a
/// longer one is an error rather than a wrong jump.
/// </summary>
public sealed class BpfAssembler
{
    public readonly record struct Label(int Id);

    private readonly List<(ushort Code, uint K, Label? True, Label? False)> _code = [];
    private readonly List<int> _labels = [];

    /// <summary>The position right after the last instruction.</summary>
    public Label End { get; }

    public BpfAssembler() => End = NewLabel();

    public int Count => _code.Count;

    public Label NewLabel()
    {
        _labels.Add(-1);
        return new Label(_labels.Count - 1);
    }

    public void Mark(Label label) => _labels[label.Id] = _code.Count;

    public void LoadWord(uint offset) => _code.Add((SockFilter.LdWAbs, offset, null, null));

    public void Return(uint value) => _code.Add((SockFilter.RetK, value, null, null));

    public void Jump(Label target) => _code.Add((SockFilter.Ja, 0, target, null));

    /// <summary>A conditional jump on the accumulator against k; a null target is the next instruction.</summary>
    public void JumpIf(ushort op, uint k, Label? ifTrue, Label? ifFalse) => _code.Add((op, k, ifTrue, ifFalse));

    public SockFilter[] Assemble()
    {
        _labels[End.Id] = _code.Count;
        var program = new SockFilter[_code.Count];
        for (var i = 0; i < _code.Count; i++)
        {
            var (code, k, t, f) = _code[i];
            program[i] = code == SockFilter.Ja
                ? new SockFilter(code, 0, 0, (uint)Offset(i, t!.Value, int.MaxValue))
                : new SockFilter(code, (byte)Offset(i, t, 255), (byte)Offset(i, f, 255), k);
        }
        return program;
    }

    private int Offset(int from, Label? target, int max)
    {
        if (target is not { } label)
            return 0;
        var to = _labels[label.Id];
        if (to < 0)
            throw new InvalidOperationException($"BPF label {label.Id} was never placed");
        var offset = to - from - 1;
        if (offset < 0 || offset > max)
            throw new InvalidOperationException($"BPF jump from {from} to {to} is out of range");
        return offset;
    }
}
