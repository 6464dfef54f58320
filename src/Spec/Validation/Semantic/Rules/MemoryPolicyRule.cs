using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.memoryPolicy</c> as set_mempolicy(2) judges it: a known mode and flags, nodes only
/// for the modes that take them (and required by those that need them), the two node-relative
/// flags exclusive, and NUMA balancing only with MPOL_BIND.
/// </summary>
internal sealed class MemoryPolicyRule : ISemanticRule
{
    private const string BasePath = "$.linux.memoryPolicy";

    private static readonly HashSet<string> NodelessModes = new(StringComparer.Ordinal) { "MPOL_DEFAULT", "MPOL_LOCAL" };

    private static readonly HashSet<string> NodeModes = new(StringComparer.Ordinal)
    {
        "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE", "MPOL_PREFERRED_MANY",
    };

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
    {
        "MPOL_F_NUMA_BALANCING", "MPOL_F_RELATIVE_NODES", "MPOL_F_STATIC_NODES",
    };

    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryObject("memoryPolicy", out var policy))
        {
            return;
        }

        policy.TryString("nodes", out var nodes);
        if (nodes.Length > 0 && !CpuList.IsValid(nodes))
        {
            context.Error(BasePath.Dot("nodes"), $"memoryPolicy nodes {Text.Q(nodes)} is not a valid node list such as \"0-1,3\"");
        }

        if (policy.TryString("mode", out var mode))
        {
            CheckMode(context, mode, nodes);
        }

        CheckFlags(context, policy, mode);
    }

    private static void CheckMode(SemanticContext context, string mode, string nodes)
    {
        // MPOL_PREFERRED takes at most one preferred node; empty means local allocation.
        if (NodelessModes.Contains(mode))
        {
            if (nodes.Length > 0)
            {
                context.Error(BasePath.Dot("nodes"), $"memoryPolicy mode {mode} does not take nodes");
            }
        }
        else if (NodeModes.Contains(mode))
        {
            if (nodes.Length == 0)
            {
                context.Error(BasePath.Dot("nodes"), $"memoryPolicy mode {mode} needs nodes");
            }
        }
        else if (mode != "MPOL_PREFERRED")
        {
            context.Error(BasePath.Dot("mode"), $"unknown memoryPolicy mode {Text.Q(mode)}");
        }
    }

    private static void CheckFlags(SemanticContext context, JsonElement policy, string mode)
    {
        if (!policy.TryArray("flags", out var flags))
        {
            return;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, flag) in flags.StringItems())
        {
            set.Add(flag);
            if (!Flags.Contains(flag))
            {
                context.Error(BasePath.Dot("flags").At(index), $"unknown memoryPolicy flag {Text.Q(flag)}");
            }
        }

        if (set.Contains("MPOL_F_RELATIVE_NODES") && set.Contains("MPOL_F_STATIC_NODES"))
        {
            context.Error(BasePath.Dot("flags"), "memoryPolicy flags MPOL_F_RELATIVE_NODES and MPOL_F_STATIC_NODES exclude each other");
        }

        if (set.Contains("MPOL_F_NUMA_BALANCING") && mode.Length > 0 && mode != "MPOL_BIND")
        {
            context.Error(BasePath.Dot("flags"), $"memoryPolicy flag MPOL_F_NUMA_BALANCING only works with MPOL_BIND, not {mode}");
        }
    }
}
