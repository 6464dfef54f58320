namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>linux.namespaces</c>: known types, each type once, paths absolute.</summary>
internal sealed class NamespacesRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryArray("namespaces", out var namespaces))
        {
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (index, entry) in namespaces.ObjectItems())
        {
            var path = "$.linux.namespaces".At(index);
            if (entry.TryString("type", out var type))
            {
                if (!NamespaceSet.KnownTypes.Contains(type))
                {
                    context.Error(path.Dot("type"), $"unknown namespace type {Text.Q(type)}");
                }
                else if (seen.TryGetValue(type, out var first))
                {
                    context.Error(path.Dot("type"), $"namespace {Text.Q(type)} is already listed at index {first}");
                }
                else
                {
                    seen[type] = index;
                }
            }

            if (entry.TryString("path", out var nsPath) && nsPath.Length > 0 && !PathText.IsAbsolute(nsPath))
            {
                context.Error(path.Dot("path"), $"namespace path {Text.Q(nsPath)} must be an absolute path");
            }
        }
    }
}
