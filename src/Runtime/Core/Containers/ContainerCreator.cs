using Runc.Sharp.Runtime.Cgroups;
using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Execution;
using Runc.Sharp.Runtime.OciHooks;
using Runc.Sharp.Runtime.Launch;
using Runc.Sharp.Runtime.Namespaces;
using Runc.Sharp.Runtime.NativeInit;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Rootfs;
using Runc.Sharp.Runtime.Rootless;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Terminal;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// `create`: from a bundle to a container in the created state, or to nothing at all. On any
/// failure the init process, the state directory (and later the cgroup) are removed again.
/// </summary>
public static class ContainerCreator
{
    /// <summary>The created container; ConsoleMaster is the pty master of a foreground terminal, else -1.</summary>
    public sealed record Result(ContainerRecord Record, InitProcess Init, int ConsoleMaster);

    public static Result Create(StateStore store, CreateOptions o)
    {
        var id = ContainerId.Validate(o.Id);
        var pidFile = o.PidFile is null ? null : Path.GetFullPath(o.PidFile);
        var consoleSocket = o.ConsoleSocket is null ? null : Path.GetFullPath(o.ConsoleSocket);
        var pidfdSocket = o.PidfdSocket is null ? null : Path.GetFullPath(o.PidfdSocket);
        var bundle = EnterBundle(o.Bundle);
        PhaseTrace.Mark("create: args parsed");
        var bundleConfig = BundleConfig.LoadWithoutSchema(bundle, o.SystemdCgroup);
        var config = bundleConfig.Config;
        PhaseTrace.Mark("create: config loaded");
        var process = config.Process ?? throw new RuntimeException("config.json: process is required to create a container");
        ConsoleChannel.CheckRules(process.Terminal == true, !o.Foreground, consoleSocket);
        UnsupportedSettings.Check(config, process);
        ExecutionSettings.Check(process, config.Linux);
        var idMapped = IdMappedSources.Check(config);
        var identity = RuntimeIdentity.Current();
        RootlessConfigCheck.Check(config, identity);
        if (config.Root is null || string.IsNullOrEmpty(config.Root.Path))
            throw new RuntimeException("config.json: root.path is required");
        var rootfs = Path.GetFullPath(config.Root.Path, bundle);
        if (!Directory.Exists(rootfs))
            throw new RuntimeException($"rootfs ({rootfs}) does not exist");
        if (store.Exists(id))
            throw new RuntimeException("container with given ID already exists");
        // Checked now, before anything exists; compiled (tens of ms of libseccomp) on another
        // thread while the container is set up and init starts.
        var seccompCompiling = config.Linux?.Seccomp is { } profile ? CompileInBackground(SeccompCompiler.Prepare(profile, bundle)) : null;

        var dir = store.CreateDir(id);
        InitProcess? init = null;
        ICgroupManager? cgroup = null;
        var fifoFd = -1;
        ConsoleChannel? console = null;
        PidfdSocket? pidfd = null;
        var consoleMaster = -1;
        try
        {
            fifoFd = MakeExecFifo(dir);
            using var notifyDir = o.NotifySocket is null ? null : SdNotify.ContainerNotifyDir.Prepare(dir, process);
            console = ConsoleChannel.Open(process.Terminal == true, !o.Foreground, consoleSocket);
            pidfd = PidfdSocket.Connect(pidfdSocket);
            var plan = NamespacePlan.From(config.Linux);
            cgroup = ContainerCgroups.ForNew(config, id, o.SystemdCgroup, o.RootlessCgroups);
            var resources = ContainerCgroups.EffectiveResources(config);
            var listen = ListenFds.FromEnvironment();
            var preserved = listen.Count + o.PreserveFds;
            var pass = Enumerable.Range(3, preserved).Append(fifoFd).ToList();
            if (console is not null)
                pass.Add(console.InitEnd);
            var pidfdAt = pidfd is not null ? pass.Count : -1;
            if (pidfd is not null)
                pass.Add(pidfd.Fd);
            var maps = plan.Creates(LinuxNamespaceTypes.User) ? UserNamespaceMaps.For(config.Linux, identity) : UserNamespaceMaps.None;
            var whyNotNative = NativeInitSupport.WhyNot(config, process);
            Log.Debug(whyNotNative is null ? "init: native" : $"init: C# init, for {whyNotNative}");

            PhaseTrace.Mark("create: launching init");
            init = InitLauncher.Start(new LaunchRequest
            {
                // Init makes the cgroup namespace itself once it is in its cgroup (JoinCgroup below),
                // so the namespace's root is the container's cgroup.
                CloneFlags = plan.CloneFlags & ~NamespaceKinds.CLONE_NEWCGROUP,
                Joins = plan.Joins,
                UidMap = maps.UidMap,
                GidMap = maps.GidMap,
                SetgroupsDeny = maps.SetgroupsDeny,
                UidMapTool = maps.UidMapTool,
                GidMapTool = maps.GidMapTool,
                TimeOffsets = TimeOffsetsText(config.Linux),
                OomScoreAdj = process.OomScoreAdj,
                PassFds = notifyDir is null ? pass : [.. pass, notifyDir.Value],
                NativeInit = whyNotNative is null,
            });
            PhaseTrace.Mark("create: init pid known");
            JoinCgroup(cgroup, resources, init.Pid);
            // The schema check is the costly part of loading: it overlaps with init's start-up.
            PhaseTrace.Mark("create: init launched");
            bundleConfig.RequireSchemaValid();
            PhaseTrace.Mark("create: schema checked");
            var seccomp = seccompCompiling?.GetAwaiter().GetResult();
            if (seccomp is not null)
                PhaseTrace.Mark("create: seccomp joined");
            var initConfig = new InitConfig
            {
                ContainerId = id,
                Bundle = bundle,
                Rootfs = rootfs,
                Process = process,
                NoPivot = o.NoPivot,
                NoNewKeyring = o.NoNewKeyring,
                PreservedFds = preserved,
                ExecFifoFd = init.FdBase + preserved,
                ConsoleSocketFd = console is not null ? init.FdBase + preserved + 1 : -1,
                PidfdSocketFd = pidfdAt >= 0 ? init.FdBase + pidfdAt : -1,
                ExtraEnv = listen.Env,
                InUserNamespace = plan.Has(LinuxNamespaceTypes.User),
                NewCgroupNamespace = plan.Creates(LinuxNamespaceTypes.Cgroup),
                NotifyDirFd = notifyDir is null ? -1 : init.FdBase + pass.Count,
                Seccomp = seccomp,
            };
            if (whyNotNative is null)
                SendPlan(init, initConfig, config);
            else
                SendConfig(init, initConfig, bundleConfig, IdMappedSources.Create(idMapped, bundle, init.Pid));
            AwaitReady(init, config, id, bundle, seccomp);
            PhaseTrace.Mark("create: init ready");
            consoleMaster = console?.ReceiveMaster() ?? -1;

            var record = NewRecord(id, bundle, rootfs, config, plan, init.Pid, o);
            record.Seccomp = seccomp;
            ContainerCgroups.SaveTo(record, cgroup, config.Linux?.CgroupsPath);
            store.Save(record);
            if (pidFile is not null)
                PidFile.Write(pidFile, init.Pid);
            return new Result(record, init, consoleMaster);
        }
        catch
        {
            init?.KillAndReap();
            init?.Dispose();
            DestroyQuietly(cgroup);
            store.RemoveDir(id);
            // runtime.md lifecycle: a failed create continues at destroy (step 12), then poststop (13).
            if (init is not null)
                HookRunner.RunWarnOnly("poststop", config.Hooks?.Poststop, ContainerState.Of(id, ContainerStatus.Stopped, init.Pid, bundle, config.Annotations));
            if (consoleMaster >= 0)
                LibC.close(consoleMaster);
            throw;
        }
        finally
        {
            if (fifoFd >= 0)
                LibC.close(fifoFd);
            console?.Dispose();
            pidfd?.Dispose();
        }
    }

