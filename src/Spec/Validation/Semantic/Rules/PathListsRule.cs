namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.maskedPaths</c>/<c>readonlyPaths</c> are absolute container paths (spec MUST), and
/// need a mount namespace, since masking them in the host's mount table is refused by runc.
/// </summary>
internal sealed class PathListsRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        var anyEntries = false;
        foreach (var field in new[] { "maskedPaths", "readonlyPaths" })
        {
            if (!context.Linux.TryArray(field, out var list))
            {
                continue;
            }

            anyEntries |= list.GetArrayLength() > 0;
            foreach (var (index, value) in list.StringItems())
            {
                if (!PathText.IsAbsolute(value))
                {
                    context.Error("$.linux".Dot(field).At(index), $"{field} entry {Text.Q(value)} must be an absolute path");
                }
            }
        }

        if (anyEntries && !context.Namespaces.Contains(NamespaceSet.Mount))
        {
            context.Error("$.linux.namespaces", "maskedPaths and readonlyPaths need a mount namespace");
        }
    }
}
