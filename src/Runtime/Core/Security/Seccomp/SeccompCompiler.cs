using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;
using static Runc.Sharp.Runtime.Security.Seccomp.SeccompConstants;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>
/// <c>linux.seccomp</c> → a ready BPF program, in the runtime, so init never needs libseccomp.
/// Two steps: <see cref="Prepare"/> checks everything that can be wrong with a profile (cheap,
/// done before anything is created), <see cref="Compile"/> runs libseccomp (tens of ms for a
/// Docker-sized profile, so `create` runs it on another thread while it sets the container up).
/// Follows runc: names libseccomp does not know are skipped (a newer profile on an older
/// host), and the ENOSYS stub is prepended for syscalls newer than the profile.
/// </summary>
public sealed class SeccompCompiler
{
    /// <summary>BPF_MAXINSNS: the kernel refuses longer programs.</summary>
    public const int MaxInstructions = 4096;

    private readonly uint _defaultAction;
    private readonly List<SeccompRule> _rules;
    private readonly List<Arch> _archs;
    private readonly IReadOnlyList<LinuxSyscall> _syscalls;
    private readonly SeccompProgram _result;

    private SeccompCompiler(uint defaultAction, List<SeccompRule> rules, List<Arch> archs, IReadOnlyList<LinuxSyscall> syscalls, SeccompProgram result)
    {
        _defaultAction = defaultAction;
        _rules = rules;
        _archs = archs;
        _syscalls = syscalls;
        _result = result;
    }

    /// <summary>Validates the profile against runcs, libseccomp and this kernel; every problem is one line.</summary>
    public static SeccompCompiler Prepare(LinuxSeccomp profile, string bundle)
    {
        LibSeccomp.EnsureLoaded();
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
        return new SeccompCompiler(defaultAction, rules, archs, syscalls, new SeccompProgram
        {
            Flags = flags,
            ListenerPath = hasListener ? Path.GetFullPath(profile.ListenerPath!, bundle) : null,
            ListenerMetadata = hasListener ? profile.ListenerMetadata : null,
        });
    }

    public static SeccompProgram Compile(LinuxSeccomp profile, string bundle) => Prepare(profile, bundle).Compile();

    public SeccompProgram Compile()
    {
        _result.Filter = SeccompCache.GetOrAdd(CacheKey(), Build);
        return _result;
    }

    /// <summary>Everything the program depends on: the profile's parts that reach libseccomp, and libseccomp's version.</summary>
    private string CacheKey()
    {
        var key = new System.Text.StringBuilder();
        key.Append(LibSeccomp.VersionString()).Append('|').Append(_defaultAction).Append('|');
        foreach (var arch in _archs)
            key.Append(arch.Token).Append(',');
        key.Append('|');
        foreach (var rule in _rules)
        {
            key.Append(rule.Syscall).Append(':').Append(rule.Action);
            foreach (var c in rule.Conditions)
                key.Append(':').Append(c.Index).Append('/').Append(c.Op).Append('/').Append(c.Value).Append('/').Append(c.ValueTwo);
            key.Append(';');
        }
        key.Append('|');
        foreach (var name in _syscalls.SelectMany(s => s.Names).Distinct().Order(StringComparer.Ordinal))
            key.Append(name).Append(',');
        return key.ToString();
    }

    private byte[] Build()
    {
        var exported = Export();
        var stub = EnosysStub.Wanted(_defaultAction) ? EnosysStub.Build(LastSyscalls()) : [];
        var program = stub.Concat(SockFilter.Parse(exported)).ToArray();
        if (program.Length > MaxInstructions)
            throw new RuntimeException($"seccomp: the filter has {program.Length} instructions, more than the kernel's limit of {MaxInstructions}");
        return SockFilter.Encode(program);
    }

    private byte[] Export()
    {
        var ctx = LibSeccomp.Init(_defaultAction);
        try
        {
            foreach (var arch in _archs)
                LibSeccomp.ArchAdd(ctx, arch.Token, arch.SpecName);
            if (_rules.Count > 32)
                LibSeccomp.TryOptimize(ctx);
            foreach (var rule in _rules)
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
            return SeccompSyscalls.ReadFromStart(file);
        }
        finally
        {
            LibSeccomp.Release(ctx);
        }
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

    /// <summary>A spec architecture name that this libseccomp knows (which also proves libseccomp loads).</summary>
    public static Arch ResolveArch(string name)
    {
        var arch = ArchitectureOf(name) ?? throw new RuntimeException($"seccomp: unknown architecture {name}");
        if (LibSeccomp.ArchResolveName(arch.LibseccompName) != arch.Token)
            throw new RuntimeException($"seccomp: architecture {name} is not supported by libseccomp {LibSeccomp.VersionString()}");
        return arch;
    }

    /// <summary>The highest syscall number the profile names, per listed architecture (none when it names none there).</summary>
    private Dictionary<uint, uint> LastSyscalls()
    {
        var names = _syscalls.SelectMany(s => s.Names).Distinct().ToList();
        var last = new Dictionary<uint, uint>();
        foreach (var arch in _archs.DistinctBy(a => a.Token))
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
