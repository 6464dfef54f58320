using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// One recvmsg(2) on an AF_UNIX socket as the callers of a runtime do it: the data, and what the
/// ancillary data held (its length, the first cmsg's header, the SCM_RIGHTS fds, made close-on-exec).
/// </summary>
internal sealed unsafe record SocketMessage(int Length, byte[] Data, long ControlLength, int Level, int Type, long CmsgLength, List<int> Fds)
{
    private const int SolSocket = 1, ScmRights = 1, CmsgHeader = 16;

    public string Text => System.Text.Encoding.UTF8.GetString(Data, 0, Length);

    /// <summary>The next message, or null when recvmsg fails (Errno then holds why).</summary>
    public static SocketMessage? Receive(int fd, int capacity = 4096)
    {
        var data = new byte[capacity];
        var control = stackalloc byte[64];
        new Span<byte>(control, 64).Clear();
        nint n;
        MsgHdr msg;
        fixed (byte* p = data)
        {
            var iov = new IoVec { Base = p, Len = (nuint)capacity };
            msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = 64 };
            n = recvmsg(fd, &msg, 0x40000000 /* MSG_CMSG_CLOEXEC */);
        }
        if (n < 0)
            return null;
        var cmsg = (CmsgHdr*)control;
        var fds = new List<int>();
        if ((long)msg.ControlLen >= CmsgHeader && cmsg->Level == SolSocket && cmsg->Type == ScmRights)
            for (var i = 0; i < ((int)cmsg->Len - CmsgHeader) / 4; i++)
                fds.Add(*(int*)(control + CmsgHeader + 4 * i));
        return new SocketMessage((int)n, data, (long)msg.ControlLen, cmsg->Level, cmsg->Type, (long)cmsg->Len, fds);
    }

    public static int Errno => Marshal.GetLastPInvokeError();

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Len;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLen;
        public IoVec* Iov;
        public nuint IovLen;
        public byte* Control;
        public nuint ControlLen;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CmsgHdr
    {
        public nuint Len;
        public int Level;
        public int Type;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint recvmsg(int sockfd, MsgHdr* msg, int flags);
}
