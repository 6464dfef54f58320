using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// In a new user namespace the process's uid, gid and additional gids must be mapped,
/// otherwise setresuid/setgroups fail with EINVAL when the container starts.
/// </summary>
internal sealed class ProcessUserMappingRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Namespaces.IsPrivate(NamespaceSet.User) || !context.Process.TryObject("user", out var user))
        {
            return;
        }

        const string path = "$.process.user";
        var uids = Ranges(context.Linux, "uidMappings");
        var gids = Ranges(context.Linux, "gidMappings");

        if (user.TryInt64("uid", out var uid) && !IsMapped(uids, uid))
        {
            context.Error(path.Dot("uid"), $"process uid {Text.N(uid)} is not mapped by linux.uidMappings");
        }

        if (user.TryInt64("gid", out var gid) && !IsMapped(gids, gid))
        {
            context.Error(path.Dot("gid"), $"process gid {Text.N(gid)} is not mapped by linux.gidMappings");
        }

        if (user.TryArray("additionalGids", out var additional))
        {
            foreach (var (index, node) in additional.Items())
            {
                if (node.ValueKind == JsonValueKind.Number && node.TryGetInt64(out var extra) && !IsMapped(gids, extra))
                {
                    context.Error(path.Dot("additionalGids").At(index), $"additional gid {Text.N(extra)} is not mapped by linux.gidMappings");
                }
            }
        }
    }

    // Null when the mappings are missing or unusable: other rules report that, this one stays quiet.
    private static List<(long Start, long End)>? Ranges(JsonElement linux, string name)
    {
        if (!linux.TryArray(name, out var list))
        {
            return null;
        }

        var ranges = new List<(long Start, long End)>();
        foreach (var (_, entry) in list.ObjectItems())
        {
            if (entry.TryInt64("containerID", out var start) && entry.TryInt64("size", out var size) &&
                start >= 0 && size > 0 && start <= long.MaxValue - size)
            {
                ranges.Add((start, start + size));
            }
        }

        return ranges.Count > 0 ? ranges : null;
    }

    private static bool IsMapped(List<(long Start, long End)>? ranges, long id) =>
        ranges is null || ranges.Any(r => id >= r.Start && id < r.End);
}
