using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Execution;
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
        Rootless.CreatedInitAccess.CheckExec(record, status);

        var bundleConfig = TryLoadBundle(record.Bundle);
        var process = ExecProcessBuilder.Build(o, bundleConfig);
        UnsupportedSettings.CheckProcess(process);
        ExecutionSettings.Check(process, bundleConfig?.Linux);
        var terminal = process.Terminal == true;
        var console = ConsoleChannel.Open(terminal, o.Detach, consoleSocket);
        var consoleMaster = -1;
        if (!o.Detach)
            ForegroundProcess.BecomeSubreaper();
        InitProcess? init = null;
        try
        {
            var pass = Enumerable.Range(3, o.PreserveFds).ToList();
            if (console is not null)
                pass.Add(console.InitEnd);
            init = InitLauncher.Start(new LaunchRequest
            {
                IsExec = true,
                Joins = record.Namespaces
                    .Select(t => (NamespaceKinds.Flag(t), $"/proc/{record.InitPid}/ns/{NamespaceKinds.ProcName(t)}"))
                    .ToList(),
                PassFds = pass,
                BeforeBootstrap = pid =>
                {
                    CpuAffinityTransition.SetInitial(pid, process.ExecCpuAffinity);
                    ContainerCgroups.ForRecord(record)?.AddPid(pid, initPid: record.InitPid);
                    CpuAffinityTransition.Reset(pid);
                },
            });
            InitConfigTransfer.Send(init.Channel, new InitConfig
            {
                IsExec = true,
                ContainerId = record.Id,
                Bundle = record.Bundle,
                Config = bundleConfig ?? new RuntimeConfig(),
                Process = process,
                PreservedFds = o.PreserveFds,
                ConsoleSocketFd = console is not null ? init.FdBase + o.PreserveFds : -1,
                InUserNamespace = record.Namespaces.Contains(LinuxNamespaceTypes.User),
                Seccomp = record.Seccomp,
            });
            AwaitExec(init, record);
            consoleMaster = console?.ReceiveMaster() ?? -1;
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
            console?.Dispose();
        }
        if (pidFile is not null)
            PidFile.Write(pidFile, init.Pid);
        if (o.Detach)
            return 0;
        using var proxy = consoleMaster >= 0 ? new ConsoleProxy(consoleMaster) : null;
        var code = ForegroundProcess.Wait(init.Pid);
        proxy?.Drain(TimeSpan.FromSeconds(1));
        return code;
    }

    /// <summary>Ready (after the seccomp listener, if any), then EOF (the socket closes on a successful execve) or the exec error.</summary>
    private static void AwaitExec(InitProcess init, ContainerRecord record)
    {
        InitMessage first;
        while ((first = init.Channel.ReceiveMessage()
            ?? throw new RuntimeException("exec failed: the process exited before it was ready")).Type == InitMessage.SeccompListener)
        {
            SeccompHandoff.Handle(init, first, record.Seccomp, StateView.Oci(record, LifecycleStatus.Running));
        }
        if (first.Type == InitMessage.Error)
            throw new RuntimeException($"exec failed: unable to start container process: {first.Message}");
        var second = init.Channel.ReceiveMessage();
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
