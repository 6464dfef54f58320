using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Init;

/// <summary>
/// Loads the container's filter on this thread (the one that will execve) where runc does:
/// without noNewPrivileges, loading needs CAP_SYS_ADMIN, so before capabilities are dropped;
/// with it, after the switch of user and capabilities, so that as few syscalls as possible
/// run under the filter before execve. A notify listener goes to the runtime before init
/// goes on: init only writes its fd number (write can never be a notify rule) and the runtime
/// takes a copy with pidfd_getfd.
/// </summary>
public static class SeccompSetup
{
    /// <summary>Call before dropping capabilities.</summary>
    public static void BeforeCredentials(InitConfig cfg, MessageChannel channel)
    {
        if (cfg.Process.NoNewPrivileges != true)
            Load(cfg, channel);
    }

    /// <summary>Call after the user and capabilities are set (and no_new_privs with them).</summary>
    public static void AfterCredentials(InitConfig cfg, MessageChannel channel)
    {
        if (cfg.Process.NoNewPrivileges == true)
            Load(cfg, channel);
    }

    private static void Load(InitConfig cfg, MessageChannel channel)
    {
        if (cfg.Seccomp is not { } program)
            return;
        var listener = SeccompSyscalls.LoadFilter(program.Filter, program.Flags);
        PhaseTrace.Mark("init: seccomp loaded");
        if (listener < 0)
            return;
        channel.SendMessage(new InitMessage { Type = InitMessage.SeccompListener, Fd = listener });
        var reply = channel.ReceiveMessage()
            ?? throw new RuntimeException("the runtime went away while taking the seccomp listener");
        if (reply.Type != InitMessage.SeccompDone)
            throw new RuntimeException(reply.Message ?? "the runtime could not take the seccomp listener");
        LibC.close(listener);
    }
}
