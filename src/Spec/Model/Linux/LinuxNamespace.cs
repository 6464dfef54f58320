using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>One <c>linux.namespaces</c> entry (defs-linux.json <c>NamespaceReference</c>).</summary>
public sealed class LinuxNamespace : IExtensible
{
    /// <summary>REQUIRED. One of <see cref="LinuxNamespaceTypes"/>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>Path of an existing namespace to join instead of creating one.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The namespace type names of defs-linux.json <c>NamespaceType</c>.</summary>
public static class LinuxNamespaceTypes
{
    public const string Mount = "mount";
    public const string Pid = "pid";
    public const string Network = "network";
    public const string Uts = "uts";
    public const string Ipc = "ipc";
    public const string User = "user";
    public const string Cgroup = "cgroup";
    public const string Time = "time";
}
