using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>The flags of `exec`: a process file, or a process built from config.json with overrides.</summary>
public sealed class ExecOptions
{
    public required string Id { get; init; }
    public string? ProcessFile { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public bool Detach { get; init; }
    public bool Tty { get; init; }
    public string? Cwd { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    public string? User { get; init; }
    public IReadOnlyList<string> AdditionalGids { get; init; } = [];
    public IReadOnlyList<string> Caps { get; init; } = [];
    public bool NoNewPrivs { get; init; }
    public string? PidFile { get; init; }
    public string? ConsoleSocket { get; init; }
    public string? PidfdSocket { get; init; }
    /// <summary>--cgroup, as given (see Cgroups.SubCgroupPaths).</summary>
    public IReadOnlyList<string> Cgroups { get; init; } = [];
    public int PreserveFds { get; init; }
    public bool IgnorePaused { get; init; }
    public string? AppArmor { get; init; }
    public string? ProcessLabel { get; init; }
}
