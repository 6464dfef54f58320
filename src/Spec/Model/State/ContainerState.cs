using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>
/// The OCI state document (state-schema.json; <c>specs.State</c> in Go), as passed to hooks
/// on stdin and reported by <c>state</c>.
/// </summary>
public sealed class ContainerState : IExtensible
{
    [JsonPropertyName("ociVersion")]
    public string OciVersion { get; set; } = "";

    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>One of <see cref="ContainerStatus"/>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = "";

    /// <summary>Host pid of the container process; absent when there is none.</summary>
    [JsonPropertyName("pid")]
    public int? Pid { get; set; }

    /// <summary>Absolute path of the bundle directory.</summary>
    [JsonPropertyName("bundle")]
    public string Bundle { get; set; } = "";

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>A state of this runtime-spec version, as a runtime hands it to hooks and seccomp agents.</summary>
    public static ContainerState Of(string id, string status, int? pid, string bundle, Dictionary<string, string>? annotations) => new()
    {
        OciVersion = SpecVersion.Current, Id = id, Status = status, Pid = pid, Bundle = bundle, Annotations = annotations,
    };
}

/// <summary>The <c>status</c> values of state-schema.json.</summary>
public static class ContainerStatus
{
    public const string Creating = "creating";
    public const string Created = "created";
    public const string Running = "running";
    public const string Stopped = "stopped";
}
