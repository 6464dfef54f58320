namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>POSIX path predicates on plain strings (no filesystem access).</summary>
internal static class PathText
{
    public static bool IsAbsolute(string path) => path.Length > 0 && path[0] == '/';

    /// <summary>Lexically resolves the path; false when <c>..</c> climbs above its start.</summary>
    public static bool StaysInside(string path)
    {
        var depth = 0;
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (--depth < 0)
                {
                    return false;
                }
            }
            else if (part.Length > 0 && part != ".")
            {
                depth++;
            }
        }

        return true;
    }

    public static bool HasDotDotComponent(string path) => path.Split('/').Contains("..");
}
