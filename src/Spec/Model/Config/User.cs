using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>
/// <c>process.user</c>. The schema marks no member as required, so uid/gid are nullable too
/// (config.md requires them on POSIX platforms; that is a semantic rule, not a parse rule).
/// </summary>
public sealed class User : IExtensible
{
    [JsonPropertyName("uid")]
    public uint? Uid { get; set; }

    [JsonPropertyName("gid")]
    public uint? Gid { get; set; }

    [JsonPropertyName("umask")]
    public uint? Umask { get; set; }

    [JsonPropertyName("additionalGids")]
    public List<uint>? AdditionalGids { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
