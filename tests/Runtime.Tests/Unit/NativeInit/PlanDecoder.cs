using System.Buffers.Binary;
using System.Text;
using FluentAssertions;
using Runc.Sharp.Runtime.Protocol;

namespace Runc.Sharp.Runtime.Tests.Unit.NativeInit;

/// <summary>Reads a native init plan back (the layout protocol.h gives): for asserting on what the builder wrote.</summary>
public sealed class PlanDecoder
{
    public sealed record Op(ushort Code, byte[] Payload)
    {
        private int _at;

        public uint U32()
        {
            var v = BinaryPrimitives.ReadUInt32LittleEndian(Payload.AsSpan(_at));
            _at += 4;
            return v;
        }

        public ulong U64()
        {
            var v = BinaryPrimitives.ReadUInt64LittleEndian(Payload.AsSpan(_at));
            _at += 8;
            return v;
        }

        public byte[] Bytes()
        {
            var n = (int)U32();
            var v = Payload.AsSpan(_at, n).ToArray();
            if (Payload[_at + n] != 0)
                throw new InvalidDataException("a str or bytes field without its NUL");
            _at += n + 1;
            return v;
        }

        public string Str() => Encoding.UTF8.GetString(Bytes());

        public bool AtEnd => _at == Payload.Length;
    }

    public uint Flags { get; }
    public List<Op> Ops { get; } = [];

    public PlanDecoder(byte[] plan)
    {
        BinaryPrimitives.ReadUInt32LittleEndian(plan).Should().Be(ShimProtocol.PlanMagic);
        Flags = BinaryPrimitives.ReadUInt32LittleEndian(plan.AsSpan(4));
        var at = 8;
        while (at < plan.Length)
        {
            var code = BinaryPrimitives.ReadUInt16LittleEndian(plan.AsSpan(at));
            var len = (int)BinaryPrimitives.ReadUInt32LittleEndian(plan.AsSpan(at + 4));
            Ops.Add(new Op(code, plan.AsSpan(at + 8, len).ToArray()));
            at += 8 + (len + 3) / 4 * 4;
        }
        at.Should().Be(plan.Length, "ops are padded to 4 bytes and end with the plan");
    }

    public List<ushort> Codes => Ops.Select(o => o.Code).ToList();

    public IEnumerable<Op> All(ushort code) => Ops.Where(o => o.Code == code).Select(o => o with { });

    public int IndexOf(ushort code) => Codes.IndexOf(code);

    /// <summary>The MOUNT_IN_ROOT ops as (kind, flags, source, dest, fstype, data).</summary>
    public List<(uint Kind, ulong Flags, string Source, string Dest, string FsType, string Data)> MountsInRoot() =>
        All(ShimProtocol.OpMountInRoot).Select(o => (o.U32(), o.U64(), o.Str(), o.Str(), o.Str(), o.Str())).ToList();
}
