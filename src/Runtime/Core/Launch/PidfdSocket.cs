using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Terminal;

namespace Runc.Sharp.Runtime.Launch;

/// <summary>
/// --pidfd-socket, the runtime's side: connected before the process starts and handed to it, so a
/// bad path fails before anything exists. The new process itself sends a pidfd of itself over it
/// (Init.PidfdSetup), as runc does: opened from inside, the pidfd is that process whatever pid
/// namespace it is in, and no pid is ever looked up (a pid the runtime knows could have been
/// reaped and reused by the time it opened one; a pidfd opened by the process cannot).
/// </summary>
public sealed class PidfdSocket : IDisposable
{
    private PidfdSocket(int fd) => Fd = fd;

    /// <summary>The connected socket (close-on-exec here; init gets its own copy).</summary>
    public int Fd { get; private set; }

    /// <summary>Connects to the caller's listener; null without --pidfd-socket.</summary>
    public static PidfdSocket? Connect(string? path) =>
        path is null ? null : new PidfdSocket(FdPassing.Connect(path, "pidfd socket"));

    public void Dispose()
    {
        if (Fd >= 0)
            LibC.close(Fd);
        Fd = -1;
    }
}
