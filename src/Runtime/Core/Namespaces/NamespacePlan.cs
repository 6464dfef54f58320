using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Namespaces;

/// <summary>Which namespaces a new container creates and which it joins, from linux.namespaces.</summary>
public sealed class NamespacePlan
{
    public uint CloneFlags { get; private init; }
    public List<(uint Flag, string Path)> Joins { get; } = [];
    public List<string> Types { get; } = [];

    public bool Creates(string type) => (CloneFlags & NamespaceKinds.Flag(type)) != 0;
    public bool Has(string type) => Types.Contains(type);

    public static NamespacePlan From(LinuxConfig? linux)
    {
        uint flags = 0;
        var plan = new List<(uint, string)>();
        var types = new List<string>();
        foreach (var ns in linux?.Namespaces ?? [])
        {
            var flag = NamespaceKinds.Flag(ns.Type);
            types.Add(ns.Type);
            if (string.IsNullOrEmpty(ns.Path))
                flags |= flag;
            else
                plan.Add((flag, ns.Path));
        }
        var result = new NamespacePlan { CloneFlags = flags };
        result.Joins.AddRange(plan);
        result.Types.AddRange(types);
        return result;
    }

    /// <summary>uid_map / gid_map text from the mapping list.</summary>
    public static string? MapText(List<IdMapping>? mappings) =>
        mappings is null or { Count: 0 }
            ? null
            : string.Concat(mappings.Select(m => $"{m.ContainerId} {m.HostId} {m.Size}\n"));
}
