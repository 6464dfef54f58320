using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Terminal;

/// <summary>
/// A pseudo-terminal from the container's own devpts. The peer is taken with TIOCGPTPEER, not
/// by path, so /dev/pts cannot be raced into a symlink (CVE-2025-52565).
/// </summary>
public sealed unsafe class Pty(Fd master, Fd slave) : IDisposable
{
    private const uint TIOCSPTLCK = 0x40045431, TIOCGPTPEER = 0x5441, TIOCSWINSZ = 0x5414, TIOCSCTTY = 0x540E;

    public Fd Master { get; } = master;
    public Fd Slave { get; } = slave;

    public static Pty Open(string ptmx = "/dev/pts/ptmx")
    {
        var master = Fd.Open(ptmx, LibC.O_RDWR | LibC.O_NOCTTY);
        int unlock = 0;
        Syscalls.Check(LibC.ioctl(master.Value, TIOCSPTLCK, &unlock), "unlockpt");
        var peer = LibC.ioctl(master.Value, TIOCGPTPEER, (void*)(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC));
        Syscalls.Check(peer, "ioctl(TIOCGPTPEER)");
        return new Pty(master, new Fd(peer));
    }

    public void Resize(ConsoleSize? size)
    {
        if (size is null)
            return;
        var ws = stackalloc ushort[4];
        ws[0] = (ushort)size.Height;
        ws[1] = (ushort)size.Width;
        Syscalls.Check(LibC.ioctl(Slave.Value, TIOCSWINSZ, ws), "ioctl(TIOCSWINSZ)");
    }

    /// <summary>New session, the slave as controlling terminal and as stdin/stdout/stderr.</summary>
    public void BecomeStdio()
    {
        LibC.setsid();
        Syscalls.Check(LibC.ioctl(Slave.Value, TIOCSCTTY, null), "ioctl(TIOCSCTTY)");
        for (var fd = 0; fd < 3; fd++)
            Syscalls.Check(LibC.dup3(Slave.Value, fd, 0), "dup3", fd.ToString());
    }

    public void Dispose()
    {
        Master.Dispose();
        Slave.Dispose();
    }
}
