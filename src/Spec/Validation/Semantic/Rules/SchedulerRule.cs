using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>process.scheduler</c>: policy and flag names, nice range, and which fields a policy
/// accepts (sched_setattr(2); runc refuses priority outside FIFO/RR and deadline fields
/// outside SCHED_DEADLINE).
/// </summary>
internal sealed class SchedulerRule : ISemanticRule
{
    private const string Fifo = "SCHED_FIFO";
    private const string RoundRobin = "SCHED_RR";
    private const string Deadline = "SCHED_DEADLINE";

    public static readonly IReadOnlySet<string> Policies = new HashSet<string>(StringComparer.Ordinal)
    {
        "SCHED_OTHER", Fifo, RoundRobin, "SCHED_BATCH", "SCHED_ISO", "SCHED_IDLE", Deadline,
    };

    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal)
    {
        "SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM", "SCHED_FLAG_DL_OVERRUN", "SCHED_FLAG_KEEP_POLICY",
        "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_UTIL_CLAMP_MIN", "SCHED_FLAG_UTIL_CLAMP_MAX",
    };

    public void Check(SemanticContext context)
    {
        if (!context.Process.TryObject("scheduler", out var scheduler))
        {
            return;
        }

        const string path = "$.process.scheduler";
        var hasPolicyString = scheduler.TryString("policy", out var policy);
        if (!scheduler.Has("policy") || (hasPolicyString && policy.Length == 0))
        {
            context.Error(path.Dot("policy"), "scheduler policy is required");
        }
        else if (hasPolicyString && !Policies.Contains(policy))
        {
            context.Error(path.Dot("policy"), $"unknown scheduler policy {Text.Q(policy)}");
        }

        if (scheduler.TryNumber("nice", out var nice) && (nice < -20 || nice > 19))
        {
            context.Error(path.Dot("nice"), $"scheduler nice {Text.N(nice)} is outside the range -20..19");
        }

        CheckPriority(context, scheduler, policy, path);
        CheckDeadline(context, scheduler, policy, path);

        if (scheduler.TryArray("flags", out var flags))
        {
            foreach (var (index, flag) in flags.StringItems())
            {
                if (!Flags.Contains(flag))
                {
                    context.Error(path.Dot("flags").At(index), $"unknown scheduler flag {Text.Q(flag)}");
                }
            }
        }
    }

    private static void CheckPriority(SemanticContext context, JsonElement scheduler, string policy, string path)
    {
        var isRealtime = policy is Fifo or RoundRobin;
        scheduler.TryNumber("priority", out var priority);
        if (!isRealtime)
        {
            if (priority != 0 && Policies.Contains(policy))
            {
                context.Error(path.Dot("priority"), $"scheduler priority {Text.N(priority)} can only be set for SCHED_FIFO or SCHED_RR, not {policy}");
            }

            return;
        }

        if (priority < 1 || priority > 99)
        {
            context.Error(path.Dot("priority"), $"scheduler policy {policy} needs a priority in 1..99, got {Text.N(priority)}");
        }
    }

    private static void CheckDeadline(SemanticContext context, JsonElement scheduler, string policy, string path)
    {
        scheduler.TryNumber("runtime", out var runtime);
        scheduler.TryNumber("deadline", out var deadline);
        scheduler.TryNumber("period", out var period);
        if (policy != Deadline)
        {
            if ((runtime != 0 || deadline != 0 || period != 0) && Policies.Contains(policy))
            {
                context.Error(path, $"scheduler runtime/deadline/period can only be set for SCHED_DEADLINE, not {policy}");
            }

            return;
        }

        if (runtime > deadline)
        {
            context.Error(path.Dot("runtime"), $"scheduler runtime {Text.N(runtime)} must not exceed deadline {Text.N(deadline)}");
        }

        if (period != 0 && deadline > period)
        {
            context.Error(path.Dot("deadline"), $"scheduler deadline {Text.N(deadline)} must not exceed period {Text.N(period)}");
        }
    }
}
