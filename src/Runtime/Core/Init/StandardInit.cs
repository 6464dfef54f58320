using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Execution;
using Runc.Sharp.Runtime.Namespaces;
using Runc.Sharp.Runtime.OciHooks;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Rootfs;
using Runc.Sharp.Runtime.Security;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Terminal;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Init;

/// <summary>The init of a new container, as an ordered list of steps (runtime.md "create").</summary>
public static class StandardInit
{
    public static void Run(InitConfig cfg, MessageChannel channel)
    {
        var config = cfg.Config;
        var process = cfg.Process;
        LibC.umask(0);
        if (cfg.NewCgroupNamespace)
            Syscalls.Check(LibC.unshare((int)NamespaceKinds.CLONE_NEWCGROUP), "unshare the cgroup namespace");
        var procDir = InitProcHandle.TryOpenPrivate();

        PhaseTrace.Mark("init: config received");
        var idMapped = cfg.IdMappedSources > 0 ? FdPassing.ReceiveMany(channel.Fd, cfg.IdMappedSources, "idmapped mounts") : [];
        RootfsBuilder.Prepare(cfg, idMapped);
        PhaseTrace.Mark("init: mounts done");
        RequestRuntimeHooks(config, channel);
        HookRunner.Run("createContainer", config.Hooks?.CreateContainer, HookState.Of(cfg, ContainerStatus.Creating));
        RootfsBuilder.SwitchRoot(cfg);
        procDir ??= InitProcHandle.OpenContainerProc();
        // Before Finish: it makes the readonlyPaths (/proc/sys in the default spec) read-only.
        Sysctls.Apply(config.Linux?.Sysctl);
        RootfsBuilder.Finish(cfg);

        if (!string.IsNullOrEmpty(config.Hostname))
            Syscalls.Check(LibC.sethostname(config.Hostname, System.Text.Encoding.UTF8.GetByteCount(config.Hostname)), "sethostname", config.Hostname);
        if (!string.IsNullOrEmpty(config.Domainname))
            Syscalls.Check(LibC.setdomainname(config.Domainname, System.Text.Encoding.UTF8.GetByteCount(config.Domainname)), "setdomainname", config.Domainname);

        if (process.Terminal == true)
            ConsoleSetup.Attach(cfg, mountConsole: true);
        else if (cfg.ConsoleSocketFd >= 0)
            LibC.close(cfg.ConsoleSocketFd);
        PidfdSetup.Send(cfg.PidfdSocketFd, PidfdSetup.Standard);

        Rlimits.Apply(process.Rlimits);
        var env = ProcessEnvironment.Build(process.Env, cfg.ExtraEnv, process.User?.Uid ?? 0, ProcessEnvironment.HomeInContainer);
        ChangeDirectory(process.Cwd);
        var args = process.Args ?? [];
        if (args.Count == 0)
            throw new RuntimeException("process.args must not be empty");
        var path = PathLookup.Find(args[0], env);
        using var exitOnSignals = ExecFifo.ExitOnTerminatingSignals(cfg.ExecFifoFd);
        ExecutionSettings.ApplyPrivileged(process, config.Linux);
        ExecutionSettings.ApplyLast(process, config.Linux, isExec: false);
        SeccompSetup.BeforeCredentials(cfg, channel);
        ProcessExec.SwitchUserAndCaps(process, setgroupsAllowed: SetgroupsPolicy.Allowed(cfg));
        if (process.User?.Umask is { } umask)
            LibC.umask(umask);
        else
            LibC.umask(0b000_010_010);
        SeccompSetup.AfterCredentials(cfg, channel);

        PhaseTrace.Mark("init: ready");
        channel.SendMessage(InitMessage.Of(InitMessage.Ready));
        ExecFifo.WaitForStart(procDir, cfg.ExecFifoFd,
            () => HookRunner.Run("startContainer", config.Hooks?.StartContainer, HookState.Of(cfg, ContainerStatus.Created)));
        procDir.Dispose();
        PhaseTrace.Mark("init: exec");
        ProcessExec.Exec(path, args, env, firstClosed: 3 + cfg.PreservedFds);
    }

    private static void RequestRuntimeHooks(RuntimeConfig config, MessageChannel channel)
    {
        if ((config.Hooks?.Prestart?.Count ?? 0) == 0 && (config.Hooks?.CreateRuntime?.Count ?? 0) == 0)
            return;
        channel.SendMessage(InitMessage.Of(InitMessage.RunHooks));
        var reply = channel.ReceiveMessage()
            ?? throw new RuntimeException("the runtime went away while running hooks");
        if (reply.Type != InitMessage.HooksDone)
            throw new RuntimeException(reply.Message ?? "hooks failed");
    }

    public static void ChangeDirectory(string cwd)
    {
        if (string.IsNullOrEmpty(cwd))
            cwd = "/";
        if (!Directory.Exists(cwd))
            Directory.CreateDirectory(cwd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Syscalls.Chdir(cwd);
        // After chdir the working directory must be inside our root (CVE-2024-21626).
        var actual = Directory.GetCurrentDirectory();
        if (!actual.StartsWith('/'))
            throw new RuntimeException($"current working directory {cwd} is outside of the container root");
    }
}
