using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Launch;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// Init's "seccompListener" message, for create and exec alike: copy the listener fd out of
/// init, let init go on (it waits for the agent by itself if it hits a notify rule), then
/// hand the fd to the agent with the state of the container.
/// </summary>
public static class SeccompHandoff
{
    public static void Handle(InitProcess init, InitMessage message, SeccompProgram? program, ContainerState state)
    {
        if (program is not { HasListener: true } || message.Fd is not { } fdInInit)
            throw new RuntimeException("unexpected seccomp listener message from init");
        var listener = SeccompAgent.TakeListener(init.Pid, fdInInit);
        try
        {
            init.Channel.SendMessage(InitMessage.Of(InitMessage.SeccompDone));
        }
        catch
        {
            Sys.LibC.close(listener);
            throw;
        }
        SeccompAgent.Send(program, listener, init.Pid, state);
    }
}
