using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

internal static unsafe partial class LibC
{
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount(string? source, string target, string? fstype, ulong flags, string? data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int umount2(string target, int flags);

    internal const long SYS_pivot_root = 155, SYS_open_tree = 428, SYS_move_mount = 429, SYS_openat2 = 437,
        SYS_mount_setattr = 442, SYS_close_range = 436, SYS_capget = 125, SYS_capset = 126,
        SYS_pidfd_open = 434, SYS_pidfd_send_signal = 424, SYS_ioprio_set = 251, SYS_sched_setattr = 314,
        SYS_sched_setaffinity = 203, SYS_personality = 135, SYS_set_mempolicy = 238, SYS_seccomp = 317;
}
