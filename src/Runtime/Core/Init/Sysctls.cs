using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Init;

/// <summary>linux.sysctl: written under /proc/sys of the container's own /proc.</summary>
public static class Sysctls
{
    public static void Apply(Dictionary<string, string>? sysctls)
    {
        foreach (var (key, value) in sysctls ?? [])
        {
            if (key.Contains("..") || key.Contains('/') && key.Contains('.'))
                throw new RuntimeException($"invalid sysctl name {key}");
            var path = "/proc/sys/" + key.Replace('.', '/');
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
