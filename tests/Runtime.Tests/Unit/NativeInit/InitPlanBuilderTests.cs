using FluentAssertions;
using Runc.Sharp.Runtime.NativeInit;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Rootfs;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Defaults;
using Runc.Sharp.Spec.Model;
using Xunit;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.Tests.Unit.NativeInit;

/// <summary>The plan the runtime computes for the native init: C# init's steps, in its order.</summary>
public sealed class InitPlanBuilderTests
{
    private static readonly List<HostCgroups.Hierarchy> V1 =
    [
        new("/sys/fs/cgroup/cpu,cpuacct", "cgroup", "cpu,cpuacct", "c1"),
        new("/sys/fs/cgroup/memory", "cgroup", "memory", "c1"),
    ];

    private static PlanDecoder Build(RuntimeConfig config, bool userns = false,
        bool cgroupns = false, bool setgroups = true, SeccompProgram? seccomp = null, bool noPivot = false)
    {
        var inputs = new InitPlanBuilder.Inputs
        {
            Init = new InitConfig
            {
                Config = config,
                Process = config.Process!,
                Rootfs = "/bundle/rootfs",
                Bundle = "/bundle",
                NoPivot = noPivot,
                InUserNamespace = userns,
                NewCgroupNamespace = cgroupns,
                PreservedFds = 2,
                ExecFifoFd = 5,
                Seccomp = seccomp,
            },
            Hierarchies = () => V1,
            SetgroupsAllowed = setgroups,
            LastCap = 40,
        };
        return new PlanDecoder(InitPlanBuilder.Build(inputs).ToArray());
    }

    private static RuntimeConfig Spec() => DefaultSpec.Create(rootless: false);

    [Fact]
    public void The_default_spec_runs_in_C_inits_order()
    {
        var plan = Build(Spec());
        var codes = plan.Codes;

        codes[0].Should().Be(ShimProtocol.OpUmask);
        string[] landmarks = ["OpOpenPrivateProc", "OpMount", "OpOpenRoot", "OpMountInRoot", "OpLinkPtmx", "OpPivotRoot",
            "OpOpenContainerProc", "OpReadonlyPath", "OpMaskPath", "OpReadonlyRoot", "OpHostname", "OpRlimit", "OpEnv",
            "OpDefaultHome", "OpCwd", "OpArg", "OpLookup", "OpExitOnSignals", "OpDropBounding", "OpSetUser", "OpSetCaps",
            "OpNoNewPrivs", "OpReady", "OpWaitStart", "OpExec"];
        var indexes = landmarks.Select(name => codes.IndexOf(Code(name))).ToList();
        indexes.Should().NotContain(-1).And.BeInAscendingOrder();
        codes[^1].Should().Be(ShimProtocol.OpExec);
        plan.All(ShimProtocol.OpExec).Single().U32().Should().Be(5u, "fds from 3 + 2 preserved close on exec");
        plan.All(ShimProtocol.OpWaitStart).Single().U32().Should().Be(5u);
        codes.Should().NotContain(ShimProtocol.OpRunHooks, "the config has no runtime hooks");
        codes.Should().NotContain(ShimProtocol.OpUnshareCgroupns);
        plan.Flags.Should().Be(0u);
    }

    private static ushort Code(string name) => (ushort)typeof(ShimProtocol).GetField(name)!.GetRawConstantValue()!;

