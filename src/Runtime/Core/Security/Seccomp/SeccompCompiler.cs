using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;
using static Runc.Sharp.Runtime.Security.Seccomp.SeccompConstants;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>
/// <c>linux.seccomp</c> → a ready BPF program, in the runtime before anything is created, so a
/// bad profile fails `create` with nothing to clean up and init never needs libseccomp. Follows
/// runc: names libseccomp does not know are skipped (a newer profile on an older host), and the
/// ENOSYS stub is prepended for syscalls newer than the profile.
/// </summary>
public static class SeccompCompiler
{
    /// <summary>BPF_MAXINSNS: the kernel refuses longer programs.</summary>
    public const int MaxInstructions = 4096;

    public static SeccompProgram Compile(LinuxSeccomp profile, string bundle)
    {
        var defaultAction = Action(profile.DefaultAction, profile.DefaultErrnoRet)
            ?? throw new RuntimeException($"seccomp: unknown defaultAction {profile.DefaultAction}");
        if (defaultAction == ActNotify)
            throw new RuntimeException("seccomp: SCMP_ACT_NOTIFY cannot be used as the default action");
        var syscalls = profile.Syscalls ?? [];
        var rules = SeccompRuleSet.Plan(syscalls, defaultAction);
        var hasListener = rules.Any(r => r.Action == ActNotify);
        if (rules.Any(r => r.Action == ActNotify && r.Syscall == "write"))
            throw new RuntimeException("seccomp: SCMP_ACT_NOTIFY cannot be used for the write syscall");
        if (hasListener && string.IsNullOrEmpty(profile.ListenerPath))
            throw new RuntimeException("seccomp: SCMP_ACT_NOTIFY is used but linux.seccomp.listenerPath is not set");
        var flags = FilterFlags(profile.Flags, hasListener);
        var archs = (profile.Architectures ?? []).Select(ResolveArch).ToList();

        var ctx = LibSeccomp.Init(defaultAction);
        byte[] exported;
        try
        {
            foreach (var arch in archs)
                LibSeccomp.ArchAdd(ctx, arch.Token, arch.SpecName);
            if (rules.Count > 32)
                LibSeccomp.TryOptimize(ctx);
            foreach (var rule in rules)
            {
                var nr = LibSeccomp.SyscallResolveName(rule.Syscall);
                if (nr == LibSeccomp.UnknownSyscall)
                {
                    Log.Debug($"unknown seccomp syscall \"{rule.Syscall}\" ignored");
                    continue;
                }
                LibSeccomp.RuleAdd(ctx, rule, nr);
            }
            using var file = SeccompSyscalls.MemoryFile("runcs-seccomp");
            LibSeccomp.ExportBpf(ctx, file.Value);
            exported = SeccompSyscalls.ReadFromStart(file);
        }
        finally
        {
            LibSeccomp.Release(ctx);
        }

        var stub = EnosysStub.Wanted(defaultAction) ? EnosysStub.Build(LastSyscalls(archs, syscalls)) : [];
        var program = stub.Concat(SockFilter.Parse(exported)).ToArray();
        if (program.Length > MaxInstructions)
            throw new RuntimeException($"seccomp: the filter has {program.Length} instructions, more than the kernel's limit of {MaxInstructions}");
        return new SeccompProgram
        {
            Filter = SockFilter.Encode(program),
            Flags = flags,
            ListenerPath = hasListener ? Path.GetFullPath(profile.ListenerPath!, bundle) : null,
            ListenerMetadata = hasListener ? profile.ListenerMetadata : null,
        };
    }

    /// <summary>The seccomp(2) flags: the profile's, each known and supported here, plus NEW_LISTENER for notify rules.</summary>
    public static uint FilterFlags(IEnumerable<string>? names, bool hasListener)
    {
        uint flags = hasListener ? FlagNewListener : 0;
        foreach (var name in names ?? [])
        {
            if (!Flags.TryGetValue(name, out var bit))
                throw new RuntimeException($"seccomp: flag {name} is not known to runcs");
            if (!SeccompSyscalls.FlagSupported(bit))
                throw new RuntimeException($"seccomp: flag {name} is not supported by this kernel");
            // It changes how a notifying process waits for the agent: meaningless without one.
            if (bit == FlagWaitKillableRecv && !hasListener)
                continue;
            flags |= bit;
        }
        return flags;
    }

    public static Arch ResolveArch(string name)
    {
        var arch = ArchitectureOf(name) ?? throw new RuntimeException($"seccomp: unknown architecture {name}");
        if (LibSeccomp.ArchResolveName(arch.LibseccompName) != arch.Token)
            throw new RuntimeException($"seccomp: architecture {name} is not supported by libseccomp {LibSeccomp.VersionString()}");
        return arch;
    }

    /// <summary>The highest syscall number the profile names, per listed architecture (none when it names none there).</summary>
    private static Dictionary<uint, uint> LastSyscalls(IEnumerable<Arch> archs, IReadOnlyList<LinuxSyscall> syscalls)
    {
        var names = syscalls.SelectMany(s => s.Names).Distinct().ToList();
        var last = new Dictionary<uint, uint>();
        foreach (var arch in archs.DistinctBy(a => a.Token))
        {
            var highest = names.Select(n => LibSeccomp.SyscallResolveNameArch(arch.Token, n)).DefaultIfEmpty(-1).Max();
            if (highest > 0)
                last[arch.Token] = (uint)highest;
            else
                Log.Warning($"seccomp: the profile names no syscall of architecture {arch.SpecName}");
        }
        return last;
    }
}
