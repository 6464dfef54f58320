using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Init;

/// <summary>
/// Main of `runcs init` once the shim has put us in the namespaces: read the config from the
/// runtime, prepare, and exec the user's program. Never returns on success; any failure goes
/// back to the runtime as one message, which reports it.
/// </summary>
public static class InitEntry
{
    public static int Run(int stage, int syncFd)
    {
        using var channel = new MessageChannel(syncFd);
        try
        {
            var config = InitConfigTransfer.Receive(channel);
            if (config is null)
                return 1; // the runtime went away: nothing to report to
            if (stage == ShimProtocol.StageExec)
                SetnsInit.Run(config, channel);
            else
                StandardInit.Run(config, channel);
            return 1;
        }
        catch (Exception e)
        {
            // Every failure, even an unexpected one, becomes one line for the runtime to report.
            var message = e is RuntimeException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            try
            {
                channel.SendMessage(InitMessage.Of(InitMessage.Error, message));
            }
            catch (SyscallException)
            {
            }
            return 1;
        }
    }
}
