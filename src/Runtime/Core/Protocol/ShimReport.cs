using System.Buffers.Binary;
using System.Text;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Protocol;

/// <summary>One message from the shim: the init's pid, or an error with errno.</summary>
public readonly record struct ShimReport(uint Type, int Value, string Text)
{
    public static ShimReport? Read(int fd)
    {
        Span<byte> header = stackalloc byte[12];
        if (!Syscalls.ReadExact(fd, header))
            return null;
        var type = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var value = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var len = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (len > ShimProtocol.SyncMsgMax)
            throw new SyscallException("read shim message", Errno.EINVAL);
        var text = new byte[len];
        if (len > 0 && !Syscalls.ReadExact(fd, text))
            throw new SyscallException("read", Errno.EPIPE, "(short message)");
        return new ShimReport(type, value, Encoding.UTF8.GetString(text));
    }
}
