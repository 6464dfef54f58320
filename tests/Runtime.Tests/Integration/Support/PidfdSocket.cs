using Microsoft.Win32.SafeHandles;
using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// The caller's side of --pidfd-socket, as go-runc's pidfd.go: one message whose data is runc's
/// init type ("standard" or "setns") and whose fd is a pidfd of the new process. What the pidfd
/// refers to is read back from the kernel (fdinfo), not taken on trust.
/// </summary>
public sealed class PidfdSocket(string path) : IDisposable
{
    private readonly FdSocket _socket = new(path, "pidfd socket");

    public string Path => _socket.Path;

    public bool HasConnection(TimeSpan timeout) => _socket.HasConnection(timeout);

    public (string Kind, Pidfd Pidfd) Receive(TimeSpan timeout)
    {
        var (data, fd) = _socket.Receive(timeout);
        return (data, new Pidfd(fd));
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>A received pidfd: the pid the kernel says it names, a signal through it, its exit.</summary>
public sealed class Pidfd(SafeFileHandle handle) : IDisposable
{
    private int Fd => (int)handle.DangerousGetHandle();

    /// <summary>"Pid:" of /proc/self/fdinfo: the process's pid in our namespace (-1 once it has exited).</summary>
    public int Pid
    {
        get
        {
            var info = File.ReadAllLines($"/proc/self/fdinfo/{Fd}");
            var line = info.FirstOrDefault(l => l.StartsWith("Pid:"))
                ?? throw new XunitException($"fd {Fd} is not a pidfd: {string.Join(" | ", info)}");
            return int.Parse(line["Pid:".Length..].Trim());
        }
    }

    /// <summary>The pid in each namespace from ours down to the process's own ("NSpid:").</summary>
    public int[] NamespacePids =>
        File.ReadAllLines($"/proc/self/fdinfo/{Fd}").First(l => l.StartsWith("NSpid:"))["NSpid:".Length..]
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

    public void SendSignal(int signal)
    {
        if (Native.pidfd_send_signal(Fd, signal) != 0)
            throw new XunitException($"pidfd_send_signal failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    /// <summary>A pidfd polls readable once its process has exited.</summary>
    public bool WaitForExit(TimeSpan timeout) => Native.PollReadable(Fd, (int)timeout.TotalMilliseconds);

    public void Dispose() => handle.Dispose();
}
