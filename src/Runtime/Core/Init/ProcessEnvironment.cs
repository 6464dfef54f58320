namespace Runc.Sharp.Runtime.Init;

/// <summary>The user process's environment: config env, extras, and HOME as runc fills it in.</summary>
public static class ProcessEnvironment
{
    public static List<string> Build(IEnumerable<string>? configEnv, IEnumerable<string> extra, uint uid, Func<uint, string?> homeOf)
    {
        var env = new List<string>();
        foreach (var e in (configEnv ?? []).Concat(extra))
            if (e.Contains('='))
                env.Add(e);
        if (!env.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal)))
            env.Add("HOME=" + (homeOf(uid) ?? "/"));
        return env;
    }

    /// <summary>The home directory of uid in an /etc/passwd text.</summary>
    public static string? HomeFromPasswd(IEnumerable<string> lines, uint uid)
    {
        foreach (var line in lines)
        {
            var f = line.Split(':');
            if (f.Length >= 6 && uint.TryParse(f[2], out var u) && u == uid && f[5].Length > 0)
                return f[5];
        }
        return null;
    }

    public static string? HomeInContainer(uint uid)
    {
        try
        {
            return HomeFromPasswd(File.ReadLines("/etc/passwd"), uid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
