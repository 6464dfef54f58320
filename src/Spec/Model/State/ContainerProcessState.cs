using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>
/// What a seccomp agent receives on <c>linux.seccomp.listenerPath</c> (runtime.md /
/// config-linux.md "ContainerProcessState"; <c>specs.ContainerProcessState</c> in Go), sent as
/// the data of one message whose SCM_RIGHTS carry the fds named in <see cref="Fds"/>.
/// </summary>
public sealed class ContainerProcessState : IExtensible
{
    /// <summary>The one fd name the spec defines.</summary>
    public const string SeccompFdName = "seccompFd";

    [JsonPropertyName("ociVersion")]
    public string OciVersion { get; set; } = "";

    /// <summary>Names of the fds in the message's SCM_RIGHTS, in order.</summary>
    [JsonPropertyName("fds")]
    public List<string>? Fds { get; set; }

    /// <summary>The process the fds belong to (init at create, the new process at exec).</summary>
    [JsonPropertyName("pid")]
    public int Pid { get; set; }

    /// <summary><c>linux.seccomp.listenerMetadata</c>, passed through opaque.</summary>
    [JsonPropertyName("metadata")]
    public string? Metadata { get; set; }

    [JsonPropertyName("state")]
    public ContainerState State { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
