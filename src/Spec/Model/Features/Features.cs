using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>
/// The features document printed by <c>runc features</c> (features-schema.json;
/// <c>features.Features</c> in Go). A null list means "unknown", not "none supported".
/// </summary>
public sealed class Features : IExtensible
{
    [JsonPropertyName("ociVersionMin")]
    public string OciVersionMin { get; set; } = "";

    [JsonPropertyName("ociVersionMax")]
    public string OciVersionMax { get; set; } = "";

    [JsonPropertyName("hooks")]
    public List<string>? Hooks { get; set; }

    [JsonPropertyName("mountOptions")]
    public List<string>? MountOptions { get; set; }

    [JsonPropertyName("linux")]
    public LinuxFeatures? Linux { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>Annotation names (or prefixes ending in ".") that may change runtime behaviour.</summary>
    [JsonPropertyName("potentiallyUnsafeConfigAnnotations")]
    public List<string>? PotentiallyUnsafeConfigAnnotations { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
