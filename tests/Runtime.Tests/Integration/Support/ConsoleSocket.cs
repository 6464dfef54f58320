using Microsoft.Win32.SafeHandles;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>The caller's side of --console-socket: the data is the pty's name, the fd its master.</summary>
public sealed class ConsoleSocket(string path) : IDisposable
{
    private readonly FdSocket _socket = new(path, "console socket");

    public string Path => _socket.Path;

    /// <summary>Accepts the runtime's connection and returns (the name it sent, the pty master).</summary>
    public (string Name, SafeFileHandle Master) ReceiveMaster(TimeSpan timeout) => _socket.Receive(timeout);

    public void Dispose() => _socket.Dispose();
}
