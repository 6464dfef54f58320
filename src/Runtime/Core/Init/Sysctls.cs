using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Init;

/// <summary>linux.sysctl: written under /proc/sys of the container's own /proc.</summary>
public static class Sysctls
{
    public static void Apply(Dictionary<string, string>? sysctls)
    {
        foreach (var (key, value) in sysctls ?? [])
        {
            // "a.b.c" or, as sysctl.d allows, "a/b/c" (then dots belong to names: eth0.100).
            var relative = key.Contains('/') ? key : key.Replace('.', '/');
            if (relative.Split('/').Any(part => part is "" or "." or ".."))
                throw new RuntimeException($"invalid sysctl name {key}");
            var path = "/proc/sys/" + relative;
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
