using System.Buffers.Binary;

namespace Runc.Sharp.Runtime.Cgroups.Devices;

/// <summary>
/// One eBPF instruction (struct bpf_insn: u8 code, u4 dst, u4 src, s16 off, s32 imm), with just
/// the opcodes a device filter needs. ToString prints the cilium/ebpf notation runc's tests use.
/// </summary>
internal readonly record struct BpfInstruction(byte Code, byte Dst, byte Src, short Offset, int Imm)
{
    // Classes, sizes, modes, operations and sources from linux/bpf_common.h and linux/bpf.h.
    private const byte LDX = 0x01, ALU = 0x04, JMP = 0x05;
    private const byte W = 0x00, MEM = 0x60;
    private const byte AND = 0x50, RSH = 0x70, MOV = 0xb0, JNE = 0x50, EXIT = 0x90;
    private const byte K = 0x00, X = 0x08;

    public const int Size = 8;

    public static BpfInstruction LoadWord(byte dst, byte src, short offset) => new((byte)(LDX | MEM | W), dst, src, offset, 0);
    public static BpfInstruction AndImm32(byte dst, int imm) => new((byte)(ALU | AND | K), dst, 0, 0, imm);
    public static BpfInstruction RShImm32(byte dst, int imm) => new((byte)(ALU | RSH | K), dst, 0, 0, imm);
    public static BpfInstruction MovReg32(byte dst, byte src) => new((byte)(ALU | MOV | X), dst, src, 0, 0);
    public static BpfInstruction MovImm32(byte dst, int imm) => new((byte)(ALU | MOV | K), dst, 0, 0, imm);
    public static BpfInstruction JneImm(byte dst, int imm, short offset) => new((byte)(JMP | JNE | K), dst, 0, offset, imm);
    public static BpfInstruction JneReg(byte dst, byte src, short offset) => new((byte)(JMP | JNE | X), dst, src, offset, 0);
    public static BpfInstruction Exit() => new((byte)(JMP | EXIT), 0, 0, 0, 0);

    public bool IsJump => Code is (JMP | JNE | K) or (JMP | JNE | X);

    public BpfInstruction WithOffset(short offset) => this with { Offset = offset };

    public void Encode(Span<byte> into)
    {
        into[0] = Code;
        into[1] = (byte)((Src << 4) | (Dst & 0x0f));
        BinaryPrimitives.WriteInt16LittleEndian(into[2..], Offset);
        BinaryPrimitives.WriteInt32LittleEndian(into[4..], Imm);
    }

    public static byte[] Encode(IReadOnlyList<BpfInstruction> program)
    {
        var bytes = new byte[program.Count * Size];
        for (var i = 0; i < program.Count; i++)
            program[i].Encode(bytes.AsSpan(i * Size, Size));
        return bytes;
    }

    public override string ToString() => Code switch
    {
        LDX | MEM | W => $"LdXMemW dst: r{Dst} src: r{Src} off: {Offset} imm: {Imm}",
        ALU | AND | K => $"AndImm32 dst: r{Dst} imm: {Imm}",
        ALU | RSH | K => $"RShImm32 dst: r{Dst} imm: {Imm}",
        ALU | MOV | X => $"MovReg32 dst: r{Dst} src: r{Src}",
        ALU | MOV | K => $"MovImm32 dst: r{Dst} imm: {Imm}",
        JMP | JNE | K => $"JNEImm dst: r{Dst} off: {Offset} imm: {Imm}",
        JMP | JNE | X => $"JNEReg dst: r{Dst} off: {Offset} src: r{Src}",
        JMP | EXIT => "Exit",
        _ => $"Code 0x{Code:x2} dst: r{Dst} src: r{Src} off: {Offset} imm: {Imm}",
    };
}
