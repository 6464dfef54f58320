using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>A device node to create in the container (defs-linux.json <c>Device</c>).</summary>
public sealed class LinuxDevice : IExtensible
{
    /// <summary>REQUIRED. Path inside the container.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    /// <summary>REQUIRED. c, b, u or p.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("major")]
    public long? Major { get; set; }

    [JsonPropertyName("minor")]
    public long? Minor { get; set; }

    /// <summary>Permission bits (decimal in JSON, e.g. 438 for 0666).</summary>
    [JsonPropertyName("fileMode")]
    public uint? FileMode { get; set; }

    [JsonPropertyName("uid")]
    public uint? Uid { get; set; }

    [JsonPropertyName("gid")]
    public uint? Gid { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A <c>linux.netDevices</c> value (defs-linux.json <c>NetDevice</c>).</summary>
public sealed class LinuxNetDevice : IExtensible
{
    /// <summary>Name of the interface inside the container; defaults to the host name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A <c>linux.timeOffsets</c> value (defs-linux.json <c>TimeOffsets</c>).</summary>
public sealed class LinuxTimeOffset : IExtensible
{
    [JsonPropertyName("secs")]
    public long? Secs { get; set; }

    [JsonPropertyName("nanosecs")]
    public uint? Nanosecs { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
