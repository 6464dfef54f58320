namespace Runc.Sharp.Spec.Paths;

/// <summary>Go's filepath.Join/Clean and runc's CleanPath: purely lexical, no file system access.</summary>
public static class LexicalPath
{
    public static string Join(params string[] parts) =>
        Clean(string.Join('/', parts.Where(p => p.Length > 0)));

    /// <summary>Collapses "//", "." and ".."; ".." never climbs above "/" for an absolute path.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
            return ".";
        var absolute = path[0] == '/';
        var stack = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (stack.Count > 0 && stack[^1] != "..")
                    stack.RemoveAt(stack.Count - 1);
                else if (!absolute)
                    stack.Add("..");
                continue;
            }
            stack.Add(part);
        }
        var joined = string.Join('/', stack);
        return absolute ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>
    /// runc's utils.CleanPath: cleans, and makes a relative path unable to climb out of the directory
    /// it is later joined to ("../../x" becomes "x"). Empty stays empty.
    /// </summary>
    public static string CleanConfined(string path)
    {
        if (path.Length == 0)
            return "";
        var cleaned = Clean(path);
        if (cleaned[0] == '/')
            return cleaned;
        var rooted = Clean("/" + cleaned);
        return rooted == "/" ? "." : rooted[1..];
    }

    /// <summary>The parent directory ("/" for "/x", "." for "x").</summary>
    public static string Dir(string path)
    {
        var cleaned = Clean(path);
        var slash = cleaned.LastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : cleaned[..slash];
    }

    /// <summary>path relative to basePath when it lies under it, else null.</summary>
    public static string? RelativeUnder(string basePath, string path)
    {
        var b = Clean(basePath);
        var p = Clean(path);
        if (p == b)
            return ".";
        var prefix = b == "/" ? "/" : b + "/";
        return p.StartsWith(prefix, StringComparison.Ordinal) ? p[prefix.Length..] : null;
    }
}
