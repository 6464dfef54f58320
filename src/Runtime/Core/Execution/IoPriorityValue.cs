using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Execution;

/// <summary>process.ioPriority as the ioprio_set(2) value: class &lt;&lt; 13 | level.</summary>
public static class IoPriorityValue
{
    private const int ClassShift = 13;

    private static readonly Dictionary<string, int> Classes = new(StringComparer.Ordinal)
    {
        ["IOPRIO_CLASS_RT"] = 1, ["IOPRIO_CLASS_BE"] = 2, ["IOPRIO_CLASS_IDLE"] = 3,
    };

    public static int Of(IoPriority p)
    {
        if (!Classes.TryGetValue(p.Class, out var ioClass))
            throw new RuntimeException($"invalid io priority class: {p.Class}");
        var level = p.Priority ?? 0;
        if (level is < 0 or > 7)
            throw new RuntimeException($"invalid ioPriority.priority: {level} (must be 0..7)");
        return ioClass << ClassShift | level;
    }

    /// <summary>The class and level of an ioprio value, as ionice prints them ("best-effort: prio 4").</summary>
    public static string Describe(int value)
    {
        var level = value & ((1 << ClassShift) - 1);
        return (value >> ClassShift) switch
        {
            0 => "none",
            1 => $"realtime: prio {level}",
            2 => $"best-effort: prio {level}",
            3 => "idle",
            var c => $"class {c}: prio {level}",
        };
    }
}
