namespace Runc.Sharp.Runtime.Sys;

/// <summary>x86_64 numbers of the system calls glibc 2.36 does not wrap, called through syscall(2).</summary>
internal static partial class LibC
{
    internal const long
        SYS_lseek = 8,
        SYS_capset = 126,
        SYS_personality = 135,
        SYS_pivot_root = 155,
        SYS_sched_setaffinity = 203,
        SYS_sched_getaffinity = 204,
        SYS_ioprio_set = 251,
        SYS_ioprio_get = 252,
        SYS_sched_setattr = 314,
        SYS_sched_getattr = 315,
        SYS_seccomp = 317,
        SYS_memfd_create = 319,
        SYS_open_tree = 428,
        SYS_move_mount = 429,
        SYS_fsopen = 430,
        SYS_fsconfig = 431,
        SYS_fsmount = 432,
        SYS_pidfd_open = 434,
        SYS_close_range = 436,
        SYS_openat2 = 437,
        SYS_pidfd_getfd = 438,
        SYS_mount_setattr = 442;
}
