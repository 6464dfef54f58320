using System.Text.Json.Serialization;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// &lt;root&gt;/&lt;id&gt;/state.json. Keys that third-party tools read from runc's file keep runc's
/// names (id, init_process_pid, init_process_start, created, cgroup_paths, namespace_paths,
/// config.labels); the rest is ours.
/// </summary>
public sealed class ContainerRecord
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("init_process_pid")] public int InitPid { get; set; }
    [JsonPropertyName("init_process_start")] public ulong InitStartTime { get; set; }
    [JsonPropertyName("created")] public string Created { get; set; } = "";
    [JsonPropertyName("config")] public RecordConfig Config { get; set; } = new();
    [JsonPropertyName("cgroup_paths")] public Dictionary<string, string> CgroupPaths { get; set; } = [];
    [JsonPropertyName("cgroups_path")] public string? CgroupsPath { get; set; }
    [JsonPropertyName("cgroup_mode")] public string? CgroupMode { get; set; }
    [JsonPropertyName("cgroup_created")] public List<string> CgroupCreated { get; set; } = [];
    [JsonPropertyName("namespace_paths")] public Dictionary<string, string> NamespacePaths { get; set; } = [];
    [JsonPropertyName("bundle")] public string Bundle { get; set; } = "";
    [JsonPropertyName("rootfs")] public string Rootfs { get; set; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
    /// <summary>Namespace types the container has of its own or joined; exec joins these.</summary>
    [JsonPropertyName("namespaces")] public List<string> Namespaces { get; set; } = [];
    [JsonPropertyName("systemd_cgroup")] public bool SystemdCgroup { get; set; }
    [JsonPropertyName("rootless")] public bool Rootless { get; set; }
    [JsonPropertyName("hooks")] public Hooks? Hooks { get; set; }
    [JsonPropertyName("owner_uid")] public uint OwnerUid { get; set; }
    /// <summary>The compiled filter of linux.seccomp: `exec` applies the container's filter, as at create.</summary>
    [JsonPropertyName("seccomp")] public SeccompProgram? Seccomp { get; set; }

    /// <summary>Whether init is pid 1 of a namespace of its own: then its death ends every process.</summary>
    [JsonPropertyName("private_pid_namespace")] public bool PrivatePidNamespace { get; set; }
}

public sealed class RecordConfig
{
    [JsonPropertyName("rootfs")] public string Rootfs { get; set; } = "";
    [JsonPropertyName("labels")] public List<string> Labels { get; set; } = [];
    [JsonPropertyName("no_pivot_root")] public bool NoPivotRoot { get; set; }
    [JsonPropertyName("version")] public string Version { get; set; } = SpecVersion.Current;
}
