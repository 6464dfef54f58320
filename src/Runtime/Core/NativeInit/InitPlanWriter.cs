using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Runc.Sharp.Runtime.Protocol;

namespace Runc.Sharp.Runtime.NativeInit;

/// <summary>
/// The binary plan the native init runs (protocol.h): a header, then ops of u32, u64, str and
/// bytes fields, each op padded to 4 bytes.
/// </summary>
public sealed class InitPlanWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public InitPlanWriter(uint flags)
    {
        U32(ShimProtocol.PlanMagic);
        U32(flags);
    }

    public InitPlanWriter Op(ushort code, Action<Fields>? fields = null)
    {
        var payload = new Fields();
        fields?.Invoke(payload);
        var body = payload.Written;
        U32(code);
        U32((uint)body.Length);
        _buffer.Write(body);
        var pad = (4 - body.Length % 4) % 4;
        _buffer.Write(new byte[pad]);
        return this;
    }

    /// <summary>The error C# init would report at this point of its steps: the native init reports it there too.</summary>
    public InitPlanWriter Fail(string message) => Op(ShimProtocol.OpFail, f => f.Str(message));

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void U32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public sealed class Fields
    {
        private readonly ArrayBufferWriter<byte> _bytes = new(64);

        internal ReadOnlySpan<byte> Written => _bytes.WrittenSpan;

        public Fields U32(uint value)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_bytes.GetSpan(4), value);
            _bytes.Advance(4);
            return this;
        }

        public Fields U64(ulong value)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_bytes.GetSpan(8), value);
            _bytes.Advance(8);
            return this;
        }

        /// <summary>null and "" are the same on the wire: the native side reads "" as NULL where a syscall takes one.</summary>
        public Fields Str(string? value) => Bytes(Encoding.UTF8.GetBytes(value ?? ""));

        public Fields Bytes(ReadOnlySpan<byte> value)
        {
            U32((uint)value.Length);
            _bytes.Write(value);
            _bytes.GetSpan(1)[0] = 0;
            _bytes.Advance(1);
            return this;
        }
    }
}
