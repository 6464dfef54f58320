using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Loading;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Validation.Semantic;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>Reads a bundle's config.json; every problem is one line naming the file, the place and the rule.</summary>
public static class BundleConfig
{
    public static RuntimeConfig Load(string bundle, bool systemdCgroup = false)
    {
        var path = Path.Combine(bundle, "config.json");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new RuntimeException("JSON specification file config.json not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"read {path}: {e.Message}");
        }
        var result = ConfigLoader.Load(bytes, new SemanticOptions { SystemdCgroup = systemdCgroup });
        foreach (var warning in result.Warnings)
            Log.Warning($"config.json:{warning}");
        var errors = result.Errors.ToList();
        if (errors.Count > 0)
        {
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more problem(s): run `runcs validate`)" : "";
            throw new RuntimeException($"invalid config.json: config.json:{errors[0]}{more}");
        }
        return result.Config!;
    }
}
