using Runc.Sharp.Runtime.Execution;
using Runc.Sharp.Runtime.Namespaces;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Security;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Init;

/// <summary>The init of `exec`: already in the container's namespaces and cgroup; sets up the process.</summary>
public static class SetnsInit
{
    public static void Run(InitConfig cfg, MessageChannel channel)
    {
        var process = cfg.Process;
        if (process.Terminal == true)
            ConsoleSetup.Attach(cfg, mountConsole: false);
        else if (cfg.ConsoleSocketFd >= 0)
            LibC.close(cfg.ConsoleSocketFd);
        PidfdSetup.Send(cfg.PidfdSocketFd, PidfdSetup.Setns);
        Rlimits.Apply(process.Rlimits);
        var env = ProcessEnvironment.Build(process.Env, cfg.ExtraEnv, process.User?.Uid ?? 0, ProcessEnvironment.HomeInContainer);
        StandardInit.ChangeDirectory(process.Cwd);
        var args = process.Args ?? [];
        var path = PathLookup.Find(args.Count > 0 ? args[0] : "", env);
        ExecutionSettings.ApplyPrivileged(process, cfg.Config.Linux);
        ExecutionSettings.ApplyLast(process, cfg.Config.Linux, isExec: true);
        SeccompSetup.BeforeCredentials(cfg, channel);
        ProcessExec.SwitchUserAndCaps(process, setgroupsAllowed: SetgroupsPolicy.Allowed(cfg));
        LibC.umask(process.User?.Umask ?? 0b000_010_010);
        SeccompSetup.AfterCredentials(cfg, channel);
        channel.SendMessage(InitMessage.Of(InitMessage.Ready));
        ProcessExec.Exec(path, args, env, firstClosed: 3 + cfg.PreservedFds);
    }
}
