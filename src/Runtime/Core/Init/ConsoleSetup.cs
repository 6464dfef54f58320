using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Rootfs;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Terminal;

namespace Runc.Sharp.Runtime.Init;

/// <summary>
/// process.terminal: a pty from the container's devpts, the master sent over the console
/// socket (as runc does), the slave made /dev/console and the process's stdio.
/// </summary>
public static class ConsoleSetup
{
    public static void Attach(InitConfig cfg, bool mountConsole)
    {
        if (cfg.ConsoleSocketFd < 0)
            throw new RuntimeException("a terminal was requested but no console socket was given");
        using var pty = Pty.Open();
        pty.Resize(cfg.Process.ConsoleSize);
        if (mountConsole)
        {
            using var root = new SafePath(Fd.Open("/", LibC.O_PATH | LibC.O_DIRECTORY), "/");
            using (var console = root.CreateFile("/dev/console"))
                Syscalls.Mount(pty.Slave.ProcPath, console.ProcPath, null, MountFlags.MS_BIND, null, "/dev/console");
        }
        FdPassing.Send(cfg.ConsoleSocketFd, pty.Master.Value, "/dev/pts/ptmx");
        LibC.close(cfg.ConsoleSocketFd);
        pty.BecomeStdio();
    }
}
