using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>
/// The root of a bundle's <c>config.json</c> (runtime-spec <c>config-schema.json</c>;
/// <c>specs.Spec</c> in Go). Named <c>RuntimeConfig</c> rather than <c>Spec</c> so it does
/// not collide with the <c>Runc.Sharp.Spec</c> namespace.
/// </summary>
/// <remarks>
/// Property declaration order is the JSON output order and follows the Go struct, which is
/// what <c>runc spec</c> prints. Optional members are nullable and are omitted when null;
/// the non-Linux platform sections are kept opaque so they round-trip untouched.
/// </remarks>
public sealed class RuntimeConfig : IExtensible
{
    /// <summary>REQUIRED. Version of the runtime-spec the document complies with.</summary>
    [JsonPropertyName("ociVersion")]
    public string OciVersion { get; set; } = "";

    [JsonPropertyName("process")]
    public Process? Process { get; set; }

    [JsonPropertyName("root")]
    public Root? Root { get; set; }

    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("domainname")]
    public string? Domainname { get; set; }

    [JsonPropertyName("mounts")]
    public List<Mount>? Mounts { get; set; }

    [JsonPropertyName("hooks")]
    public Hooks? Hooks { get; set; }

    /// <summary>Arbitrary metadata; kept verbatim in document order.</summary>
    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("linux")]
    public LinuxConfig? Linux { get; set; }

    /// <summary>Solaris section, kept opaque.</summary>
    [JsonPropertyName("solaris")]
    public JsonElement? Solaris { get; set; }

    /// <summary>Windows section, kept opaque.</summary>
    [JsonPropertyName("windows")]
    public JsonElement? Windows { get; set; }

    /// <summary>Virtual-machine section, kept opaque.</summary>
    [JsonPropertyName("vm")]
    public JsonElement? Vm { get; set; }

    /// <summary>z/OS section, kept opaque.</summary>
    [JsonPropertyName("zos")]
    public JsonElement? Zos { get; set; }

    /// <summary>FreeBSD section, kept opaque.</summary>
    [JsonPropertyName("freebsd")]
    public JsonElement? FreeBsd { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
