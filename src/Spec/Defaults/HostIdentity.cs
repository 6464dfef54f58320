using System.Globalization;

namespace Runc.Sharp.Spec.Defaults;

/// <summary>
/// The few host facts <c>runc spec</c> depends on, read without native interop so the spec
/// library stays fully managed: effective uid/gid from /proc/self/status and whether
/// /sys/fs/cgroup is a cgroup v2 unified hierarchy.
/// </summary>
internal static class HostIdentity
{
    private const string StatusPath = "/proc/self/status";

    /// <summary>True when /sys/fs/cgroup is the cgroup2 root (it then has cgroup.controllers).</summary>
    public static bool IsCgroup2UnifiedMode() => File.Exists("/sys/fs/cgroup/cgroup.controllers");

    /// <summary>Effective uid (second field of the "Uid:" line).</summary>
    public static uint EffectiveUid() => ReadEffectiveId("Uid:");

    /// <summary>Effective gid (second field of the "Gid:" line).</summary>
    public static uint EffectiveGid() => ReadEffectiveId("Gid:");

    internal static uint ParseEffectiveId(IEnumerable<string> statusLines, string key)
    {
        foreach (string line in statusLines)
        {
            if (!line.StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            string[] fields = line[key.Length..].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && uint.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint id))
            {
                return id;
            }

            break;
        }

        throw new InvalidOperationException($"Cannot determine the effective id: no valid '{key}' line in {StatusPath}.");
    }

    private static uint ReadEffectiveId(string key) => ParseEffectiveId(File.ReadLines(StatusPath), key);
}
