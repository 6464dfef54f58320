using System.Buffers.Binary;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Protocol;

/// <summary>
/// Length-prefixed JSON messages over the init socket, after the shim is done with it.
/// Both ends (runtime parent and C# init) use this one type.
/// </summary>
public sealed class MessageChannel(int fd) : IDisposable
{
    private const int MaxMessage = 16 << 20;

    public int Fd { get; } = fd;

    public void SendMessage(InitMessage message) => SendBytes(InitWire.Message(message));

    /// <summary>One frame of already-serialised bytes.</summary>
    public void SendBytes(byte[] body)
    {
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, body.Length);
        body.CopyTo(frame, 4);
        Syscalls.WriteAll(Fd, frame);
    }

    /// <summary>The next message, or null on EOF (the peer exited).</summary>
    public InitMessage? ReceiveMessage() => ReceiveBytes() is { } body ? InitWire.ReadMessage(body) : null;

    /// <summary>The next frame's bytes, or null on EOF.</summary>
    public byte[]? ReceiveBytes()
    {
        Span<byte> header = stackalloc byte[4];
        if (!Syscalls.ReadExact(Fd, header))
            return null;
        var len = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (len < 0 || len > MaxMessage)
            throw new SyscallException("read init message", Errno.EINVAL);
        var body = new byte[len];
        if (!Syscalls.ReadExact(Fd, body))
            throw new SyscallException("read init message", Errno.EPIPE);
        return body;
    }

    public void Dispose() => LibC.close(Fd);
}
