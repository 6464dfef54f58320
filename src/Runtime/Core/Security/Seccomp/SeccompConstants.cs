using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>
/// The runtime-spec's SCMP_* and SECCOMP_FILTER_FLAG_* names and the numbers they stand for
/// (seccomp.h, linux/seccomp.h, linux/audit.h). The numbers are kernel and libseccomp ABI.
/// </summary>
public static class SeccompConstants
{
    public const int EPERM = 1, ENOSYS = 38;

    public const uint ActKillProcess = 0x80000000, ActKillThread = 0, ActTrap = 0x00030000,
        ActErrnoBase = 0x00050000, ActNotify = 0x7fc00000, ActTraceBase = 0x7ff00000,
        ActLog = 0x7ffc0000, ActAllow = 0x7fff0000;

    public static uint ActErrno(uint errno) => ActErrnoBase | (errno & 0xffff);

    /// <summary>
    /// The libseccomp action for a spec action name; ERRNO and TRACE return EPERM unless the
    /// profile gives an errno, as in runc. Null for a name that is not an action.
    /// </summary>
    public static uint? Action(string name, uint? errnoRet) => name switch
    {
        "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => ActKillThread,
        "SCMP_ACT_KILL_PROCESS" => ActKillProcess,
        "SCMP_ACT_TRAP" => ActTrap,
        "SCMP_ACT_ERRNO" => ActErrno(errnoRet ?? EPERM),
        "SCMP_ACT_TRACE" => ActTraceBase | ((errnoRet ?? EPERM) & 0xffff),
        "SCMP_ACT_ALLOW" => ActAllow,
        "SCMP_ACT_LOG" => ActLog,
        "SCMP_ACT_NOTIFY" => ActNotify,
        _ => null,
    };

    public static uint RequireAction(string name, uint? errnoRet) =>
        Action(name, errnoRet) ?? throw new RuntimeException($"seccomp: unknown action {name}");

    public static IReadOnlyList<string> ActionNames { get; } =
    [
        "SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
        "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP",
    ];

    /// <summary>enum scmp_compare of seccomp.h.</summary>
    public static IReadOnlyDictionary<string, int> Operators { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["SCMP_CMP_NE"] = 1, ["SCMP_CMP_LT"] = 2, ["SCMP_CMP_LE"] = 3, ["SCMP_CMP_EQ"] = 4,
        ["SCMP_CMP_GE"] = 5, ["SCMP_CMP_GT"] = 6, ["SCMP_CMP_MASKED_EQ"] = 7,
    };

    /// <summary>An architecture: its libseccomp name and token (the kernel's AUDIT_ARCH_* value, except x32).</summary>
    public sealed record Arch(string SpecName, string LibseccompName, uint Token);

    public const uint ArchX86 = 0x40000003, ArchX86_64 = 0xc000003e, ArchX32 = 0x4000003e,
        ArchS390 = 0x00000016, ArchS390X = 0x80000016;

    public static IReadOnlyList<Arch> Architectures { get; } =
    [
        new("SCMP_ARCH_X86", "x86", ArchX86),
        new("SCMP_ARCH_X86_64", "x86_64", ArchX86_64),
        new("SCMP_ARCH_X32", "x32", ArchX32),
        new("SCMP_ARCH_ARM", "arm", 0x40000028),
        new("SCMP_ARCH_AARCH64", "aarch64", 0xc00000b7),
        new("SCMP_ARCH_LOONGARCH64", "loongarch64", 0xc0000102),
        new("SCMP_ARCH_M68K", "m68k", 0x00000004),
        new("SCMP_ARCH_MIPS", "mips", 0x00000008),
        new("SCMP_ARCH_MIPS64", "mips64", 0x80000008),
        new("SCMP_ARCH_MIPS64N32", "mips64n32", 0xa0000008),
        new("SCMP_ARCH_MIPSEL", "mipsel", 0x40000008),
        new("SCMP_ARCH_MIPSEL64", "mipsel64", 0xc0000008),
        new("SCMP_ARCH_MIPSEL64N32", "mipsel64n32", 0xe0000008),
        new("SCMP_ARCH_PPC", "ppc", 0x00000014),
        new("SCMP_ARCH_PPC64", "ppc64", 0x80000015),
        new("SCMP_ARCH_PPC64LE", "ppc64le", 0xc0000015),
        new("SCMP_ARCH_S390", "s390", ArchS390),
        new("SCMP_ARCH_S390X", "s390x", ArchS390X),
        new("SCMP_ARCH_PARISC", "parisc", 0x0000000f),
        new("SCMP_ARCH_PARISC64", "parisc64", 0x8000000f),
        new("SCMP_ARCH_RISCV64", "riscv64", 0xc00000f3),
        new("SCMP_ARCH_SH", "sh", 0x4000002a),
        new("SCMP_ARCH_SHEB", "sheb", 0x0000002a),
    ];

    public static Arch? ArchitectureOf(string specName) => Architectures.FirstOrDefault(a => a.SpecName == specName);

    /// <summary>
    /// The value the kernel puts in seccomp_data.arch for a token: x32 processes run on the
    /// x86_64 syscall entry and are told apart by bit 30 of the syscall number.
    /// </summary>
    public static uint AuditArch(uint token) => token == ArchX32 ? ArchX86_64 : token;

    public const uint X32SyscallBit = 0x40000000;

    public const uint FlagTsync = 1 << 0, FlagLog = 1 << 1, FlagSpecAllow = 1 << 2, FlagNewListener = 1 << 3,
        FlagWaitKillableRecv = 1 << 5;

    /// <summary>
    /// The filter flags runcs knows, with their seccomp(2) bit. TSYNC is accepted and ignored as
    /// runc does: only the thread that execs keeps running, and it is the one that loads.
    /// </summary>
    public static IReadOnlyDictionary<string, uint> Flags { get; } = new Dictionary<string, uint>(StringComparer.Ordinal)
    {
        ["SECCOMP_FILTER_FLAG_TSYNC"] = 0,
        ["SECCOMP_FILTER_FLAG_SPEC_ALLOW"] = FlagSpecAllow,
        ["SECCOMP_FILTER_FLAG_LOG"] = FlagLog,
        ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"] = FlagWaitKillableRecv,
    };

    /// <summary>The known flags in runc's order (features.json knownFlags).</summary>
    public static IReadOnlyList<string> FlagNames { get; } =
        ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"];
}