    [Fact]
    public void Mounts_keep_C_inits_kinds_and_flags()
    {
        var config = Spec();
        config.Mounts!.Add(new Mount { Destination = "/data", Type = "bind", Source = "vol", Options = ["rbind", "ro", "rprivate"] });
        var plan = Build(config);
        var mounts = plan.MountsInRoot();

        var proc = mounts.Single(m => m.Dest == "/proc");
        proc.Kind.Should().Be(ShimProtocol.TargetStrictDir, "procfs only goes onto a real directory");
        (proc.Source, proc.FsType).Should().Be(("proc", "proc"));
        var shm = mounts.Single(m => m.Dest == "/dev/shm");
        shm.Kind.Should().Be(ShimProtocol.TargetDir);
        shm.Data.Should().Be("mode=1777,size=65536k");
        shm.Flags.Should().Be(MS_NOSUID | MS_NOEXEC | MS_NODEV);
        var data = mounts.Single(m => m.Dest == "/data");
        (data.Kind, data.Flags, data.Source).Should().Be((ShimProtocol.TargetLikeSource, MS_BIND | MS_REC, "/bundle/vol"));
        var remount = plan.All(ShimProtocol.OpRemountInRoot).Select(o => (o.U64(), o.Str())).Single(r => r.Item2 == "/data");
        remount.Item1.Should().Be(MS_RDONLY | MS_BIND | MS_REMOUNT);
        var propagate = plan.All(ShimProtocol.OpPropagateInRoot).Select(o => (o.U64(), o.Str())).Single();
        propagate.Should().Be((MS_PRIVATE | MS_REC, "/data"));
    }