    /// <summary>
    /// Into the cgroup with its limits set, while init's runtime starts up but before it has its
    /// config, so before any of the container's code or mounts. Creating a v1 cpuset cgroup waits
    /// for an RCU grace period (milliseconds): done here, that wait overlaps init's start-up.
    /// </summary>
    private static void JoinCgroup(ICgroupManager cgroup, LinuxResources resources, int initPid)
    {
        cgroup.Apply(initPid, resources);
        cgroup.Set(resources);
        CpuAffinityTransition.Reset(initPid);
    }

    /// <summary>The native init's whole work as one plan, built from what C# init would have been sent.</summary>
    private static void SendPlan(InitProcess init, InitConfig c, RuntimeConfig config)
    {
        c.Config = config;
        var plan = InitPlanBuilder.Build(new InitPlanBuilder.Inputs
        {
            Init = c,
            Hierarchies = () => HostCgroups.Hierarchies(init.Pid),
            SetgroupsAllowed = SetgroupsPolicy.Allowed(init.Pid, c.InUserNamespace, config),
        });
        init.Channel.SendBytes(plan.ToArray());
        PhaseTrace.Mark("create: plan sent");
    }

    /// <summary>The init config, then in one message the idmapped mounts it announces.</summary>
    private static void SendConfig(InitProcess init, InitConfig initConfig, BundleConfig bundleConfig, List<Fd> idMapped)
    {
        try
        {
            initConfig.IdMappedSources = idMapped.Count;
            InitConfigTransfer.Send(init.Channel, initConfig, bundleConfig.Document);
            if (idMapped.Count > 0)
                FdPassing.SendMany(init.Channel.Fd, idMapped.Select(f => f.Value).ToList(), "idmapped mounts");
        }
        finally
        {
            idMapped.ForEach(f => f.Dispose());
        }
    }

