namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.intelRdt</c>: closID names one resctrl directory, memBwSchema starts with "MB:"
/// and is one line (spec MUST), l3CacheSchema should start with "L3:" (spec SHOULD).
/// </summary>
internal sealed class IntelRdtRule : ISemanticRule
{
    private const string BasePath = "$.linux.intelRdt";

    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryObject("intelRdt", out var rdt))
        {
            return;
        }

        if (rdt.TryString("closID", out var closId) && (closId is "." or ".." || closId.Contains('/') || Text.HasNul(closId)))
        {
            context.Error(BasePath.Dot("closID"), $"intelRdt closID {Text.Q(closId)} must be a plain directory name");
        }

        if (rdt.TryString("memBwSchema", out var memBw) && memBw.Length > 0 &&
            (!memBw.StartsWith("MB:", StringComparison.Ordinal) || memBw.Contains('\n')))
        {
            context.Error(BasePath.Dot("memBwSchema"), $"intelRdt memBwSchema {Text.Q(memBw)} must start with \"MB:\" and be a single line");
        }

        if (rdt.TryString("l3CacheSchema", out var l3) && l3.Length > 0 &&
            (!l3.StartsWith("L3:", StringComparison.Ordinal) || l3.Contains('\n')))
        {
            context.Warning(BasePath.Dot("l3CacheSchema"), $"intelRdt l3CacheSchema {Text.Q(l3)} should start with \"L3:\" and be a single line");
        }
    }
}
