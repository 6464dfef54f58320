using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Terminal;

/// <summary>
/// A foreground container's terminal on ours: our tty in raw mode, bytes copied both ways
/// between it and the pty master, window size kept in step (also on SIGWINCH), restored on
/// dispose.
/// </summary>
public sealed unsafe class ConsoleProxy : IDisposable
{
    private const uint TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;
    private const int TermiosSize = 60;
    private readonly int _master;
    private readonly byte[]? _savedTermios;
    private readonly PosixSignalRegistration? _winch;
    private readonly Thread _output;

    public ConsoleProxy(int master)
    {
        _master = master;
        if (LibC.isatty(0) == 1)
        {
            _savedTermios = new byte[TermiosSize];
            fixed (byte* t = _savedTermios)
            {
                if (LibC.tcgetattr(0, t) == 0)
                {
                    var raw = stackalloc byte[TermiosSize];
                    new Span<byte>(t, TermiosSize).CopyTo(new Span<byte>(raw, TermiosSize));
                    LibC.cfmakeraw(raw);
                    LibC.tcsetattr(0, 0 /* TCSANOW */, raw);
                }
                else
                    _savedTermios = null;
            }
            CopyWindowSize();
            _winch = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, ctx =>
            {
                ctx.Cancel = true;
                CopyWindowSize();
            });
        }
        _output = new Thread(() => Pump(_master, 1)) { IsBackground = true, Name = "console-out" };
        _output.Start();
        new Thread(() => Pump(0, _master)) { IsBackground = true, Name = "console-in" }.Start();
    }

    /// <summary>Waits until the container side closed (its output fully copied).</summary>
    public void Drain(TimeSpan timeout) => _output.Join(timeout);

    private void CopyWindowSize()
    {
        var ws = stackalloc ushort[4];
        if (LibC.ioctl(0, TIOCGWINSZ, ws) == 0)
            LibC.ioctl(_master, TIOCSWINSZ, ws);
    }

    private static void Pump(int from, int to)
    {
        var buffer = new byte[16384];
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = LibC.read(from, p, buffer.Length);
                if (n <= 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Errno.EINTR && n < 0)
                    continue;
                if (n <= 0)
                    return;
                try
                {
                    Syscalls.WriteAll(to, new ReadOnlySpan<byte>(p, (int)n));
                }
                catch (SyscallException)
                {
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        _winch?.Dispose();
        if (_savedTermios is not null)
            fixed (byte* t = _savedTermios)
                LibC.tcsetattr(0, 0, t);
        LibC.close(_master);
    }
}
