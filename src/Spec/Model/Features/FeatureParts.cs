using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>An object whose only defined member is <c>enabled</c> (apparmor, selinux, netDevices, idmap).</summary>
public sealed class FeatureToggle : IExtensible
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>linux.cgroup</c> of the features document: what cgroup support is compiled in.</summary>
public sealed class CgroupFeatures : IExtensible
{
    [JsonPropertyName("v1")]
    public bool? V1 { get; set; }

    [JsonPropertyName("v2")]
    public bool? V2 { get; set; }

    [JsonPropertyName("systemd")]
    public bool? Systemd { get; set; }

    [JsonPropertyName("systemdUser")]
    public bool? SystemdUser { get; set; }

    [JsonPropertyName("rdma")]
    public bool? Rdma { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>linux.seccomp</c> of the features document.</summary>
public sealed class SeccompFeatures : IExtensible
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    [JsonPropertyName("actions")]
    public List<string>? Actions { get; set; }

    [JsonPropertyName("operators")]
    public List<string>? Operators { get; set; }

    [JsonPropertyName("archs")]
    public List<string>? Archs { get; set; }

    [JsonPropertyName("knownFlags")]
    public List<string>? KnownFlags { get; set; }

    /// <summary>Subset of <see cref="KnownFlags"/> usable with the current kernel and libseccomp.</summary>
    [JsonPropertyName("supportedFlags")]
    public List<string>? SupportedFlags { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>linux.intelRdt</c> of the features document.</summary>
public sealed class IntelRdtFeatures : IExtensible
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>Whether <c>linux.intelRdt.schemata</c> in config.json is supported.</summary>
    [JsonPropertyName("schemata")]
    public bool? Schemata { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>linux.memoryPolicy</c> of the features document.</summary>
public sealed class MemoryPolicyFeatures : IExtensible
{
    /// <summary>Recognised MPOL_* modes.</summary>
    [JsonPropertyName("modes")]
    public List<string>? Modes { get; set; }

    /// <summary>Recognised MPOL_F_* flags.</summary>
    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>linux.mountExtensions</c> of the features document.</summary>
public sealed class MountExtensionsFeatures : IExtensible
{
    /// <summary>Id-mapped mount support (<c>uidMappings</c>/<c>gidMappings</c> on mounts).</summary>
    [JsonPropertyName("idmap")]
    public FeatureToggle? Idmap { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
