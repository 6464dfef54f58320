using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.resources.memory</c>: byte limits are -1 (unlimited) or positive, swap is
/// memory+swap so it cannot be below the memory limit nor set without one (the kernel and
/// runc's cgroup v2 conversion both refuse), swappiness is 0..100, kernel limits are ignored.
/// </summary>
internal sealed class MemoryResourcesRule : ISemanticRule
{
    private const string BasePath = "$.linux.resources.memory";

    public void Check(SemanticContext context)
    {
        if (!context.Resources.TryObject("memory", out var memory))
        {
            return;
        }

        foreach (var field in new[] { "limit", "reservation", "swap" })
        {
            if (memory.TryInt64(field, out var value) && value < -1)
            {
                context.Error(BasePath.Dot(field), $"memory.{field} {Text.N(value)} is invalid, use -1 for unlimited");
            }
        }

        CheckSwap(context, memory);

        foreach (var field in new[] { "kernel", "kernelTCP" })
        {
            if (memory.Has(field))
            {
                context.Warning(BasePath.Dot(field), $"memory.{field} is deprecated and ignored");
            }
        }

        if (memory.TryNumber("swappiness", out var swappiness) && (swappiness < 0 || swappiness > 100))
        {
            context.Error(BasePath.Dot("swappiness"), $"memory.swappiness {Text.N(swappiness)} is outside the range 0..100");
        }
    }

    private static void CheckSwap(SemanticContext context, JsonElement memory)
    {
        // 0 means "not set" for runc, -1 means unlimited.
        if (!memory.TryInt64("swap", out var swap) || swap <= 0)
        {
            return;
        }

        if (memory.Has("limit") && !memory.TryInt64("limit", out _))
        {
            return;
        }

        memory.TryInt64("limit", out var limit);
        if (limit <= 0)
        {
            context.Error(BasePath.Dot("swap"), $"memory.swap {Text.N(swap)} needs a positive memory.limit (swap is the memory+swap limit)");
        }
        else if (swap < limit)
        {
            context.Error(BasePath.Dot("swap"), $"memory.swap {Text.N(swap)} must not be below memory.limit {Text.N(limit)} (swap is the memory+swap limit)");
        }
    }
}
