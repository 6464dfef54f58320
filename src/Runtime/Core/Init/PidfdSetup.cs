using System.Text;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Terminal;

namespace Runc.Sharp.Runtime.Init;

/// <summary>
/// --pidfd-socket, the process's side: a pidfd of this very process (the one that will execve the
/// user's program) goes to the caller in one message whose data says which kind of process it is,
/// "standard" for a container's init and "setns" for an exec'd one (runc's init types). The
/// socket is closed right after, so the user's program never holds it.
/// </summary>
public static class PidfdSetup
{
    public const string Standard = "standard";
    public const string Setns = "setns";

    /// <summary>Nothing when socketFd is -1 (no --pidfd-socket).</summary>
    public static void Send(int socketFd, string initType)
    {
        if (socketFd < 0)
            return;
        try
        {
            using var pidfd = PidFd.OpenSelf();
            FdPassing.Send(socketFd, pidfd.Value, Encoding.ASCII.GetBytes(initType), "pidfd");
        }
        catch (SyscallException e)
        {
            throw new RuntimeException($"failed to setup pidfd: {e.Message}", e);
        }
        finally
        {
            LibC.close(socketFd);
        }
    }
}
