using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runc.Sharp.Spec.Model;

/// <summary>
/// The container process (<c>process</c>); also the document <c>runc exec --process</c> reads.
/// Declaration order follows the Go struct so output matches runc.
/// </summary>
public sealed class Process : IExtensible
{
    [JsonPropertyName("terminal")]
    public bool? Terminal { get; set; }

    [JsonPropertyName("consoleSize")]
    public ConsoleSize? ConsoleSize { get; set; }

    [JsonPropertyName("user")]
    public User? User { get; set; }

    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }

    /// <summary>Windows only: the full command line.</summary>
    [JsonPropertyName("commandLine")]
    public string? CommandLine { get; set; }

    [JsonPropertyName("env")]
    public List<string>? Env { get; set; }

    /// <summary>REQUIRED. Working directory, absolute inside the container.</summary>
    [JsonPropertyName("cwd")]
    public string Cwd { get; set; } = "";

    [JsonPropertyName("capabilities")]
    public Capabilities? Capabilities { get; set; }

    [JsonPropertyName("rlimits")]
    public List<Rlimit>? Rlimits { get; set; }

    [JsonPropertyName("noNewPrivileges")]
    public bool? NoNewPrivileges { get; set; }

    [JsonPropertyName("apparmorProfile")]
    public string? ApparmorProfile { get; set; }

    [JsonPropertyName("oomScoreAdj")]
    public int? OomScoreAdj { get; set; }

    [JsonPropertyName("scheduler")]
    public Scheduler? Scheduler { get; set; }

    [JsonPropertyName("selinuxLabel")]
    public string? SelinuxLabel { get; set; }

    [JsonPropertyName("ioPriority")]
    public IoPriority? IoPriority { get; set; }

    [JsonPropertyName("execCPUAffinity")]
    public ExecCpuAffinity? ExecCpuAffinity { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
