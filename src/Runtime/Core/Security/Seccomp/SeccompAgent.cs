using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Terminal;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>
/// The runtime's side of SCMP_ACT_NOTIFY (config-linux.md "listenerPath"): take init's listener
/// fd, let init go on, and hand the fd to the agent listening on listenerPath, with the
/// container process state as the message data, as runc does.
/// </summary>
public static class SeccompAgent
{
    /// <summary>A copy of the listener fd that init (pid) holds as fdInInit.</summary>
    public static int TakeListener(int pid, int fdInInit) => SeccompSyscalls.DuplicateFrom(pid, fdInInit);

    /// <summary>Connects to the agent and sends it the state with the listener fd; closes the fd.</summary>
    public static void Send(SeccompProgram program, int listener, int pid, ContainerState state)
    {
        try
        {
            var document = new ContainerProcessState
            {
                OciVersion = SpecVersion.Current,
                Fds = [ContainerProcessState.SeccompFdName],
                Pid = pid,
                Metadata = program.ListenerMetadata,
                State = state,
            };
            var path = program.ListenerPath ?? throw new RuntimeException("seccomp listenerPath is not set");
            int socket;
            try
            {
                socket = FdPassing.Connect(path, "seccomp agent");
            }
            catch (SyscallException e)
            {
                throw new RuntimeException($"failed to connect with seccomp agent specified in the seccomp profile: {e.Message}");
            }
            try
            {
                FdPassing.Send(socket, listener, SpecJson.WriteProcessState(document), "seccomp fd");
            }
            finally
            {
                LibC.close(socket);
            }
        }
        finally
        {
            LibC.close(listener);
        }
    }
}
