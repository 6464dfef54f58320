namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.timeOffsets</c> needs a time namespace to apply to, names a clock the kernel
/// offsets (time_namespaces(7)), and keeps nanoseconds below one second.
/// </summary>
internal sealed class TimeNamespaceRule : ISemanticRule
{
    // The kernel's timens_offsets also takes the numeric clock ids.
    private static readonly HashSet<string> Clocks = new(StringComparer.Ordinal) { "monotonic", "boottime", "1", "7" };

    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryObject("timeOffsets", out var offsets))
        {
            return;
        }

        const string path = "$.linux.timeOffsets";
        var namespaces = context.Namespaces;
        if (!namespaces.Contains(NamespaceSet.Time))
        {
            context.Error(path, "timeOffsets are set but there is no time namespace");
        }
        else if (namespaces.PathOf(NamespaceSet.Time) is { } joined)
        {
            context.Warning(path, $"timeOffsets cannot be applied to the existing time namespace {Text.Q(joined)}");
        }

        foreach (var clock in offsets.Properties())
        {
            var clockPath = path.Dot(clock.Name);
            if (!Clocks.Contains(clock.Name))
            {
                context.Error(clockPath, $"unknown clock {Text.Q(clock.Name)} in timeOffsets, expected \"monotonic\" or \"boottime\"");
            }

            if (clock.Value.TryNumber("nanosecs", out var nanoseconds) && nanoseconds >= 1_000_000_000)
            {
                context.Error(clockPath.Dot("nanosecs"), $"timeOffsets nanosecs {Text.N(nanoseconds)} must be below 1000000000");
            }
        }
    }
}
