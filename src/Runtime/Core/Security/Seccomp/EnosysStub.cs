using static Runc.Sharp.Runtime.Security.Seccomp.SeccompConstants;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>
/// The prefix runc puts in front of libseccomp's filter: a syscall whose number is above the
/// highest one the profile names (for that architecture) returns ENOSYS instead of the default
/// action. A profile written before a syscall existed then makes the C library fall back to
/// the older call (clone3 → clone, faccessat2 → faccessat) instead of seeing EPERM or dying.
/// Syscalls the profile knows are untouched: they all number at or below that highest one.
/// </summary>
public static class EnosysStub
{
    /// <summary>
    /// Whether a profile gets the stub: not when everything unlisted is allowed anyway (ALLOW,
    /// LOG, TRACE), nor when the default already answers ENOSYS.
    /// </summary>
    public static bool Wanted(uint defaultAction) =>
        defaultAction is not (ActAllow or ActLog) && (defaultAction & 0xffff0000) != ActTraceBase
        && defaultAction != ActErrno(ENOSYS);

    /// <summary>
    /// The stub for the highest syscall number per libseccomp arch token; empty when there is
    /// none. Control reaches the first instruction after the stub for every syscall it does not
    /// answer itself.
    /// </summary>
    public static SockFilter[] Build(IReadOnlyDictionary<uint, uint> lastSyscallByArch)
    {
        if (lastSyscallByArch.Count == 0)
            return [];
        var asm = new BpfAssembler();
        var enosys = asm.NewLabel();
        var filter = asm.End;
        var sections = lastSyscallByArch
            .GroupBy(kv => AuditArch(kv.Key))
            .OrderBy(g => g.Key)
            .Select(g => (AuditArch: g.Key, Last: g.ToDictionary(kv => kv.Key, kv => kv.Value), Label: asm.NewLabel()))
            .ToList();

        asm.LoadWord(SockFilter.OffsetArch);
        foreach (var s in sections)
            asm.JumpIf(SockFilter.JeqK, s.AuditArch, s.Label, null);
        asm.Jump(filter);

        foreach (var s in sections)
        {
            asm.Mark(s.Label);
            asm.LoadWord(SockFilter.OffsetNr);
            if (s.AuditArch is ArchS390 or ArchS390X)
            {
                // Unknown large syscall numbers reach the filter as setup(2), number 0.
                asm.JumpIf(SockFilter.JeqK, 0, enosys, null);
            }
            if (s.AuditArch == ArchX86_64)
                X86Family(asm, s.Last, enosys, filter);
            else
                asm.JumpIf(SockFilter.JgtK, s.Last.Values.Single(), enosys, filter);
        }

        asm.Mark(enosys);
        asm.Return(ActErrno(ENOSYS));
        return asm.Assemble();
    }

    /// <summary>x86_64 and x32 share an audit arch; x32 numbers have bit 30 set (and so does libseccomp's x32 number).</summary>
    private static void X86Family(BpfAssembler asm, Dictionary<uint, uint> last, BpfAssembler.Label enosys, BpfAssembler.Label filter)
    {
        var has64 = last.TryGetValue(ArchX86_64, out var last64);
        var hasX32 = last.TryGetValue(ArchX32, out var lastX32);
        if (has64 && hasX32)
        {
            var x32 = asm.NewLabel();
            asm.JumpIf(SockFilter.JsetK, X32SyscallBit, x32, null);
            asm.JumpIf(SockFilter.JgtK, last64, enosys, filter);
            asm.Mark(x32);
            asm.JumpIf(SockFilter.JgtK, lastX32, enosys, filter);
        }
        else if (has64)
        {
            asm.JumpIf(SockFilter.JsetK, X32SyscallBit, filter, null);
            asm.JumpIf(SockFilter.JgtK, last64, enosys, filter);
        }
        else
        {
            asm.JumpIf(SockFilter.JsetK, X32SyscallBit, null, filter);
            asm.JumpIf(SockFilter.JgtK, lastX32, enosys, filter);
        }
    }
}
