using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>The container's root filesystem (<c>root</c>).</summary>
public sealed class Root : IExtensible
{
    /// <summary>REQUIRED. Path to the root filesystem, absolute or relative to the bundle.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    [JsonPropertyName("readonly")]
    public bool? Readonly { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
