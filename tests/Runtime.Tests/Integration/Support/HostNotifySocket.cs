using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// The host's sd_notify socket, as systemd holds it: an AF_UNIX datagram socket bound to a path
/// or to an abstract name ('@name'). A thread receives every datagram with the fds it carries;
/// the fd of BARRIER=1 is closed at once (systemd's acknowledgement) unless barriers are held.
/// </summary>
public sealed unsafe partial class HostNotifySocket : IDisposable
{
    public sealed record Message(string Text, int FdCount);

    private readonly int _fd;
    private readonly BlockingCollection<Message> _messages = new();
    private readonly ConcurrentBag<int> _heldFds = new();
    private readonly Thread _receiver;
    private volatile bool _stopping;

    /// <param name="address">A path, or '@' and an abstract name.</param>
    /// <param name="holdBarriers">Keep the barrier fds open (a host that never acknowledges).</param>
    public HostNotifySocket(string address, bool holdBarriers = false)
    {
        Address = address;
        HoldBarriers = holdBarriers;
        _fd = socket(1 /* AF_UNIX */, 2 /* SOCK_DGRAM */ | 0x80000 /* SOCK_CLOEXEC */, 0);
        if (_fd < 0)
            throw new XunitException($"socket: errno {Marshal.GetLastPInvokeError()}");
        var name = Encoding.UTF8.GetBytes(address.StartsWith('@') ? address[1..] : address);
        var sa = stackalloc byte[110];
        new Span<byte>(sa, 110).Clear();
        sa[0] = 1; // AF_UNIX
        name.CopyTo(new Span<byte>(sa + (address.StartsWith('@') ? 3 : 2), 107));
        // A path ends in a NUL, an abstract name starts with one: the same length either way.
        if (bind(_fd, sa, 3 + name.Length) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            close(_fd);
            throw new XunitException($"bind {address}: errno {errno}");
        }
        _receiver = new Thread(Receive) { IsBackground = true, Name = "host sd_notify" };
        _receiver.Start();
    }

    public string Address { get; }
    public bool HoldBarriers { get; }
    /// <summary>Set once a datagram carrying an fd (BARRIER=1) has arrived.</summary>
    public ManualResetEventSlim BarrierReceived { get; } = new();

    /// <summary>The environment that makes runcs use this socket.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = Address };

    /// <summary>The next datagram, or a test failure after timeout.</summary>
    public Message Next(TimeSpan timeout) =>
        _messages.TryTake(out var m, timeout) ? m : throw new XunitException($"no datagram reached {Address} within {timeout.TotalSeconds:0.#} s");

    /// <summary>Every datagram that arrives until none has for quiet.</summary>
    public List<Message> Drain(TimeSpan quiet)
    {
        var list = new List<Message>();
        while (_messages.TryTake(out var m, quiet))
            list.Add(m);
        return list;
    }

    /// <summary>Releases held barrier fds: the host acknowledges late.</summary>
    public void AcknowledgeHeldBarriers()
    {
        while (_heldFds.TryTake(out var fd))
            close(fd);
    }

    private void Receive()
    {
        var pfd = stackalloc int[2];
        while (!_stopping)
        {
            pfd[0] = _fd;
            pfd[1] = 1; // POLLIN
            if (poll(pfd, 1, 100) <= 0)
                continue;
            if (SocketMessage.Receive(_fd) is not { } m)
                continue;
            foreach (var fd in m.Fds)
            {
                if (HoldBarriers)
                    _heldFds.Add(fd);
                else
                    close(fd);
            }
            _messages.Add(new Message(m.Text, m.Fds.Count));
            if (m.Fds.Count > 0)
                BarrierReceived.Set();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _receiver.Join();
        AcknowledgeHeldBarriers();
        close(_fd);
        if (!Address.StartsWith('@'))
            File.Delete(Address);
    }

    [LibraryImport("libc", SetLastError = true)] private static partial int socket(int domain, int type, int protocol);
    [LibraryImport("libc", SetLastError = true)] private static partial int bind(int fd, byte* addr, int len);
    [LibraryImport("libc", SetLastError = true)] private static partial int poll(int* fds, nuint nfds, int timeout);
    [LibraryImport("libc")] private static partial int close(int fd);
}
