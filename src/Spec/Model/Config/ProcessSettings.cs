using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary><c>process.consoleSize</c>; both dimensions are required uint64.</summary>
public sealed class ConsoleSize : IExtensible
{
    [JsonPropertyName("height")]
    public ulong Height { get; set; }

    [JsonPropertyName("width")]
    public ulong Width { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>process.capabilities</c>: the five Linux capability sets.</summary>
public sealed class Capabilities : IExtensible
{
    [JsonPropertyName("bounding")]
    public List<string>? Bounding { get; set; }

    [JsonPropertyName("effective")]
    public List<string>? Effective { get; set; }

    [JsonPropertyName("inheritable")]
    public List<string>? Inheritable { get; set; }

    [JsonPropertyName("permitted")]
    public List<string>? Permitted { get; set; }

    [JsonPropertyName("ambient")]
    public List<string>? Ambient { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One <c>process.rlimits</c> entry; type, hard and soft are required.</summary>
public sealed class Rlimit : IExtensible
{
    /// <summary>E.g. <c>RLIMIT_NOFILE</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("hard")]
    public ulong Hard { get; set; }

    [JsonPropertyName("soft")]
    public ulong Soft { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>process.ioPriority</c>; class is required.</summary>
public sealed class IoPriority : IExtensible
{
    /// <summary>IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE.</summary>
    [JsonPropertyName("class")]
    public string Class { get; set; } = "";

    [JsonPropertyName("priority")]
    public int? Priority { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>process.scheduler</c> (sched_setattr(2)); policy is required.</summary>
public sealed class Scheduler : IExtensible
{
    /// <summary>E.g. SCHED_OTHER, SCHED_FIFO, SCHED_DEADLINE.</summary>
    [JsonPropertyName("policy")]
    public string Policy { get; set; } = "";

    [JsonPropertyName("nice")]
    public int? Nice { get; set; }

    [JsonPropertyName("priority")]
    public int? Priority { get; set; }

    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }

    [JsonPropertyName("runtime")]
    public ulong? Runtime { get; set; }

    [JsonPropertyName("deadline")]
    public ulong? Deadline { get; set; }

    [JsonPropertyName("period")]
    public ulong? Period { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>process.execCPUAffinity</c>: CPU lists like "0-3,7" for exec'd processes.</summary>
public sealed class ExecCpuAffinity : IExtensible
{
    [JsonPropertyName("initial")]
    public string? Initial { get; set; }

    [JsonPropertyName("final")]
    public string? Final { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
