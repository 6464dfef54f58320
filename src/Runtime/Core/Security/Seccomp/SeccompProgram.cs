using System.Text.Json.Serialization;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>
/// A profile compiled by the runtime: what init hands to seccomp(2), and where the listener fd
/// goes. Sent to init in its config and kept in the container's state for `exec`.
/// </summary>
public sealed class SeccompProgram
{
    /// <summary>struct sock_filter[] in host byte order (base64 in JSON).</summary>
    [JsonPropertyName("filter")] public byte[] Filter { get; set; } = [];

    /// <summary>SECCOMP_FILTER_FLAG_* bits for seccomp(2).</summary>
    [JsonPropertyName("flags")] public uint Flags { get; set; }

    /// <summary>Absolute path of the agent's socket; set when the filter has SCMP_ACT_NOTIFY rules.</summary>
    [JsonPropertyName("listenerPath")] public string? ListenerPath { get; set; }

    [JsonPropertyName("listenerMetadata")] public string? ListenerMetadata { get; set; }

    [JsonIgnore] public bool HasListener => (Flags & SeccompConstants.FlagNewListener) != 0;

    [JsonIgnore] public int Instructions => Filter.Length / SockFilter.Size;
}
