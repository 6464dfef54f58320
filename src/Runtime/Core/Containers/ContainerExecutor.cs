using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Execution;
using Runc.Sharp.Runtime.Launch;
using Runc.Sharp.Runtime.Namespaces;
using Runc.Sharp.Runtime.NativeInit;
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
        var pidfdSocket = o.PidfdSocket is null ? null : Path.GetFullPath(o.PidfdSocket);
        var record = store.Load(o.Id);
        var status = ContainerInspector.Status(store, record);
        if (status == LifecycleStatus.Stopped)
            throw new RuntimeException("cannot exec in a stopped container");
        if (status == LifecycleStatus.Paused && !o.IgnorePaused)
            throw new RuntimeException("cannot exec in a paused container (use --ignore-paused to override)");
        Rootless.CreatedInitAccess.CheckExec(record, status);

        PhaseTrace.Mark("exec: state loaded");
        var bundle = TryLoadBundle(record.Bundle);
        PhaseTrace.Mark("exec: bundle loaded");
        var bundleConfig = bundle?.Config;
        var process = ExecProcessBuilder.Build(o, bundleConfig);
        UnsupportedSettings.CheckProcess(process);
        ExecutionSettings.Check(process, bundleConfig?.Linux);
        var cgroup = ContainerCgroups.ForRecord(record);
        var subCgroups = CheckSubCgroups(o.Cgroups, cgroup);
        var terminal = process.Terminal == true;
        var console = ConsoleChannel.Open(terminal, o.Detach, consoleSocket);
        PidfdSocket? pidfd = null;
        var consoleMaster = -1;
        if (!o.Detach)
            ForegroundProcess.BecomeSubreaper();
        InitProcess? init = null;
        try
        {
            pidfd = PidfdSocket.Connect(pidfdSocket);
            var pass = Enumerable.Range(3, o.PreserveFds).ToList();
            if (console is not null)
                pass.Add(console.InitEnd);
            var pidfdAt = pidfd is not null ? pass.Count : -1;
            if (pidfd is not null)
                pass.Add(pidfd.Fd);
            var whyNotNative = NativeInitSupport.WhyNotExec(process, bundleConfig?.Linux, record.Seccomp);
            Log.Debug(whyNotNative is null ? "exec: native" : $"exec: C# init, for {whyNotNative}");
            PhaseTrace.Mark("exec: launching");
            init = InitLauncher.Start(new LaunchRequest
            {
                IsExec = true,
                NativeInit = whyNotNative is null,
                Joins = record.Namespaces
                    .Select(t => (NamespaceKinds.Flag(t), $"/proc/{record.InitPid}/ns/{NamespaceKinds.ProcName(t)}"))
                    .ToList(),
                PassFds = pass,
                BeforeBootstrap = pid =>
                {
                    CpuAffinityTransition.SetInitial(pid, process.ExecCpuAffinity);
                    JoinCgroup(cgroup, pid, subCgroups, record.InitPid);
                    CpuAffinityTransition.Reset(pid);
                },
            });
            var initConfig = new InitConfig
            {
                IsExec = true,
                ContainerId = record.Id,
                Bundle = record.Bundle,
                Process = process,
                PreservedFds = o.PreserveFds,
                ConsoleSocketFd = console is not null ? init.FdBase + o.PreserveFds : -1,
                PidfdSocketFd = pidfdAt >= 0 ? init.FdBase + pidfdAt : -1,
                InUserNamespace = record.Namespaces.Contains(LinuxNamespaceTypes.User),
                Seccomp = record.Seccomp,
            };
            if (whyNotNative is null)
                SendPlan(init, initConfig, bundleConfig);
            else
                InitConfigTransfer.Send(init.Channel, initConfig, bundle is null ? "{}"u8 : bundle.Document);
            PhaseTrace.Mark("exec: plan or config sent");
            AwaitExec(init, record);
            PhaseTrace.Mark("exec: ready");
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
            pidfd?.Dispose();
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

    private static void SendPlan(InitProcess init, InitConfig c, RuntimeConfig? bundleConfig)
    {
        c.Config = bundleConfig ?? new RuntimeConfig();
        var plan = InitPlanBuilder.BuildExec(new InitPlanBuilder.Inputs
        {
            Init = c,
            SetgroupsAllowed = SetgroupsPolicy.Allowed(init.Pid, c.InUserNamespace, c.Config),
        });
        init.Channel.SendBytes(plan.ToArray());
    }

    /// <summary>
    /// exec --cgroup, checked before anything starts: its forms (runc's getSubCgroupPaths), then
    /// the controllers and paths against the container's cgroup directories. Null without it.
    /// </summary>
    private static SubCgroupPaths? CheckSubCgroups(IReadOnlyList<string> args, ICgroupManager? cgroup)
    {
        SubCgroupPaths? sub;
        try
        {
            sub = SubCgroupPaths.Parse(args);
        }
        catch (RuntimeException e)
        {
            throw new RuntimeException($"exec failed: {e.Message}", e);
        }
        try
        {
            sub?.Resolve(cgroup?.Paths ?? new Dictionary<string, string>());
        }
        catch (RuntimeException e)
        {
            throw new RuntimeException($"exec failed: unable to create new parent process: {e.Message}", e);
        }
        return sub;
    }

    /// <summary>The container's cgroup, or the sub-cgroups --cgroup names, which must exist (runc does not create them).</summary>
    private static void JoinCgroup(ICgroupManager? cgroup, int pid, SubCgroupPaths? subCgroups, int initPid)
    {
        try
        {
            cgroup?.AddPid(pid, subCgroups, initPid);
        }
        catch (RuntimeException e)
        {
            throw new RuntimeException($"exec failed: unable to start container process: error adding pid {pid} to cgroups: {e.Message}", e);
        }
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

    private static BundleConfig? TryLoadBundle(string bundle)
    {
        try
        {
            return BundleConfig.LoadForExec(bundle);
        }
        catch (RuntimeException)
        {
            return null;
        }
    }
}
