namespace Runc.Sharp.Runtime.Containers;

/// <summary>The OCI status values (runtime.md), as `state` prints them.</summary>
public enum LifecycleStatus
{
    Creating,
    Created,
    Running,
    Paused,
    Stopped,
}

public static class LifecycleStatusNames
{
    public static string Name(this LifecycleStatus s) => s switch
    {
        LifecycleStatus.Creating => "creating",
        LifecycleStatus.Created => "created",
        LifecycleStatus.Running => "running",
        LifecycleStatus.Paused => "paused",
        _ => "stopped",
    };
}
