namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>process.ioPriority</c>: a known class and a level in 0..7 (ioprio_set(2)).</summary>
internal sealed class IoPriorityRule : ISemanticRule
{
    public static readonly IReadOnlySet<string> Classes =
        new HashSet<string>(StringComparer.Ordinal) { "IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE" };

    public void Check(SemanticContext context)
    {
        if (!context.Process.TryObject("ioPriority", out var ioPriority))
        {
            return;
        }

        const string path = "$.process.ioPriority";
        if (ioPriority.TryString("class", out var ioClass) && !Classes.Contains(ioClass))
        {
            context.Error(path.Dot("class"), $"unknown io priority class {Text.Q(ioClass)}");
        }

        if (ioPriority.TryNumber("priority", out var priority) && (priority < 0 || priority > 7))
        {
            context.Error(path.Dot("priority"), $"io priority {Text.N(priority)} is outside the range 0..7");
        }
    }
}
