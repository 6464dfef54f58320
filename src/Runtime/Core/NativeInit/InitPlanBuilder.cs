using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Rootfs;
using Runc.Sharp.Runtime.Security;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.NativeInit;

/// <summary>
/// A container's init as a plan for the native init: the steps of C# init's StandardInit, in its
/// order, for a config <see cref="NativeInitSupport"/> accepted.
/// </summary>
public static class InitPlanBuilder
{
    public sealed record Inputs
    {
        /// <summary>What C# init would have been sent, its Config included (for exec, the bundle's, maybe empty).</summary>
        public required InitConfig Init { get; init; }
        /// <summary>Init's cgroup hierarchies; asked only when the config has a cgroup mount.</summary>
        public Func<List<HostCgroups.Hierarchy>> Hierarchies { get; init; } = () => [];
        /// <summary>Whether init may call setgroups (its user namespace's setgroups file).</summary>
        public bool SetgroupsAllowed { get; init; } = true;
        public int LastCap { get; init; } = CapabilityNames.LastCap();
    }

    public static InitPlanWriter Build(Inputs i)
    {
        var plan = new InitPlanWriter(i.Init.InUserNamespace ? ShimProtocol.PlanInUserns : 0);
        var config = i.Init.Config;
        plan.Op(ShimProtocol.OpUmask, f => f.U32(0));
        if (i.Init.NewCgroupNamespace)
            plan.Op(ShimProtocol.OpUnshareCgroupns);
        plan.Op(ShimProtocol.OpOpenPrivateProc);

        RootfsPlan.Prepare(plan, config, i.Init.Rootfs, i.Init.Bundle, i.Init.InUserNamespace, i.Init.NewCgroupNamespace, i.Hierarchies, i.Init.NotifyDirFd);
        if ((config.Hooks?.Prestart?.Count ?? 0) > 0 || (config.Hooks?.CreateRuntime?.Count ?? 0) > 0)
            plan.Op(ShimProtocol.OpRunHooks);
        RootfsPlan.SwitchRoot(plan, i.Init.Rootfs, i.Init.NoPivot);
        plan.Op(ShimProtocol.OpOpenContainerProc);
        // Before Finish: it makes the readonlyPaths (/proc/sys in the default spec) read-only.
        Sysctls(plan, config.Linux?.Sysctl);
        RootfsPlan.Finish(plan, config);

        if (!string.IsNullOrEmpty(config.Hostname))
            plan.Op(ShimProtocol.OpHostname, f => f.Str(config.Hostname));
        if (!string.IsNullOrEmpty(config.Domainname))
            plan.Op(ShimProtocol.OpDomainname, f => f.Str(config.Domainname));
        Console(plan, i, mountConsole: true);
        Pidfd(plan, i, "standard");

        ProcessSteps(plan, i, isExec: false);
        return plan;
    }

    /// <summary>`exec`: SetnsInit's steps, for a process already in the container's namespaces and cgroup.</summary>
    public static InitPlanWriter BuildExec(Inputs i)
    {
        var plan = new InitPlanWriter(i.Init.InUserNamespace ? ShimProtocol.PlanInUserns : 0);
        Console(plan, i, mountConsole: false);
        Pidfd(plan, i, "setns");
        ProcessSteps(plan, i, isExec: true);
        return plan;
    }

    /// <summary>From the rlimits to execve, shared by a container's init and exec.</summary>
    private static void ProcessSteps(InitPlanWriter plan, Inputs i, bool isExec)
    {
        var process = i.Init.Process;
        Rlimits(plan, process.Rlimits);
        foreach (var e in (process.Env ?? []).Concat(i.Init.ExtraEnv))
            if (e.Contains('='))
                plan.Op(ShimProtocol.OpEnv, f => f.Str(e));
        var uid = process.User?.Uid ?? 0;
        plan.Op(ShimProtocol.OpDefaultHome, f => f.U32(uid));
        plan.Op(ShimProtocol.OpCwd, f => f.Str(process.Cwd));
        var args = process.Args ?? [];
        if (args.Count == 0)
            plan.Fail(isExec ? "exec: \"\": executable file not found in $PATH" : "process.args must not be empty");
        foreach (var a in args)
            plan.Op(ShimProtocol.OpArg, f => f.Str(a));
        plan.Op(ShimProtocol.OpLookup);
        if (!isExec)
            plan.Op(ShimProtocol.OpExitOnSignals);

        var noNewPrivileges = process.NoNewPrivileges == true;
        // Without no_new_privs, loading a filter needs CAP_SYS_ADMIN: before capabilities drop.
        if (!noNewPrivileges)
            Seccomp(plan, i.Init.Seccomp);
        UserAndCapabilities(plan, process, i.SetgroupsAllowed, i.LastCap);
        plan.Op(ShimProtocol.OpUmask, f => f.U32(process.User?.Umask ?? 0b000_010_010));
        if (noNewPrivileges)
            Seccomp(plan, i.Init.Seccomp);

        plan.Op(ShimProtocol.OpReady);
        if (!isExec)
            plan.Op(ShimProtocol.OpWaitStart, f => f.U32((uint)i.Init.ExecFifoFd));
        plan.Op(ShimProtocol.OpExec, f => f.U32((uint)(3 + i.Init.PreservedFds)));
    }

