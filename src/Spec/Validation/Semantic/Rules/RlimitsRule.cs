namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>process.rlimits</c>: known types, no duplicate type, soft not above hard.</summary>
internal sealed class RlimitsRule : ISemanticRule
{
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "RLIMIT_AS", "RLIMIT_CORE", "RLIMIT_CPU", "RLIMIT_DATA", "RLIMIT_FSIZE", "RLIMIT_LOCKS",
        "RLIMIT_MEMLOCK", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_NOFILE", "RLIMIT_NPROC",
        "RLIMIT_RSS", "RLIMIT_RTPRIO", "RLIMIT_RTTIME", "RLIMIT_SIGPENDING", "RLIMIT_STACK",
    };

    public void Check(SemanticContext context)
    {
        if (!context.Process.TryArray("rlimits", out var rlimits))
        {
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (index, rlimit) in rlimits.ObjectItems())
        {
            var path = "$.process.rlimits".At(index);
            if (rlimit.TryString("type", out var type))
            {
                if (!KnownTypes.Contains(type))
                {
                    context.Error(path.Dot("type"), $"unknown rlimit type {Text.Q(type)}");
                }
                else if (seen.TryGetValue(type, out var first))
                {
                    context.Error(path.Dot("type"), $"rlimit {type} is already set at index {first}");
                }
                else
                {
                    seen[type] = index;
                }
            }

            if (rlimit.TryProperty("soft", out var softNode) && rlimit.TryProperty("hard", out var hardNode) &&
                JsonAccess.TryCompare(softNode, hardNode, out var order) && order > 0)
            {
                context.Error(path.Dot("soft"), $"rlimit {Text.Q(type)} soft limit {Text.Raw(softNode)} is above its hard limit {Text.Raw(hardNode)}");
            }
        }
    }
}
