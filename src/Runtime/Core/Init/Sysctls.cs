using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Init;

/// <summary>linux.sysctl: written under /proc/sys of the container's own /proc.</summary>
public static class Sysctls
{
    /// <summary>
    /// The path under /proc/sys: "a.b.c" or, as sysctl.d allows, "a/b/c" (then dots belong to
    /// names: eth0.100). Null for a name with an empty, "." or ".." part.
    /// </summary>
    public static string? RelativePath(string key)
    {
        var relative = key.Contains('/') ? key : key.Replace('.', '/');
        return relative.Split('/').Any(part => part is "" or "." or "..") ? null : relative;
    }

    public static string InvalidName(string key) => $"invalid sysctl name {key}";

    public static void Apply(Dictionary<string, string>? sysctls)
    {
        foreach (var (key, value) in sysctls ?? [])
        {
            var path = "/proc/sys/" + (RelativePath(key) ?? throw new RuntimeException(InvalidName(key)));
            try
            {
                File.WriteAllText(path, value);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RuntimeException($"write sysctl {key}: {e.Message}");
            }
        }
    }
}
