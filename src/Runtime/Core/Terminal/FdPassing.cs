using System.Runtime.InteropServices;
using System.Text;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Terminal;

/// <summary>
/// Sends one fd over an AF_UNIX socket the way runc's console socket does: one sendmsg, the
/// name as data (never empty), exactly one SCM_RIGHTS message carrying exactly one fd.
/// </summary>
public static unsafe class FdPassing
{
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public void* Base;
        public nuint Len;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLen;
        public IoVec* Iov;
        public nuint IovLen;
        public void* Control;
        public nuint ControlLen;
        public int Flags;
    }

    public static void Send(int socket, int fd, string name) =>
        Send(socket, fd, Encoding.UTF8.GetBytes(name.Length == 0 ? "fd" : name), "console fd");

    /// <summary>One sendmsg: data (never empty) with exactly one SCM_RIGHTS message carrying fd.</summary>
    public static void Send(int socket, int fd, ReadOnlySpan<byte> data, string what)
    {
        // cmsghdr { size_t len; int level; int type; } + one int, padded: CMSG_SPACE(4) = 24.
        var control = stackalloc byte[24];
        new Span<byte>(control, 24).Clear();
        *(nuint*)control = 20; // CMSG_LEN(sizeof(int))
        *(int*)(control + 8) = 1; // SOL_SOCKET
        *(int*)(control + 12) = 1; // SCM_RIGHTS
        *(int*)(control + 16) = fd;
        fixed (byte* p = data)
        {
            var iov = new IoVec { Base = p, Len = (nuint)data.Length };
            var msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = 24 };
            while (LibC.sendmsg(socket, &msg, 0) < 0)
            {
                if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                    throw SyscallException.FromLastError($"send {what}");
            }
        }
    }

    /// <summary>Receives one fd sent with <see cref="Send"/>; the inverse of the console-socket protocol.</summary>
    public static int Receive(int socket)
    {
        var data = stackalloc byte[4096];
        var control = stackalloc byte[24];
        new Span<byte>(control, 24).Clear();
        var iov = new IoVec { Base = data, Len = 4096 };
        var msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = 24 };
        while (LibC.recvmsg(socket, &msg, 0x40000000 /* MSG_CMSG_CLOEXEC */) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                throw SyscallException.FromLastError("receive console fd");
        }
        if (msg.ControlLen < 20 || *(int*)(control + 8) != 1 || *(int*)(control + 12) != 1)
            throw new SyscallException("receive console fd", Errno.EIO, "(no fd in the message)");
        return *(int*)(control + 16);
    }

    /// <summary>Sends several fds in one message (one byte of data, one SCM_RIGHTS message).</summary>
    public static void SendMany(int socket, IReadOnlyList<int> fds, string what)
    {
        var space = ControlSpace(fds.Count);
        var control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        *(nuint*)control = (nuint)(16 + 4 * fds.Count); // CMSG_LEN
        *(int*)(control + 8) = 1; // SOL_SOCKET
        *(int*)(control + 12) = 1; // SCM_RIGHTS
        for (var i = 0; i < fds.Count; i++)
            *(int*)(control + 16 + 4 * i) = fds[i];
        byte data = (byte)'f';
        var iov = new IoVec { Base = &data, Len = 1 };
        var msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = (nuint)space };
        while (LibC.sendmsg(socket, &msg, 0) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                throw SyscallException.FromLastError("send " + what);
        }
    }

    /// <summary>Receives exactly count fds sent with <see cref="SendMany"/>, close-on-exec.</summary>
    public static int[] ReceiveMany(int socket, int count, string what)
    {
        var space = ControlSpace(count);
        var control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        byte data;
        var iov = new IoVec { Base = &data, Len = 1 };
        var msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = (nuint)space };
        nint n;
        while ((n = LibC.recvmsg(socket, &msg, 0x40000000 /* MSG_CMSG_CLOEXEC */)) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                throw SyscallException.FromLastError("receive " + what);
        }
        var isRights = msg.ControlLen >= 16 && *(int*)(control + 8) == 1 && *(int*)(control + 12) == 1;
        var received = isRights ? (int)((*(nuint*)control - 16) / 4) : 0;
        if (n != 1 || received != count)
        {
            for (var i = 0; i < received; i++)
                LibC.close(*(int*)(control + 16 + 4 * i));
            throw new SyscallException("receive " + what, Errno.EIO, $"(expected {count} fds, got {received})");
        }
        var fds = new int[count];
        for (var i = 0; i < count; i++)
            fds[i] = *(int*)(control + 16 + 4 * i);
        return fds;
    }

    /// <summary>CMSG_SPACE for count ints: the 16-byte header and the data rounded up to 8 bytes.</summary>
    private static int ControlSpace(int count)
    {
        if (count is < 1 or > 253)
            throw new ArgumentOutOfRangeException(nameof(count), "one message carries 1 to 253 fds");
        return 16 + (4 * count + 7) / 8 * 8;
    }

    /// <summary>Connects a SOCK_STREAM AF_UNIX socket to a filesystem path.</summary>
    public static int Connect(string path, string what = "console socket")
    {
        var bytes = Encoding.UTF8.GetBytes(path);
        if (bytes.Length >= 108)
            throw new SyscallException("connect", Errno.EINVAL, path + " (path too long for a socket)");
        var fd = LibC.socket(1, 1 | 0x80000, 0);
        Syscalls.Check(fd, "socket");
        var addr = stackalloc byte[110];
        new Span<byte>(addr, 110).Clear();
        *(ushort*)addr = 1; // AF_UNIX
        bytes.CopyTo(new Span<byte>(addr + 2, 108));
        if (LibC.connect(fd, addr, 2 + bytes.Length + 1) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            LibC.close(fd);
            throw new SyscallException($"connect to {what}", errno, path);
        }
        return fd;
    }
}
