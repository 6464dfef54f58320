using System.Text.RegularExpressions;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>linux.resources.hugepageLimits</c>: pageSize as <c>&lt;size&gt;&lt;unit&gt;B</c> (2MB, 1GB), each size once.</summary>
internal sealed partial class HugepageLimitsRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Resources.TryArray("hugepageLimits", out var limits))
        {
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (index, limit) in limits.ObjectItems())
        {
            if (!limit.TryString("pageSize", out var pageSize))
            {
                continue;
            }

            var path = "$.linux.resources.hugepageLimits".At(index).Dot("pageSize");
            if (!PageSize().IsMatch(pageSize))
            {
                context.Error(path, $"hugepage pageSize {Text.Q(pageSize)} must look like \"2MB\" or \"1GB\"");
            }
            else if (seen.TryGetValue(pageSize, out var first))
            {
                context.Warning(path, $"hugepage pageSize {Text.Q(pageSize)} is already limited at index {first}; the last entry wins");
            }
            else
            {
                seen[pageSize] = index;
            }
        }
    }

    [GeneratedRegex("^[1-9][0-9]{0,5}[KMGTP]B$", RegexOptions.CultureInvariant)]
    private static partial Regex PageSize();
}
