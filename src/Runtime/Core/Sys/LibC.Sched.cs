using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>Raw scheduling calls (glibc wraps none of ioprio_*, sched_*attr or raw personality).</summary>
internal static unsafe partial class LibC
{
    internal const int IOPRIO_WHO_PROCESS = 1;

    /// <summary>struct sched_attr (SCHED_ATTR_SIZE_VER1: with the utilization clamps).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SchedAttr
    {
        public uint Size, Policy;
        public ulong Flags;
        public int Nice;
        public uint Priority;
        public ulong Runtime, Deadline, Period;
        public uint UtilMin, UtilMax;
    }

    /// <summary>who 0 is the calling thread.</summary>
    internal static int ioprio_set(int who, int ioprio) => (int)syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, who, ioprio, 0, 0, 0);

    internal static int ioprio_get(int who) => (int)syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, who, 0, 0, 0, 0);

    internal static int sched_setattr(int tid, SchedAttr* attr) => (int)syscall(SYS_sched_setattr, tid, (long)attr, 0, 0, 0, 0);

    internal static int sched_getattr(int tid, SchedAttr* attr) =>
        (int)syscall(SYS_sched_getattr, tid, (long)attr, sizeof(SchedAttr), 0, 0, 0);

    /// <summary>mask is a bitmap of whole longs; tid 0 is the calling thread.</summary>
    internal static int sched_setaffinity(int tid, ulong* mask, int longs) =>
        (int)syscall(SYS_sched_setaffinity, tid, longs * sizeof(ulong), (long)mask, 0, 0, 0);

    /// <summary>Returns the bytes the kernel wrote, or -1.</summary>
    internal static int sched_getaffinity(int tid, ulong* mask, int longs) =>
        (int)syscall(SYS_sched_getaffinity, tid, longs * sizeof(ulong), (long)mask, 0, 0, 0);

    /// <summary>Returns the previous persona, or -1.</summary>
    internal static int personality(uint persona) => (int)syscall(SYS_personality, persona, 0, 0, 0, 0, 0);
}
