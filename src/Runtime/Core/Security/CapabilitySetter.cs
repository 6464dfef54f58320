using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Security;

/// <summary>
/// Applies process.capabilities to the calling thread, which must be the one that calls execve:
/// capabilities are per thread.
/// </summary>
public static unsafe class CapabilitySetter
{
    private const int PR_CAPBSET_DROP = 24, PR_CAP_AMBIENT = 47, PR_CAP_AMBIENT_RAISE = 2, PR_CAP_AMBIENT_CLEAR_ALL = 4;
    private const uint LinuxCapabilityVersion3 = 0x20080522;

    public sealed record Sets(ulong Bounding, ulong Effective, ulong Permitted, ulong Inheritable, ulong Ambient);

    public static Sets Resolve(Capabilities? caps, List<string>? unknown = null)
    {
        var last = CapabilityNames.LastCap();
        return new Sets(
            CapabilityNames.Mask(caps?.Bounding, last, unknown),
            CapabilityNames.Mask(caps?.Effective, last, unknown),
            CapabilityNames.Mask(caps?.Permitted, last, unknown),
            CapabilityNames.Mask(caps?.Inheritable, last, unknown),
            CapabilityNames.Mask(caps?.Ambient, last, unknown));
    }

    /// <summary>Drops what is not in the bounding set; needs CAP_SETPCAP, so runs before the user switch.</summary>
    public static void DropBounding(ulong bounding)
    {
        var last = CapabilityNames.LastCap();
        for (var cap = 0; cap <= last; cap++)
        {
            if ((bounding & (1UL << cap)) != 0)
                continue;
            if (LibC.prctl(PR_CAPBSET_DROP, (nuint)cap, 0, 0, 0) < 0 && Marshal.GetLastPInvokeError() != Errno.EINVAL)
                throw SyscallException.FromLastError("drop bounding capability", CapabilityNames.ByNumber[cap]);
        }
    }

    public static void Apply(Sets sets)
    {
        var header = stackalloc uint[2];
        header[0] = LinuxCapabilityVersion3;
        header[1] = 0;
        var data = stackalloc uint[6];
        data[0] = (uint)sets.Effective; data[1] = (uint)sets.Permitted; data[2] = (uint)sets.Inheritable;
        data[3] = (uint)(sets.Effective >> 32); data[4] = (uint)(sets.Permitted >> 32); data[5] = (uint)(sets.Inheritable >> 32);
        if (LibC.syscall(LibC.SYS_capset, (long)header, (long)data, 0, 0, 0, 0) < 0)
            throw SyscallException.FromLastError("capset");

        LibC.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        for (var cap = 0; cap < 64; cap++)
        {
            if ((sets.Ambient & (1UL << cap)) == 0)
                continue;
            if (LibC.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (nuint)cap, 0, 0) < 0)
                throw SyscallException.FromLastError("raise ambient capability", CapabilityNames.ByNumber[cap]);
        }
    }
}
