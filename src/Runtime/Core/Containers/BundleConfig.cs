using System.Text.Json;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>Reads a bundle's config.json; every problem is one line naming the file, the place and the rule.</summary>
public static class BundleConfig
{
    public static RuntimeConfig Load(string bundle)
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
        try
        {
            return SpecJson.ReadConfig(bytes);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"{line + 1}:{(e.BytePositionInLine ?? 0) + 1}: " : "";
            throw new RuntimeException($"config.json:{where}{e.Path ?? "$"}: {e.Message}");
        }
    }
}
