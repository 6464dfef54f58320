using System.Text.Json.Serialization;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>What `state` and `list --format json` print: runc's containerState, in its field order.</summary>
public sealed class StateView
{
    [JsonPropertyName("ociVersion")] public string OciVersion { get; set; } = SpecVersion.Current;
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("pid")] public int Pid { get; set; }
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    [JsonPropertyName("bundle")] public string Bundle { get; set; } = "";
    [JsonPropertyName("rootfs")] public string Rootfs { get; set; } = "";
    [JsonPropertyName("created")] public string Created { get; set; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
    [JsonPropertyName("owner")] public string Owner { get; set; } = "";

    public static StateView Of(ContainerRecord r, LifecycleStatus status, string owner = "") => new()
    {
        Id = r.Id,
        Pid = status == LifecycleStatus.Stopped ? 0 : r.InitPid,
        Status = status.Name(),
        Bundle = r.Bundle,
        Rootfs = r.Rootfs,
        Created = r.Created,
        Annotations = r.Annotations is { Count: > 0 } ? r.Annotations : null,
        Owner = owner,
    };

    /// <summary>The OCI state document hooks receive on stdin.</summary>
    public static ContainerState Oci(ContainerRecord r, LifecycleStatus status) =>
        ContainerState.Of(r.Id, status.Name(), status == LifecycleStatus.Stopped ? null : r.InitPid, r.Bundle, r.Annotations);
}
