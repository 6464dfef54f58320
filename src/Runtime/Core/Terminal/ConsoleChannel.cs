using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Terminal;

/// <summary>
/// Where init sends the pty master: the caller's --console-socket (detached), or a socketpair
/// of ours when we proxy the terminal in the foreground. runc's rules decide which is allowed.
/// </summary>
public sealed class ConsoleChannel : IDisposable
{
    private int _initEnd;
    private int _receiver;

    private ConsoleChannel(int initEnd, int receiver)
    {
        _initEnd = initEnd;
        _receiver = receiver;
    }

    /// <summary>The fd to hand to init, or -1 without a terminal.</summary>
    public int InitEnd => _initEnd;

    public static void CheckRules(bool terminal, bool detached, string? consoleSocket)
    {
        if (terminal && detached && consoleSocket is null)
            throw new RuntimeException("cannot allocate tty if runc will detach without setting console socket");
        if ((!terminal || !detached) && consoleSocket is not null)
            throw new RuntimeException("cannot use console socket if runc will not detach or allocate tty");
    }

    /// <summary>Checks the rules and connects; null when there is no terminal.</summary>
    public static ConsoleChannel? Open(bool terminal, bool detached, string? consoleSocket)
    {
        CheckRules(terminal, detached, consoleSocket);
        if (consoleSocket is not null)
            return new ConsoleChannel(FdPassing.Connect(consoleSocket), -1);
        if (!terminal)
            return null;
        var (receiver, initEnd) = Syscalls.SocketPair();
        return new ConsoleChannel(initEnd, receiver);
    }

    /// <summary>After init is ready: the master it sent us, or -1 when it went to the caller's socket.</summary>
    public int ReceiveMaster() => _receiver >= 0 ? FdPassing.Receive(_receiver) : -1;

    public void Dispose()
    {
        if (_initEnd >= 0)
            LibC.close(_initEnd);
        if (_receiver >= 0)
            LibC.close(_receiver);
        _initEnd = _receiver = -1;
    }
}
