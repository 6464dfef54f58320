using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Execution;

/// <summary>
/// process.scheduler as sched_setattr(2) numbers, with the rules runc (and our validator)
/// apply before the kernel sees them: which fields go with which policy.
/// </summary>
public static class SchedulerPolicy
{
    public const uint Other = 0, Fifo = 1, RoundRobin = 2, Batch = 3, Iso = 4, Idle = 5, Deadline = 6;

    private static readonly Dictionary<string, uint> Policies = new(StringComparer.Ordinal)
    {
        ["SCHED_OTHER"] = Other, ["SCHED_FIFO"] = Fifo, ["SCHED_RR"] = RoundRobin, ["SCHED_BATCH"] = Batch,
        ["SCHED_ISO"] = Iso, ["SCHED_IDLE"] = Idle, ["SCHED_DEADLINE"] = Deadline,
    };

    private static readonly Dictionary<string, ulong> Flags = new(StringComparer.Ordinal)
    {
        ["SCHED_FLAG_RESET_ON_FORK"] = 0x01, ["SCHED_FLAG_RECLAIM"] = 0x02, ["SCHED_FLAG_DL_OVERRUN"] = 0x04,
        ["SCHED_FLAG_KEEP_POLICY"] = 0x08, ["SCHED_FLAG_KEEP_PARAMS"] = 0x10,
        ["SCHED_FLAG_UTIL_CLAMP_MIN"] = 0x20, ["SCHED_FLAG_UTIL_CLAMP_MAX"] = 0x40,
    };

    public static bool IsRealtime(uint policy) => policy is Fifo or RoundRobin;

    public static SchedulerAttributes Of(Scheduler s)
    {
        if (string.IsNullOrEmpty(s.Policy))
            throw new RuntimeException("scheduler policy is required");
        if (!Policies.TryGetValue(s.Policy, out var policy))
            throw new RuntimeException($"invalid scheduler policy: {s.Policy}");
        ulong flags = 0;
        foreach (var name in s.Flags ?? [])
            flags |= Flags.TryGetValue(name, out var f) ? f : throw new RuntimeException($"invalid scheduler flag: {name}");

        var nice = s.Nice ?? 0;
        if (nice is < -20 or > 19)
            throw new RuntimeException($"invalid scheduler.nice: {nice} (must be -20..19)");
        var priority = s.Priority ?? 0;
        if (IsRealtime(policy) && priority is < 1 or > 99)
            throw new RuntimeException($"scheduler policy {s.Policy} needs a priority in 1..99, got {priority}");
        if (!IsRealtime(policy) && priority != 0)
            throw new RuntimeException("scheduler.priority can only be specified for SCHED_FIFO or SCHED_RR policy");

        ulong runtime = s.Runtime ?? 0, deadline = s.Deadline ?? 0, period = s.Period ?? 0;
        if (policy != Deadline && (runtime != 0 || deadline != 0 || period != 0))
            throw new RuntimeException("scheduler runtime/deadline/period can only be specified for SCHED_DEADLINE policy");
        if (policy == Deadline && (runtime > deadline || (period != 0 && deadline > period)))
            throw new RuntimeException($"scheduler SCHED_DEADLINE needs runtime <= deadline <= period, got {runtime}/{deadline}/{period}");
        return new SchedulerAttributes(policy, flags, nice, (uint)priority, runtime, deadline, period);
    }
}
