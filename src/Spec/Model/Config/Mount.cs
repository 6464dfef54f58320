using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>One entry of <c>mounts</c> (defs.json <c>Mount</c>).</summary>
public sealed class Mount : IExtensible
{
    /// <summary>REQUIRED. Absolute path inside the container.</summary>
    [JsonPropertyName("destination")]
    public string Destination { get; set; } = "";

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [JsonPropertyName("options")]
    public List<string>? Options { get; set; }

    /// <summary>Id-mapped mount user mappings.</summary>
    [JsonPropertyName("uidMappings")]
    public List<IdMapping>? UidMappings { get; set; }

    /// <summary>Id-mapped mount group mappings.</summary>
    [JsonPropertyName("gidMappings")]
    public List<IdMapping>? GidMappings { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