    private static Task<SeccompProgram> CompileInBackground(SeccompCompiler compiler) => Task.Run(() =>
    {
        var program = compiler.Compile();
        PhaseTrace.Mark("create: seccomp compiled");
        return program;
    });

    private static void DestroyQuietly(ICgroupManager? cgroup)
    {
        try
        {
            cgroup?.Destroy();
        }
        catch (RuntimeException e)
        {
            Log.Warning($"remove cgroup: {e.Message}");
        }
    }

    /// <summary>runc chdirs into the bundle; the state reports the kernel-resolved path.</summary>
    private static string EnterBundle(string bundle)
    {
        try
        {
            Directory.SetCurrentDirectory(string.IsNullOrEmpty(bundle) ? "." : bundle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"bundle {bundle}: {e.Message}");
        }
        return Directory.GetCurrentDirectory();
    }

    private static int MakeExecFifo(string dir)
    {
        var path = Path.Combine(dir, StateStore.ExecFifo);
        var old = LibC.umask(0);
        var r = LibC.mkfifo(path, 0b110_010_010);
        LibC.umask(old);
        Syscalls.Check(r, "mkfifo", path);
        return Fd.Open(path, LibC.O_PATH).Release();
    }

    private static void AwaitReady(InitProcess init, RuntimeConfig config, string id, string bundle, SeccompProgram? seccomp)
    {
        while (true)
        {
            var msg = init.Channel.ReceiveMessage()
                ?? throw new RuntimeException("unable to start container process: init exited before it was ready");
            switch (msg.Type)
            {
                case InitMessage.Ready:
                    return;
                case InitMessage.Error:
                    throw new RuntimeException($"unable to start container process: error during container init: {msg.Message}");
                case InitMessage.RunHooks:
                    RunRuntimeHooks(init, config, id, bundle);
                    break;
                case InitMessage.SeccompListener:
                    SeccompHandoff.Handle(init, msg, seccomp, CreatingState(init, config, id, bundle));
                    break;
                default:
                    throw new RuntimeException($"unable to start container process: unexpected message {msg.Type}");
            }
        }
    }

    /// <summary>prestart and createRuntime hooks: in the runtime's namespaces, while init waits.</summary>
    private static void RunRuntimeHooks(InitProcess init, RuntimeConfig config, string id, string bundle)
    {
        var state = CreatingState(init, config, id, bundle);
        try
        {
            HookRunner.Run("prestart", config.Hooks?.Prestart, state);
            HookRunner.Run("createRuntime", config.Hooks?.CreateRuntime, state);
        }
        catch (RuntimeException e)
        {
            init.Channel.SendMessage(InitMessage.Of(InitMessage.Error, e.Message));
            throw;
        }
        init.Channel.SendMessage(InitMessage.Of(InitMessage.HooksDone));
    }

    private static ContainerState CreatingState(InitProcess init, RuntimeConfig config, string id, string bundle) =>
        ContainerState.Of(id, ContainerStatus.Creating, init.Pid, bundle, config.Annotations);

    private static string? TimeOffsetsText(LinuxConfig? linux)
    {
        if (linux?.TimeOffsets is not { Count: > 0 } offsets)
            return null;
        return string.Concat(offsets.Select(kv => $"{kv.Key} {kv.Value.Secs ?? 0} {kv.Value.Nanosecs ?? 0}\n"));
    }

    private static ContainerRecord NewRecord(string id, string bundle, string rootfs, RuntimeConfig config,
        NamespacePlan plan, int pid, CreateOptions o)
    {
        var labels = new List<string> { $"bundle={bundle}" };
        foreach (var (k, v) in config.Annotations ?? [])
            labels.Add($"{k}={v}");
        var nsPaths = plan.Types.ToDictionary(t => t, t => $"/proc/{pid}/ns/{NamespaceKinds.ProcName(t)}");
        return new ContainerRecord
        {
            Id = id,
            InitPid = pid,
            InitStartTime = ProcFs.Stat(pid)?.StartTime ?? 0,
            Created = Timestamps.Rfc3339Nano(DateTime.UtcNow),
            Config = new RecordConfig { Rootfs = rootfs, Labels = labels, NoPivotRoot = o.NoPivot },
            NamespacePaths = nsPaths,
            Bundle = bundle,
            Rootfs = rootfs,
            Annotations = config.Annotations,
            Namespaces = plan.Types,
            PrivatePidNamespace = plan.Creates(LinuxNamespaceTypes.Pid),
            SystemdCgroup = o.SystemdCgroup,
            Rootless = o.RootlessCgroups,
            Hooks = config.Hooks,
            OwnerUid = LibC.geteuid(),
        };
    }
}
