namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.uidMappings</c>/<c>gidMappings</c> against the user namespace: a new user
/// namespace needs both, a joined one should have neither, and without a user namespace
/// they do nothing.
/// </summary>
internal sealed class UserNamespaceRule : ISemanticRule
{
    private static readonly string[] Maps = ["uidMappings", "gidMappings"];

    public void Check(SemanticContext context)
    {
        var linux = context.Linux;
        var namespaces = context.Namespaces;
        foreach (var map in Maps)
        {
            var path = "$.linux".Dot(map);
            var present = linux.Has(map);
            if (present && !linux.TryArray(map, out _))
            {
                continue;
            }

            var hasEntries = linux.TryArray(map, out var list) && list.GetArrayLength() > 0;

            if (!namespaces.Contains(NamespaceSet.User))
            {
                // runc only reads the mappings when it sets up a user namespace, so they are
                // dropped rather than refused.
                if (present)
                {
                    context.Warning(path, $"{map} is ignored without a user namespace");
                }
            }
            else if (namespaces.IsPrivate(NamespaceSet.User))
            {
                if (!hasEntries)
                {
                    context.Error(path, $"a new user namespace needs {map}");
                }
            }
            else if (hasEntries)
            {
                context.Warning(path, $"{map} is set while joining the user namespace {Text.Q(namespaces.PathOf(NamespaceSet.User)!)}; runc refuses them unless they match that namespace");
            }

            if (hasEntries)
            {
                IdMappings.Check(context, list, path, map);
            }
        }
    }
}
