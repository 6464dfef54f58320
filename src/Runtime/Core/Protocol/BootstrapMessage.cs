using System.Buffers.Binary;
using System.Text;

namespace Runc.Sharp.Runtime.Protocol;

/// <summary>Builds the TLV bootstrap message the shim parses (see protocol.h).</summary>
public sealed class BootstrapMessage
{
    private readonly MemoryStream _body = new();

    public BootstrapMessage U32(ushort type, uint value)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(v, value);
        return Attr(type, v);
    }

    public BootstrapMessage Text(ushort type, string value) => Attr(type, Encoding.UTF8.GetBytes(value));

    public BootstrapMessage NamespacePath(uint cloneFlag, string path)
    {
        var p = Encoding.UTF8.GetBytes(path);
        var payload = new byte[4 + p.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, cloneFlag);
        p.CopyTo(payload, 4);
        return Attr(ShimProtocol.AttrNsPath, payload);
    }

    private BootstrapMessage Attr(ushort type, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)payload.Length);
        _body.Write(header);
        _body.Write(payload);
        var pad = (4 - payload.Length % 4) % 4;
        for (var i = 0; i < pad; i++)
            _body.WriteByte(0);
        return this;
    }

    public byte[] ToArray()
    {
        var total = 8 + (int)_body.Length;
        if (total > ShimProtocol.BootstrapMax)
            throw new InvalidOperationException("bootstrap message too large");
        var result = new byte[total];
        BinaryPrimitives.WriteUInt32LittleEndian(result, ShimProtocol.BootstrapMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)total);
        _body.GetBuffer().AsSpan(0, (int)_body.Length).CopyTo(result.AsSpan(8));
        return result;
    }
}
