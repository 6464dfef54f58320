namespace Runc.Sharp.Runtime.Containers;

/// <summary>The flags of `create` (and of `run`, which adds its own).</summary>
public sealed class CreateOptions
{
    public required string Id { get; init; }
    public required string Bundle { get; init; }
    public string? PidFile { get; init; }
    public string? ConsoleSocket { get; init; }
    public string? PidfdSocket { get; init; }
    public bool NoPivot { get; init; }
    public bool NoNewKeyring { get; init; }
    public int PreserveFds { get; init; }
    public bool SystemdCgroup { get; init; }
    /// <summary>--rootless resolved (runc's RootlessCgroups): cgroup permission errors tolerated as runc does.</summary>
    public bool RootlessCgroups { get; init; }
    /// <summary>run in the foreground: stdio stays ours, no console socket needed for a terminal.</summary>
    public bool Foreground { get; init; }
    /// <summary>The host's NOTIFY_SOCKET (sd_notify), or null: the container gets its own socket to notify.</summary>
    public string? NotifySocket { get; init; }
}
