using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;
using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// A minimal seccomp agent: listens on linux.seccomp.listenerPath, receives the runtime's
/// message (ContainerProcessState JSON as data, the listener fd as SCM_RIGHTS; the same shape
/// as a console-socket message) and answers notifications with ioctl(SECCOMP_IOCTL_NOTIF_*).
/// </summary>
public sealed unsafe partial class SeccompAgentSocket(string path) : IDisposable
{
    // _IOWR('!', 0, struct seccomp_notif) and _IOWR('!', 1, struct seccomp_notif_resp).
    private const uint NotifRecv = 0xc0502100, NotifSend = 0xc0182101;
    private const int NotifSize = 80, RespSize = 24;

    private readonly ConsoleSocket _socket = new(path);

    public string Path => _socket.Path;

    /// <summary>The next runtime connection: the parsed state document and the listener fd.</summary>
    public (JsonObject State, SafeFileHandle Listener) Receive(TimeSpan timeout)
    {
        var (text, fd) = _socket.ReceiveMaster(timeout);
        return (JsonNode.Parse(text)!.AsObject(), fd);
    }

    /// <summary>Waits for one notification and makes the syscall fail with errno; returns who called what.</summary>
    public static (int Pid, int Nr) FailNext(SafeFileHandle listener, int errno, TimeSpan timeout)
    {
        var fd = (int)listener.DangerousGetHandle();
        var pfd = stackalloc int[2];
        pfd[0] = fd;
        pfd[1] = 1; // events = POLLIN
        if (poll(pfd, 1, (int)timeout.TotalMilliseconds) != 1)
            throw new XunitException("no seccomp notification arrived");
        var notif = stackalloc byte[NotifSize];
        new Span<byte>(notif, NotifSize).Clear();
        if (ioctl(fd, NotifRecv, notif) < 0)
            throw new XunitException($"SECCOMP_IOCTL_NOTIF_RECV failed: errno {Marshal.GetLastPInvokeError()}");
        var span = new ReadOnlySpan<byte>(notif, NotifSize);
        var id = BinaryPrimitives.ReadUInt64LittleEndian(span);
        var pid = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
        var nr = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        var resp = stackalloc byte[RespSize];
        var r = new Span<byte>(resp, RespSize);
        r.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(r, id);
        BinaryPrimitives.WriteInt32LittleEndian(r[16..], -errno);
        if (ioctl(fd, NotifSend, resp) < 0)
            throw new XunitException($"SECCOMP_IOCTL_NOTIF_SEND failed: errno {Marshal.GetLastPInvokeError()}");
        return (pid, nr);
    }

    public void Dispose() => _socket.Dispose();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int poll(int* fds, nuint nfds, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(int fd, nuint request, void* arg);
}
