using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>A device-controller rule (defs-linux.json <c>DeviceCgroup</c>); allow is required.</summary>
public sealed class LinuxDeviceCgroup : IExtensible
{
    [JsonPropertyName("allow")]
    public bool Allow { get; set; }

    /// <summary>a (all), c or b; absent means all.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("major")]
    public long? Major { get; set; }

    [JsonPropertyName("minor")]
    public long? Minor { get; set; }

    /// <summary>Combination of r, w and m.</summary>
    [JsonPropertyName("access")]
    public string? Access { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>linux.resources.pids</c>; limit is required (-1 or 0 means unlimited).</summary>
public sealed class LinuxPids : IExtensible
{
    [JsonPropertyName("limit")]
    public long Limit { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A <c>linux.resources.hugepageLimits</c> entry; both members are required.</summary>
public sealed class LinuxHugepageLimit : IExtensible
{
    /// <summary>E.g. "2MB", "1GB".</summary>
    [JsonPropertyName("pageSize")]
    public string PageSize { get; set; } = "";

    [JsonPropertyName("limit")]
    public ulong Limit { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>linux.resources.network</c> (net_cls / net_prio).</summary>
public sealed class LinuxNetwork : IExtensible
{
    [JsonPropertyName("classID")]
    public uint? ClassId { get; set; }

    [JsonPropertyName("priorities")]
    public List<LinuxInterfacePriority>? Priorities { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A net_prio interface priority; both members are required.</summary>
public sealed class LinuxInterfacePriority : IExtensible
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("priority")]
    public uint Priority { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A <c>linux.resources.rdma</c> value.</summary>
public sealed class LinuxRdma : IExtensible
{
    [JsonPropertyName("hcaHandles")]
    public uint? HcaHandles { get; set; }

    [JsonPropertyName("hcaObjects")]
    public uint? HcaObjects { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
