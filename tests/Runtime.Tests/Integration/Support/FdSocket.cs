using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// The caller's side of --console-socket and --pidfd-socket (cli-contract §3.1, §3.2), as go-runc
/// and conmon do it: a SOCK_STREAM listener on a path; after the runtime command returns, accept
/// one connection and receive one message: some data, and ancillary data that must be exactly one
/// SCM_RIGHTS message carrying exactly one fd (go-runc's recvFd: oobn == CmsgSpace(4)).
/// </summary>
public sealed unsafe class FdSocket : IDisposable
{
    private readonly Socket _listener;
    private readonly string _what;

    public FdSocket(string path, string what)
    {
        Path = path;
        _what = what;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(8);
    }

    public string Path { get; }

    /// <summary>True once the runtime has connected (without accepting).</summary>
    public bool HasConnection(TimeSpan timeout) => _listener.Poll((int)timeout.TotalMicroseconds, SelectMode.SelectRead);

    /// <summary>Accepts the runtime's connection and returns (the data it sent, the fd).</summary>
    public (string Data, SafeFileHandle Fd) Receive(TimeSpan timeout)
    {
        if (!HasConnection(timeout))
            throw new XunitException($"the runtime never connected to the {_what}");
        using var conn = _listener.Accept();
        var data = stackalloc byte[4096];
        var control = stackalloc byte[64];
        var iov = new IoVec { Base = data, Len = 4096 };
        var msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = 64 };
        var n = recvmsg((int)conn.Handle, &msg, 0x40000000 /* MSG_CMSG_CLOEXEC */);
        if (n <= 0)
            throw new XunitException($"recvmsg on the {_what} returned {n} (errno {Marshal.GetLastPInvokeError()})");
        if ((long)msg.ControlLen != 24)
            throw new XunitException($"expected one SCM_RIGHTS cmsg with one fd (24 bytes of control data), got {msg.ControlLen}");
        var cmsg = (CmsgHdr*)control;
        if (cmsg->Level != 1 /* SOL_SOCKET */ || cmsg->Type != 1 /* SCM_RIGHTS */ || (long)cmsg->Len != 20)
            throw new XunitException($"unexpected cmsg level {cmsg->Level} type {cmsg->Type} len {cmsg->Len}");
        var fd = *(int*)(control + 16);
        var text = System.Text.Encoding.UTF8.GetString(data, (int)n);
        return (text, new SafeFileHandle(fd, ownsHandle: true));
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Path);
    }

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