    [Fact]
    public void A_readonly_rbind_of_sys_makes_the_cgroup_mounts_below_it_readonly()
    {
        var config = Spec();
        config.Mounts!.RemoveAll(m => m.Destination == "/sys");
        config.Mounts.Add(new Mount { Destination = "/sys", Type = "none", Source = "/sys", Options = ["rbind", "nosuid", "noexec", "nodev", "ro"] });
        var op = Build(config).All(ShimProtocol.OpSetattrInRoot).Single();

        (op.U64(), op.U64(), op.U32(), op.Str()).Should().Be(
            (MOUNT_ATTR_RDONLY, 0UL, ShimProtocol.OpenMissingOk | ShimProtocol.OpenNoSymlinks, "/sys/fs/cgroup"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_v1_cgroup_mount_is_a_tmpfs_with_one_mount_per_hierarchy(bool cgroupns)
    {
        var plan = Build(Spec(), cgroupns: cgroupns);
        var cgroup = plan.MountsInRoot().Where(m => m.Dest.StartsWith("/sys/fs/cgroup", StringComparison.Ordinal)).ToList();

        cgroup[0].Should().Be((ShimProtocol.TargetDir, MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RELATIME, "tmpfs", "/sys/fs/cgroup", "tmpfs", "mode=755"));
        if (cgroupns)
        {
            cgroup[1].Should().Be((ShimProtocol.TargetDir, MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RELATIME | MS_RDONLY,
                "cgroup", "/sys/fs/cgroup/cpu,cpuacct", "cgroup", "cpu,cpuacct"));
            plan.Codes.Should().Contain(ShimProtocol.OpUnshareCgroupns);
        }
        else
        {
            cgroup[1].Should().Be((ShimProtocol.TargetDir, MS_BIND | MS_REC, "/sys/fs/cgroup/cpu,cpuacct/c1", "/sys/fs/cgroup/cpu,cpuacct", "", ""));
            plan.All(ShimProtocol.OpRemountInRoot).Select(o => (o.U64(), o.Str())).Should()
                .Contain((MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RELATIME | MS_RDONLY, "/sys/fs/cgroup/memory"));
        }
        var aliases = plan.All(ShimProtocol.OpSymlinkInRoot).Select(o => (o.U32(), o.Str(), o.Str(), o.Str()))
            .Where(s => s.Item2 == "/sys/fs/cgroup").ToList();
        aliases.Should().BeEquivalentTo([(1u, "/sys/fs/cgroup", "cpu", "cpu,cpuacct"), (1u, "/sys/fs/cgroup", "cpuacct", "cpu,cpuacct")]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Devices_are_made_with_mknod_or_bound_from_the_host_in_a_user_namespace(bool userns)
    {
        var config = Spec();
        config.Linux!.Devices = [new LinuxDevice { Path = "/dev/fuse", Type = "c", Major = 10, Minor = 229, FileMode = 0b110_110_110 }];
        var plan = Build(config, userns: userns);

        if (userns)
        {
            plan.All(ShimProtocol.OpBindDevice).Select(o => o.Str()).Should().Contain(["/dev/null", "/dev/fuse"]);
            plan.Codes.Should().NotContain(ShimProtocol.OpMknodInRoot);
            plan.Flags.Should().Be(ShimProtocol.PlanInUserns);
        }
        else
        {
            var fuse = plan.All(ShimProtocol.OpMknodInRoot).Select(o => (o.U32(), o.U32(), o.U32(), o.U64(), o.Str())).Single(d => d.Item5 == "/dev/fuse");
            fuse.Should().Be((0x2000u | 0b110_110_110, 0u, 0u, DeviceNodes.MakeDev(10, 229), "/dev/fuse"));
            plan.All(ShimProtocol.OpMknodInRoot).Should().HaveCount(7, "six default devices and the config's");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Seccomp_loads_before_the_capabilities_drop_unless_no_new_privileges(bool noNewPrivileges)
    {
        var config = Spec();
        config.Process!.NoNewPrivileges = noNewPrivileges;
        var plan = Build(config, seccomp: new SeccompProgram { Filter = new byte[16], Flags = 2 });
        var seccomp = plan.IndexOf(ShimProtocol.OpSeccomp);

        if (noNewPrivileges)
            seccomp.Should().BeGreaterThan(plan.IndexOf(ShimProtocol.OpNoNewPrivs));
        else
            seccomp.Should().BeLessThan(plan.IndexOf(ShimProtocol.OpDropBounding));
        var op = plan.All(ShimProtocol.OpSeccomp).Single();
        op.U32().Should().Be(2u);
        op.Bytes().Should().HaveCount(16);
    }

    [Fact]
    public void What_C_init_would_refuse_becomes_a_fail_op_at_the_same_point()
    {
        var config = Spec();
        config.Linux!.Sysctl = new() { ["net..bad"] = "1" };
        config.Process!.User!.AdditionalGids = [10];
        config.Linux.Devices = [new LinuxDevice { Path = "/dev/x", Type = "q" }];
        var plan = Build(config, setgroups: false);
        var fails = plan.All(ShimProtocol.OpFail).Select(o => o.Str()).ToList();

        fails.Should().Equal("device /dev/x: unknown type q", "invalid sysctl name net..bad",
            "cannot set additional gids: setgroups is denied in this user namespace");
    }

    [Fact]
    public void Runtime_hooks_are_asked_for_between_the_mounts_and_the_root_switch()
    {
        var config = Spec();
        config.Hooks = new Hooks { CreateRuntime = [new Hook { Path = "/bin/true" }] };
        var plan = Build(config, noPivot: true);

        plan.IndexOf(ShimProtocol.OpRunHooks).Should().BeGreaterThan(plan.IndexOf(ShimProtocol.OpLinkPtmx))
            .And.BeLessThan(plan.IndexOf(ShimProtocol.OpMoveRoot));
        plan.Codes.Should().NotContain(ShimProtocol.OpPivotRoot);
    }

    [Fact]
    public void Exec_runs_only_the_process_steps()
    {
        var config = Spec();
        config.Process!.Terminal = false;
        var plan = new PlanDecoder(InitPlanBuilder.BuildExec(new InitPlanBuilder.Inputs
        {
            Init = new InitConfig { Config = config, Process = config.Process!, ConsoleSocketFd = 4, PreservedFds = 1 },
            LastCap = 40,
        }).ToArray());

        plan.Codes[0].Should().Be(ShimProtocol.OpCloseFd);
        plan.Codes.Should().NotContain([ShimProtocol.OpMountInRoot, ShimProtocol.OpPivotRoot, ShimProtocol.OpWaitStart,
            ShimProtocol.OpExitOnSignals, ShimProtocol.OpOpenPrivateProc]);
        plan.All(ShimProtocol.OpUmask).Should().HaveCount(1, "exec keeps the runtime's umask until the user's is set");
        plan.Codes.IndexOf(ShimProtocol.OpReady).Should().Be(plan.Codes.Count - 2);
        plan.All(ShimProtocol.OpExec).Single().U32().Should().Be(4u);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_terminal_is_a_console_op_where_C_init_attaches_it(bool terminal)
    {
        var config = Spec();
        config.Process!.Terminal = terminal;
        config.Process.ConsoleSize = terminal ? new ConsoleSize { Height = 40, Width = 120 } : null;
        var inputs = new InitPlanBuilder.Inputs
        {
            Init = new InitConfig { Config = config, Process = config.Process, Rootfs = "/r", Bundle = "/b", ConsoleSocketFd = 6, ExecFifoFd = 5 },
            Hierarchies = () => V1,
            LastCap = 40,
        };
        var plan = new PlanDecoder(InitPlanBuilder.Build(inputs).ToArray());
        var exec = new PlanDecoder(InitPlanBuilder.BuildExec(inputs).ToArray());

        if (terminal)
        {
            var op = plan.All(ShimProtocol.OpConsole).Single();
            (op.U32(), op.U32(), op.U32(), op.U32(), op.U32()).Should().Be((6u, 1u, 1u, 40u, 120u));
            plan.IndexOf(ShimProtocol.OpConsole).Should().BeGreaterThan(plan.IndexOf(ShimProtocol.OpHostname))
                .And.BeLessThan(plan.IndexOf(ShimProtocol.OpRlimit));
            var execOp = exec.All(ShimProtocol.OpConsole).Single();
            (execOp.U32(), execOp.U32()).Should().Be((6u, 0u), "exec does not bind /dev/console");
        }
        else
        {
            plan.Codes.Should().NotContain(ShimProtocol.OpConsole);
            plan.All(ShimProtocol.OpCloseFd).Single().U32().Should().Be(6u, "an unused console socket is closed");
            exec.Codes[0].Should().Be(ShimProtocol.OpCloseFd);
        }
    }

    [Fact]
    public void A_pidfd_goes_after_the_console_and_the_notify_directory_after_the_config_mounts()
    {
        var config = Spec();
        var inputs = new InitPlanBuilder.Inputs
        {
            Init = new InitConfig
            {
                Config = config, Process = config.Process!, Rootfs = "/r", Bundle = "/b",
                ConsoleSocketFd = 6, PidfdSocketFd = 7, NotifyDirFd = 8, ExecFifoFd = 5,
            },
            Hierarchies = () => V1,
            LastCap = 40,
        };
        var plan = new PlanDecoder(InitPlanBuilder.Build(inputs).ToArray());
        var exec = new PlanDecoder(InitPlanBuilder.BuildExec(inputs).ToArray());

        var pidfd = plan.All(ShimProtocol.OpSendPidfd).Single();
        (pidfd.U32(), pidfd.Str()).Should().Be((7u, "standard"));
        plan.IndexOf(ShimProtocol.OpSendPidfd).Should().Be(plan.IndexOf(ShimProtocol.OpConsole) + 1);
        var attach = plan.All(ShimProtocol.OpAttachMount).Single();
        (attach.U32(), attach.Str()).Should().Be((8u, "/run/notify"));
        plan.IndexOf(ShimProtocol.OpAttachMount).Should().BeGreaterThan(plan.Codes.LastIndexOf(ShimProtocol.OpMountInRoot) - 1)
            .And.BeLessThan(plan.IndexOf(ShimProtocol.OpLinkPtmx));
        var execPidfd = exec.All(ShimProtocol.OpSendPidfd).Single();
        (execPidfd.U32(), execPidfd.Str()).Should().Be((7u, "setns"));
        exec.Codes.Should().NotContain(ShimProtocol.OpAttachMount);
    }

    [Fact]
    public void Environment_args_and_user_are_the_configs()
    {
        var config = Spec();
        config.Process!.Env = ["A=1", "NOEQUALS", "PATH=/bin"];
        config.Process.Args = ["sh", "-c", "x"];
        config.Process.User = new User { Uid = 1000, Gid = 100, AdditionalGids = [5, 6], Umask = 0b000_000_111 };
        var plan = Build(config);

        plan.All(ShimProtocol.OpEnv).Select(o => o.Str()).Should().Equal("A=1", "PATH=/bin");
        plan.All(ShimProtocol.OpArg).Select(o => o.Str()).Should().Equal("sh", "-c", "x");
        plan.All(ShimProtocol.OpDefaultHome).Single().U32().Should().Be(1000u);
        var user = plan.All(ShimProtocol.OpSetUser).Single();
        (user.U32(), user.U32(), user.U32(), user.U32(), user.U32(), user.U32()).Should().Be((1000u, 100u, 1u, 2u, 5u, 6u));
        user.AtEnd.Should().BeTrue();
        plan.All(ShimProtocol.OpUmask).Select(o => o.U32()).Should().Equal(0u, 7u);
    }
}

/// <summary>When the native init is used, and when C# init must be.</summary>
public sealed class NativeInitSupportTests
{
    [Fact]
    public void The_default_spec_runs_natively() =>
        NativeInitSupport.WhyNot(DefaultSpec.Create(rootless: true), DefaultSpec.Create(rootless: true).Process!).Should().BeNull();

    [Fact]
    public void Exec_needs_CSharp_init_for_a_final_affinity_or_a_listener()
    {
        var p = DefaultSpec.Create(rootless: false).Process!;
        p.Terminal = false;
        NativeInitSupport.WhyNotExec(p, null, null).Should().BeNull();
        NativeInitSupport.WhyNotExec(p, null, new SeccompProgram { ListenerPath = "/run/agent.sock" }).Should().Contain("listener");
        p.ExecCpuAffinity = new ExecCpuAffinity { Final = "0" };
        NativeInitSupport.WhyNotExec(p, null, null).Should().Contain("execCPUAffinity");
        p.ExecCpuAffinity = null;
        p.Terminal = true;
        NativeInitSupport.WhyNotExec(p, null, null).Should().BeNull("the plan has a console op");
    }

    [Fact]
    public void What_the_plan_has_no_op_for_goes_to_CSharp_init()
    {
        var config = DefaultSpec.Create(rootless: false);
        var p = config.Process!;
        config.Mounts!.Add(new Mount { Destination = "/id", Type = "bind", Source = "/tmp", Options = ["rbind", "idmap"] });
        NativeInitSupport.WhyNot(config, p).Should().Be("idmapped mounts");
        config.Mounts.RemoveAt(config.Mounts.Count - 1);

        config.Hooks = new Hooks { StartContainer = [new Hook { Path = "/bin/true" }] };
        NativeInitSupport.WhyNot(config, p).Should().Contain("startContainer");
        config.Hooks = null;
        p.Scheduler = new Scheduler { Policy = "SCHED_OTHER" };
        NativeInitSupport.WhyNot(config, p).Should().Contain("scheduler");
        p.Scheduler = null;
        config.Linux!.Seccomp = new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Syscalls = [new LinuxSyscall { Names = ["mkdir"], Action = "SCMP_ACT_NOTIFY" }] };
        NativeInitSupport.WhyNot(config, p).Should().Contain("notify");
        config.Linux.Seccomp = null;
        config.Mounts!.Add(new Mount { Destination = "/t", Type = "tmpfs", Source = "tmpfs", Options = ["tmpcopyup"] });
        NativeInitSupport.WhyNot(config, p).Should().Contain("tmpcopyup");
    }
}
