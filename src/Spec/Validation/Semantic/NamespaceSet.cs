using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>
/// The namespaces listed in <c>linux.namespaces</c>. The first entry of a type wins;
/// duplicates and unknown types are reported by <see cref="Rules.NamespacesRule"/>.
/// </summary>
internal sealed class NamespaceSet
{
    public const string Pid = "pid";
    public const string Network = "network";
    public const string Mount = "mount";
    public const string Ipc = "ipc";
    public const string Uts = "uts";
    public const string User = "user";
    public const string Cgroup = "cgroup";
    public const string Time = "time";

    public static readonly IReadOnlySet<string> KnownTypes =
        new HashSet<string>(StringComparer.Ordinal) { Pid, Network, Mount, Ipc, Uts, User, Cgroup, Time };

    private readonly Dictionary<string, string?> _paths;

    private NamespaceSet(Dictionary<string, string?> paths) => _paths = paths;

    /// <summary>The container gets (or joins) a namespace of this type rather than inheriting the runtime's.</summary>
    public bool Contains(string type) => _paths.ContainsKey(type);

    /// <summary>A new namespace of this type is created (listed without a path).</summary>
    public bool IsPrivate(string type) => _paths.TryGetValue(type, out var path) && string.IsNullOrEmpty(path);

    /// <summary>The path of a joined namespace, or null when created or not listed.</summary>
    public string? PathOf(string type) =>
        _paths.TryGetValue(type, out var path) && !string.IsNullOrEmpty(path) ? path : null;

    public static NamespaceSet From(JsonElement root)
    {
        var paths = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (root.TryObject("linux", out var linux) && linux.TryArray("namespaces", out var list))
        {
            foreach (var (_, entry) in list.ObjectItems())
            {
                if (entry.TryString("type", out var type) && KnownTypes.Contains(type) && !paths.ContainsKey(type))
                {
                    paths[type] = entry.TryString("path", out var path) ? path : null;
                }
            }
        }

        return new NamespaceSet(paths);
    }
}