    /// <summary>process.terminal: a pty whose master goes over the console socket; else that socket is closed.</summary>
    private static void Console(InitPlanWriter plan, Inputs i, bool mountConsole)
    {
        if (i.Init.Process.Terminal == true)
        {
            var size = i.Init.Process.ConsoleSize;
            plan.Op(ShimProtocol.OpConsole, f => f.U32((uint)i.Init.ConsoleSocketFd).U32(mountConsole ? 1u : 0u)
                .U32(size is null ? 0u : 1u).U32((ushort)(size?.Height ?? 0)).U32((ushort)(size?.Width ?? 0)));
        }
        else if (i.Init.ConsoleSocketFd >= 0)
        {
            plan.Op(ShimProtocol.OpCloseFd, f => f.U32((uint)i.Init.ConsoleSocketFd));
        }
    }

    /// <summary>--pidfd-socket: a pidfd of the process that execs, sent with what it is (runc's init types).</summary>
    private static void Pidfd(InitPlanWriter plan, Inputs i, string initType)
    {
        if (i.Init.PidfdSocketFd >= 0)
            plan.Op(ShimProtocol.OpSendPidfd, f => f.U32((uint)i.Init.PidfdSocketFd).Str(initType));
    }

    private static void Sysctls(InitPlanWriter plan, Dictionary<string, string>? sysctls)
    {
        foreach (var (key, value) in sysctls ?? [])
        {
            if (Init.Sysctls.RelativePath(key) is not { } relative)
            {
                plan.Fail(Init.Sysctls.InvalidName(key));
                return;
            }
            plan.Op(ShimProtocol.OpSysctl, f => f.Str(key).Str(relative).Str(value));
        }
    }

    private static void Rlimits(InitPlanWriter plan, List<Rlimit>? limits)
    {
        foreach (var l in limits ?? [])
        {
            int number;
            try
            {
                number = Security.Rlimits.Number(l.Type);
            }
            catch (Diagnostics.RuntimeException e)
            {
                plan.Fail(e.Message);
                return;
            }
            plan.Op(ShimProtocol.OpRlimit, f => f.U32((uint)number).U64(l.Soft).U64(l.Hard).Str(Security.Rlimits.ShortName(l.Type)));
        }
    }

    private static void Seccomp(InitPlanWriter plan, SeccompProgram? program)
    {
        if (program is null)
            return;
        if (program.ListenerPath is not null)
            plan.Fail("native init: a seccomp notify listener needs C# init");
        plan.Op(ShimProtocol.OpSeccomp, f => f.U32(program.Flags).Bytes(program.Filter));
    }

    private static void UserAndCapabilities(InitPlanWriter plan, Process process, bool setgroupsAllowed, int lastCap)
    {
        var sets = CapabilitySetter.Resolve(process.Capabilities);
        plan.Op(ShimProtocol.OpDropBounding, f => f.U64(sets.Bounding).U32((uint)lastCap));
        var groups = process.User?.AdditionalGids ?? [];
        if (!setgroupsAllowed && groups.Count > 0)
            plan.Fail("cannot set additional gids: setgroups is denied in this user namespace");
        plan.Op(ShimProtocol.OpSetUser, f =>
        {
            f.U32(process.User?.Uid ?? 0).U32(process.User?.Gid ?? 0).U32(setgroupsAllowed ? 1u : 0u);
            var sent = setgroupsAllowed ? groups : [];
            f.U32((uint)sent.Count);
            foreach (var g in sent)
                f.U32(g);
        });
        plan.Op(ShimProtocol.OpSetCaps, f => f.U64(sets.Effective).U64(sets.Permitted).U64(sets.Inheritable).U64(sets.Ambient));
        if (process.NoNewPrivileges == true)
            plan.Op(ShimProtocol.OpNoNewPrivs);
    }
}
