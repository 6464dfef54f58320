using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.resources.cpu</c>: cpuset list syntax, CFS quota/period within the kernel's
/// 1ms..1s bounds, burst within quota (spec MUST), realtime runtime within its period,
/// idle 0/1 and shares within the cgroup v1 range.
/// </summary>
internal sealed class CpuResourcesRule : ISemanticRule
{
    private const string BasePath = "$.linux.resources.cpu";
    private const long MinMicros = 1_000;
    private const long MaxPeriodMicros = 1_000_000;

    public void Check(SemanticContext context)
    {
        if (!context.Resources.TryObject("cpu", out var cpu))
        {
            return;
        }

        foreach (var field in new[] { "cpus", "mems" })
        {
            if (cpu.TryString(field, out var list) && list.Length > 0 && !CpuList.IsValid(list))
            {
                context.Error(BasePath.Dot(field), $"cpu.{field} {Text.Q(list)} is not a valid list such as \"0-3,5\"");
            }
        }

        CheckBandwidth(context, cpu);
        CheckRealtime(context, cpu);

        if (cpu.TryNumber("idle", out var idle) && idle is not (0 or 1))
        {
            context.Error(BasePath.Dot("idle"), $"cpu.idle {Text.N(idle)} must be 0 or 1");
        }

        if (cpu.TryNumber("shares", out var shares) && shares != 0 && (shares < 2 || shares > 262144))
        {
            context.Warning(BasePath.Dot("shares"), $"cpu.shares {Text.N(shares)} is outside 2..262144 and will be clamped");
        }
    }

    private static void CheckBandwidth(SemanticContext context, JsonElement cpu)
    {
        var hasQuota = cpu.TryInt64("quota", out var quota);
        if (hasQuota && quota > 0 && quota < MinMicros)
        {
            context.Error(BasePath.Dot("quota"), $"cpu.quota {Text.N(quota)} is below the kernel minimum of {MinMicros} microseconds");
        }

        if (cpu.TryNumber("period", out var period) && period != 0 && (period < MinMicros || period > MaxPeriodMicros))
        {
            context.Error(BasePath.Dot("period"), $"cpu.period {Text.N(period)} is outside {MinMicros}..{MaxPeriodMicros} microseconds");
        }

        if (hasQuota && quota > 0 && cpu.TryNumber("burst", out var burst) && burst > quota)
        {
            context.Error(BasePath.Dot("burst"), $"cpu.burst {Text.N(burst)} must not be larger than cpu.quota {Text.N(quota)}");
        }
    }

    private static void CheckRealtime(SemanticContext context, JsonElement cpu)
    {
        if (cpu.TryNumber("realtimeRuntime", out var runtime) && cpu.TryNumber("realtimePeriod", out var period) &&
            runtime > 0 && period > 0 && runtime > period)
        {
            context.Error(BasePath.Dot("realtimeRuntime"), $"cpu.realtimeRuntime {Text.N(runtime)} must not exceed cpu.realtimePeriod {Text.N(period)}");
        }
    }
}
