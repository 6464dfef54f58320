using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Launch;
using Runc.Sharp.Runtime.Namespaces;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Terminal;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>`exec`: a new process in a running (or created) container's namespaces.</summary>
public static class ContainerExecutor
{
    public static int Exec(StateStore store, ExecOptions o)
    {
        var pidFile = o.PidFile is null ? null : Path.GetFullPath(o.PidFile);
        var consoleSocket = o.ConsoleSocket is null ? null : Path.GetFullPath(o.ConsoleSocket);
        var record = store.Load(o.Id);
        var status = ContainerInspector.Status(store, record);
        if (status == LifecycleStatus.Stopped)
            throw new RuntimeException("cannot exec in a stopped container");
        if (status == LifecycleStatus.Paused && !o.IgnorePaused)
            throw new RuntimeException("cannot exec in a paused container (use --ignore-paused to override)");

        var bundleConfig = TryLoadBundle(record.Bundle);
        var process = ExecProcessBuilder.Build(o, bundleConfig);
        UnsupportedSettings.CheckProcess(process);
        var terminal = process.Terminal == true;
        if (terminal && o.Detach && consoleSocket is null)
            throw new RuntimeException("cannot allocate tty if runc will detach without setting console socket");
        if ((!terminal || !o.Detach) && consoleSocket is not null)
            throw new RuntimeException("cannot use console socket if runc will not detach or allocate tty");
        var consoleFd = -1;
        var consoleReceiver = -1;
        var consoleMaster = -1;
        if (consoleSocket is not null)
            consoleFd = FdPassing.Connect(consoleSocket);
        else if (terminal)
            (consoleReceiver, consoleFd) = Syscalls.SocketPair();
        if (!o.Detach)
            ForegroundProcess.BecomeSubreaper();
        InitProcess? init = null;
        try
        {
            var pass = Enumerable.Range(3, o.PreserveFds).ToList();
            if (consoleFd >= 0)
                pass.Add(consoleFd);
            init = InitLauncher.Start(new LaunchRequest
            {
                IsExec = true,
                Joins = record.Namespaces
                    .Select(t => (NamespaceKinds.Flag(t), $"/proc/{record.InitPid}/ns/{NamespaceKinds.ProcName(t)}"))
                    .ToList(),
                PassFds = pass,
                BeforeBootstrap = pid => ContainerCgroups.ForRecord(record)?.AddPid(pid),
            });
            init.Channel.Send(new InitConfig
            {
                IsExec = true,
                ContainerId = record.Id,
                Bundle = record.Bundle,
                Config = bundleConfig ?? new RuntimeConfig(),
                Process = process,
                PreservedFds = o.PreserveFds,
                ConsoleSocketFd = consoleFd >= 0 ? init.FdBase + o.PreserveFds : -1,
                InUserNamespace = record.Namespaces.Contains(LinuxNamespaceTypes.User),
            }, ProtocolJsonContext.Default.InitConfig);
            AwaitExec(init);
            if (consoleReceiver >= 0)
                consoleMaster = FdPassing.Receive(consoleReceiver);
        }
        catch
        {
            init?.KillAndReap();
            if (consoleMaster >= 0)
                LibC.close(consoleMaster);
            throw;
        }
        finally
        {
            init?.Dispose();
            if (consoleFd >= 0)
                LibC.close(consoleFd);
            if (consoleReceiver >= 0)
                LibC.close(consoleReceiver);
        }
        if (pidFile is not null)
            PidFile.Write(pidFile, init.Pid);
        if (o.Detach)
            return 0;
        using var console = consoleMaster >= 0 ? new ConsoleProxy(consoleMaster) : null;
        var code = ForegroundProcess.Wait(init.Pid);
        console?.Drain(TimeSpan.FromSeconds(1));
        return code;
    }

    /// <summary>Ready, then EOF (the socket closes on a successful execve) or the exec error.</summary>
    private static void AwaitExec(InitProcess init)
    {
        var first = init.Channel.Receive(ProtocolJsonContext.Default.InitMessage)
            ?? throw new RuntimeException("exec failed: the process exited before it was ready");
        if (first.Type == InitMessage.Error)
            throw new RuntimeException($"exec failed: unable to start container process: {first.Message}");
        var second = init.Channel.Receive(ProtocolJsonContext.Default.InitMessage);
        if (second?.Type == InitMessage.Error)
            throw new RuntimeException($"exec failed: unable to start container process: {second.Message}");
    }

    private static RuntimeConfig? TryLoadBundle(string bundle)
    {
        try
        {
            return BundleConfig.Load(bundle);
        }
        catch (RuntimeException)
        {
            return null;
        }
    }
}
