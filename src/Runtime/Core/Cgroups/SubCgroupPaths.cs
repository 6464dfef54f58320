using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Paths;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>
/// `exec --cgroup`: where below the container's cgroup the new process goes. Either one PATH for
/// every hierarchy (key "": on v1 the same sub-path in each controller, on v2 the one path), or
/// CONTROLLER[,CONTROLLER]:PATH entries for single v1 controllers; the others stay at the top.
/// </summary>
public sealed class SubCgroupPaths
{
    /// <summary>The key of a path that applies to every hierarchy.</summary>
    public const string Every = "";

    private SubCgroupPaths(IReadOnlyDictionary<string, string> byController) => ByController = byController;

    /// <summary>Controller (or <see cref="Every"/>) → path relative to the container's cgroup.</summary>
    public IReadOnlyDictionary<string, string> ByController { get; }

    /// <summary>runc's getSubCgroupPaths: null without --cgroup; its error texts for the bad forms.</summary>
    public static SubCgroupPaths? Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
            return null;
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            var colon = arg.IndexOf(':');
            if (colon < 0)
            {
                if (args.Count != 1)
                    throw new RuntimeException($"invalid --cgroup argument: {arg} (missing <controller>: prefix)");
                paths[Every] = arg;
                continue;
            }
            var path = arg[(colon + 1)..];
            foreach (var controller in arg[..colon].Split(','))
            {
                if (controller.Length == 0)
                    throw new RuntimeException($"invalid --cgroup argument: {arg} (empty <controller> prefix)");
                if (!paths.TryAdd(controller, path))
                    throw new RuntimeException($"invalid --cgroup argument(s): controller {controller} specified multiple times");
            }
        }
        return new SubCgroupPaths(paths);
    }

    /// <summary>
    /// The directories to join, given the container's cgroup directories (controller → path, ""
    /// for cgroup2, as <see cref="ICgroupManager.Paths"/>). A named controller the container has
    /// no directory for (any controller name on a unified host) is an error, and so is a path
    /// that leaves the container's cgroup (compared by path components, not by string prefix).
    /// </summary>
    public IReadOnlyDictionary<string, string> Resolve(IReadOnlyDictionary<string, string> containerPaths)
    {
        var targets = containerPaths.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (ByController.TryGetValue(Every, out var every))
        {
            foreach (var (controller, dir) in containerPaths)
                targets[controller] = Below(dir, every);
            return targets;
        }
        foreach (var (controller, sub) in ByController)
        {
            if (!containerPaths.TryGetValue(controller, out var dir))
                throw new RuntimeException($"unknown controller {controller} in SubCgroupPaths");
            targets[controller] = Below(dir, sub);
        }
        return targets;
    }

    private static string Below(string dir, string sub)
    {
        var joined = LexicalPath.Join(dir, sub);
        return LexicalPath.RelativeUnder(dir, joined) is null
            ? throw new RuntimeException($"bad sub cgroup path: {sub}")
            : joined;
    }
}
