using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;
using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// The caller's side of --console-socket and --pidfd-socket (cli-contract §3.1, §3.2), as go-runc
/// and conmon do it: a SOCK_STREAM listener on a path; after the runtime command returns, accept
/// one connection and receive one message: some data, and ancillary data that must be exactly one
/// SCM_RIGHTS message carrying exactly one fd (go-runc's recvFd: oobn == CmsgSpace(4)).
/// </summary>
public sealed class FdSocket : IDisposable
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
        var m = SocketMessage.Receive((int)conn.Handle)
            ?? throw new XunitException($"recvmsg on the {_what} failed (errno {SocketMessage.Errno})");
        if (m.Length <= 0)
            throw new XunitException($"recvmsg on the {_what} returned {m.Length}");
        if (m.ControlLength != 24)
            throw new XunitException($"expected one SCM_RIGHTS cmsg with one fd (24 bytes of control data), got {m.ControlLength}");
        if (m.Level != 1 /* SOL_SOCKET */ || m.Type != 1 /* SCM_RIGHTS */ || m.CmsgLength != 20)
            throw new XunitException($"unexpected cmsg level {m.Level} type {m.Type} len {m.CmsgLength}");
        return (m.Text, new SafeFileHandle(m.Fds[0], ownsHandle: true));
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Path);
    }
}
