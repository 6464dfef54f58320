using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Launch;

/// <summary>A started init (or exec) process, inside its namespaces, and the channel to it.</summary>
public sealed class InitProcess(int pid, MessageChannel channel, int fdBase) : IDisposable
{
    public int Pid { get; } = pid;
    public MessageChannel Channel { get; } = channel;
    /// <summary>The fd number init sees for PassFds[i] is FdBase + i.</summary>
    public int FdBase { get; } = fdBase;

    /// <summary>SIGKILL and reap: the cleanup path of a failed create or exec.</summary>
    public void KillAndReap()
    {
        Syscalls.Kill(Pid, 9);
        try
        {
            Syscalls.WaitPid(Pid, noHang: false);
        }
        catch (SyscallException)
        {
            // Not our child (adopted elsewhere): the kill is all we can do.
        }
    }

    public void Dispose() => Channel.Dispose();
}
