namespace Runc.Sharp.Runtime.Launch;

/// <summary>What the shim must do before C# init starts: the bootstrap message's content.</summary>
public sealed class LaunchRequest
{
    public bool IsExec { get; init; }
    /// <summary>An init (or exec) process that runs the runtime's plan in C (RUNCS_MODE_*_NATIVE): .NET never starts in it.</summary>
    public bool NativeInit { get; init; }
    public uint CloneFlags { get; init; }
    public IReadOnlyList<(uint Flag, string Path)> Joins { get; init; } = [];
    public string? UidMap { get; init; }
    public string? GidMap { get; init; }
    public bool SetgroupsDeny { get; init; }
    /// <summary>newuidmap / newgidmap: what the shim runs when the kernel refuses a direct map write.</summary>
    public string? UidMapTool { get; init; }
    public string? GidMapTool { get; init; }
    public string? TimeOffsets { get; init; }
    public int? OomScoreAdj { get; init; }
    /// <summary>Fds handed to init, numbered from 3 in order (preserved fds first).</summary>
    public IReadOnlyList<int> PassFds { get; init; } = [];
    /// <summary>Runs with stage 0's pid before it may go on: the place to join cgroups.</summary>
    public Action<int>? BeforeBootstrap { get; init; }
}
