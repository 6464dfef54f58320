using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary><c>linux.intelRdt</c> (resctrl).</summary>
public sealed class LinuxIntelRdt : IExtensible
{
    [JsonPropertyName("closID")]
    public string? ClosId { get; set; }

    /// <summary>Raw schemata lines written to the resctrl group.</summary>
    [JsonPropertyName("schemata")]
    public List<string>? Schemata { get; set; }

    [JsonPropertyName("l3CacheSchema")]
    public string? L3CacheSchema { get; set; }

    [JsonPropertyName("memBwSchema")]
    public string? MemBwSchema { get; set; }

    [JsonPropertyName("enableMonitoring")]
    public bool? EnableMonitoring { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>linux.personality</c> (personality(2)).</summary>
public sealed class LinuxPersonality : IExtensible
{
    /// <summary>LINUX or LINUX32.</summary>
    [JsonPropertyName("domain")]
    public string? Domain { get; set; }

    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>linux.memoryPolicy</c> (set_mempolicy(2)).</summary>
public sealed class LinuxMemoryPolicy : IExtensible
{
    /// <summary>An MPOL_* mode name.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    /// <summary>NUMA node list, e.g. "0-3,7".</summary>
    [JsonPropertyName("nodes")]
    public string? Nodes { get; set; }

    /// <summary>MPOL_F_* flag names.</summary>
    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
