using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Cgroups.V2;

/// <summary>linux.resources.unified: file name → content, written verbatim (line by line).</summary>
internal static class V2Unified
{
    public static void Set(CgroupFiles files, string dir, IReadOnlyDictionary<string, string>? unified, ISet<string> controllers)
    {
        foreach (var (key, value) in unified ?? new Dictionary<string, string>())
        {
            if (key.Contains('/') || key.Contains(".."))
                throw new RuntimeException($"unified resource {key} must be a file name (no '/' or '..')");
            try
            {
                files.WriteLines(dir, key, value);
            }
            catch (CgroupFileException e) when (e.Errno is Errno.ENOENT or Errno.EPERM or Errno.EACCES)
            {
                var dot = key.IndexOf('.');
                if (dot <= 0)
                    throw new RuntimeException($"unified resource {key} must be in the form CONTROLLER.PARAMETER", e);
                var controller = key[..dot];
                if (controller != "cgroup" && !controllers.Contains(controller))
                    throw new RuntimeException($"unified resource {key} can't be set: controller {controller} not available", e);
                throw new RuntimeException($"unable to set unified resource {key}: {e.Message}", e);
            }
        }
    }
}
