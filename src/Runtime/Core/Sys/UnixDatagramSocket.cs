using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>
/// An AF_UNIX datagram socket, close-on-exec: bound to a file to receive (without blocking), or
/// connected to an address (a path or an abstract '@name') to send.
/// </summary>
public sealed unsafe class UnixDatagramSocket : IDisposable
{
    private readonly Fd _fd;

    private UnixDatagramSocket(Fd fd) => _fd = fd;

    public int Value => _fd.Value;

    /// <summary>
    /// Binds a new socket as the file name in dir, then sets the file's mode. The bind goes
    /// through dir's fd, so neither the length nor the components of dir's path matter.
    /// </summary>
    public static UnixDatagramSocket BindAt(Fd dir, string name, uint mode, string describe)
    {
        var socket = Create();
        try
        {
            var address = UnixAddress.Encode($"{dir.ProcPath}/{name}");
            fixed (byte* p = address)
                Syscalls.Check(LibC.bind(socket.Value, p, address.Length), "bind", describe);
            Syscalls.Check(LibC.fchmodat(dir.Value, name, mode, 0), "chmod", describe);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static UnixDatagramSocket Connect(string address, string what)
    {
        var encoded = UnixAddress.Encode(address);
        var socket = Create();
        int r;
        fixed (byte* p = encoded)
            while ((r = LibC.connect(socket.Value, p, encoded.Length)) < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR)
            {
            }
        if (r < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            socket.Dispose();
            throw new SyscallException($"connect to {what}", errno, address);
        }
        return socket;
    }

    /// <summary>Sends one datagram on a connected socket (blocking while the receiver's queue is full).</summary>
    public void Send(ReadOnlySpan<byte> datagram, string what)
    {
        fixed (byte* p = datagram)
        {
            while (LibC.send(Value, p, datagram.Length, LibC.MSG_NOSIGNAL) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                    throw new SyscallException($"send {what}", errno);
            }
        }
    }

    /// <summary>The next datagram (truncated to buffer), or -1 when none is queued.</summary>
    public int TryReceive(Span<byte> buffer, string what)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = LibC.recv(Value, p, buffer.Length, LibC.MSG_DONTWAIT);
                if (n >= 0)
                    return (int)n;
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EAGAIN)
                    return -1;
                if (errno != Errno.EINTR)
                    throw new SyscallException($"receive {what}", errno);
            }
        }
    }

    public void Dispose() => _fd.Dispose();

    private static UnixDatagramSocket Create()
    {
        var fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        Syscalls.Check(fd, "socket");
        return new UnixDatagramSocket(new Fd(fd));
    }
}
