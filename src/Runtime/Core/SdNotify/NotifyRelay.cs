using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.SdNotify;

/// <summary>
/// runc's sd_notify pass-through for one start of a container: the socket in the container's
/// notify directory, bound before init is released so no early message is lost; the wait for
/// the container's READY= while init lives; and the READY line, MAINPID and a barrier sent to
/// the host's NOTIFY_SOCKET. Later messages are not passed on (runc neither).
/// </summary>
public sealed class NotifyRelay : IDisposable
{
    private const int MaxDatagram = 4096;

    private readonly UnixDatagramSocket _socket;
    private readonly string _host;
    private readonly int _initPid;
    private readonly ulong _initStartTime;
    private readonly Fd? _initExit;

    private NotifyRelay(UnixDatagramSocket socket, string host, int initPid, ulong initStartTime, Fd? initExit)
    {
        _socket = socket;
        _host = host;
        _initPid = initPid;
        _initStartTime = initStartTime;
        _initExit = initExit;
    }

    /// <summary>
    /// Binds the container's socket; null when the container was created without NOTIFY_SOCKET
    /// (nothing inside knows a socket to notify, so there is nothing to wait for).
    /// </summary>
    public static NotifyRelay? Bind(string stateDir, string host, int initPid, ulong initStartTime)
    {
        var path = Path.Combine(stateDir, ContainerNotifyDir.DirName);
        var fd = LibC.open(path, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            Log.Warning("NOTIFY_SOCKET is set, but the container was created without it: not waiting for READY=");
            return null;
        }
        using var dir = new Fd(fd);
        var socket = UnixDatagramSocket.BindAt(dir, ContainerNotifyDir.SocketName, 0b111_111_111,
            Path.Combine(path, ContainerNotifyDir.SocketName));
        return new NotifyRelay(socket, host, initPid, initStartTime, PidFd.TryOpen(initPid, initStartTime));
    }

    /// <summary>
    /// Waits for the container's READY= and passes it on with MAINPID=mainPid; false when init
    /// exited first, and then the host is told nothing (as runc). The host's socket is connected
    /// first, so an unreachable one fails before the wait.
    /// </summary>
    public bool ForwardReady(int mainPid)
    {
        using var host = UnixDatagramSocket.Connect(_host, "NOTIFY_SOCKET");
        var ready = AwaitReady();
        if (ready is null)
        {
            Log.Debug("container init exited before it sent READY=");
            return false;
        }
        foreach (var datagram in NotifyMessages.ForHost(ready, mainPid))
            host.Send(datagram, "to NOTIFY_SOCKET");
        NotifyBarrier.Await(host, NotifyBarrier.DefaultTimeout);
        return true;
    }

    /// <summary><see cref="ForwardReady"/> for `run`, where runc ignores the errors: they become warnings.</summary>
    public void ForwardReadyWarnOnly(int mainPid)
    {
        try
        {
            ForwardReady(mainPid);
        }
        catch (RuntimeException e)
        {
            Log.Warning($"sd_notify: {e.Message}");
        }
    }

    /// <summary>The READY line, or null once init has exited without one.</summary>
    private string? AwaitReady()
    {
        var buffer = new byte[MaxDatagram];
        Span<bool> ready = stackalloc bool[2];
        // With a pidfd init's exit wakes us; without one (old kernels) we look every 100 ms, as runc.
        var wait = _initExit is null ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
        var exited = false;
        while (true)
        {
            // Everything queued first: a READY sent just before init exited still counts.
            int n;
            while ((n = _socket.TryReceive(buffer, "sd_notify message")) >= 0)
            {
                if (NotifyMessages.ReadyLine(buffer.AsSpan(0, n)) is { } line)
                    return line;
            }
            if (exited)
                return null;
            Poll.WaitReadable([_socket.Value, _initExit?.Value ?? -1], wait, ready);
            exited = ready[1] || !ProcFs.IsAlive(_initPid, _initStartTime);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _initExit?.Dispose();
    }
}
