using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>
/// Checks one uid/gid mapping list the way the kernel judges a written uid_map/gid_map:
/// non-empty ranges inside 32-bit ids, and no two ranges overlapping on either side.
/// </summary>
internal static class IdMappings
{
    // Since Linux 4.15 a map file takes at most 340 lines.
    private const int KernelMaxEntries = 340;
    private const long IdSpace = 1L << 32;

    public static void Check(SemanticContext context, JsonElement list, string path, string name)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        if (list.GetArrayLength() > KernelMaxEntries)
        {
            context.Warning(path, $"{name} has {list.GetArrayLength()} entries, more than the kernel limit of {KernelMaxEntries}");
        }

        var container = new List<(long Start, long End, int Index)>();
        var host = new List<(long Start, long End, int Index)>();
        foreach (var (index, entry) in list.ObjectItems())
        {
            var entryPath = path.At(index);
            if (!entry.TryInt64("size", out var size))
            {
                continue;
            }

            if (size <= 0)
            {
                context.Error(entryPath.Dot("size"), $"{name} size {Text.N(size)} must be greater than zero");
                continue;
            }

            CheckRange(context, entry, entryPath, name, "containerID", size, container, index);
            CheckRange(context, entry, entryPath, name, "hostID", size, host, index);
        }
    }

    private static void CheckRange(SemanticContext context, JsonElement entry, string entryPath, string name,
        string field, long size, List<(long Start, long End, int Index)> seen, int index)
    {
        if (!entry.TryInt64(field, out var start) || start < 0 || start >= IdSpace)
        {
            return;
        }

        var end = start + size;
        if (end > IdSpace)
        {
            context.Error(entryPath.Dot("size"), $"{name} range {Text.N(start)}+{Text.N(size)} goes beyond the largest id 4294967295");
            return;
        }

        foreach (var other in seen)
        {
            if (start < other.End && other.Start < end)
            {
                context.Error(entryPath.Dot(field), $"{name} {field} range {Text.N(start)}..{Text.N(end - 1)} overlaps the entry at index {other.Index}");
                return;
            }
        }

        seen.Add((start, end, index));
    }
}
