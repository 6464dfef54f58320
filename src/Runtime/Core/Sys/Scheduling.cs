using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>
/// Checked scheduling calls: I/O priority, scheduler attributes, CPU affinity, personality.
/// All but personality act on one thread (tid 0 = the caller), which is why init applies them
/// on the thread that calls execve.
/// </summary>
public static unsafe class Scheduling
{
    /// <summary>Longs in the masks we read: 8192 CPUs, more than any kernel configures.</summary>
    public const int MaskLongs = 128;

    public static void SetIoPriority(int ioprio) =>
        Syscalls.Check(LibC.ioprio_set(0, ioprio), "ioprio_set");

    public static int GetIoPriority(int tid)
    {
        var r = LibC.ioprio_get(tid);
        Syscalls.Check(r, "ioprio_get", tid.ToString());
        return r;
    }

    public static void SetAttributes(SchedulerAttributes a)
    {
        var attr = new LibC.SchedAttr
        {
            Size = (uint)sizeof(LibC.SchedAttr),
            Policy = a.Policy,
            Flags = a.Flags,
            Nice = a.Nice,
            Priority = a.Priority,
            Runtime = a.Runtime,
            Deadline = a.Deadline,
            Period = a.Period,
        };
        Syscalls.Check(LibC.sched_setattr(0, &attr), "sched_setattr");
    }

    public static SchedulerAttributes GetAttributes(int tid)
    {
        LibC.SchedAttr attr;
        Syscalls.Check(LibC.sched_getattr(tid, &attr), "sched_getattr", tid.ToString());
        return new SchedulerAttributes(attr.Policy, attr.Flags, attr.Nice, attr.Priority, attr.Runtime, attr.Deadline, attr.Period);
    }

    /// <summary>Sets the affinity of one thread (a process's main thread has tid = pid).</summary>
    public static void SetAffinity(int tid, ReadOnlySpan<ulong> mask)
    {
        fixed (ulong* m = mask)
            Syscalls.Check(LibC.sched_setaffinity(tid, m, mask.Length), "sched_setaffinity", tid == 0 ? null : tid.ToString());
    }

    public static ulong[] GetAffinity(int tid)
    {
        var mask = new ulong[MaskLongs];
        fixed (ulong* m = mask)
            Syscalls.Check(LibC.sched_getaffinity(tid, m, mask.Length), "sched_getaffinity", tid.ToString());
        return mask;
    }

    /// <summary>Sets the calling thread's execution domain; returns the previous one.</summary>
    public static uint SetPersonality(uint persona)
    {
        var r = LibC.personality(persona);
        if (r == -1)
            throw new SyscallException("personality", Marshal.GetLastPInvokeError(), $"0x{persona:x}");
        return (uint)r;
    }
}
