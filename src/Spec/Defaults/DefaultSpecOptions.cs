namespace Runc.Sharp.Spec.Defaults;

/// <summary>
/// Inputs of <see cref="DefaultSpec.Create(DefaultSpecOptions)"/>. Everything runc's
/// <c>spec</c> command takes from the host is explicit here so the template is deterministic.
/// </summary>
public sealed class DefaultSpecOptions
{
    /// <summary>Apply runc's <c>ToRootless</c> transformation (<c>runc spec --rootless</c>).</summary>
    public bool Rootless { get; init; }

    /// <summary>
    /// Add a cgroup namespace. runc does this only when the host runs cgroup v2 in unified
    /// mode; <see cref="DefaultSpec.Create(bool)"/> probes for that.
    /// </summary>
    public bool CgroupNamespace { get; init; } = true;

    /// <summary>Host uid mapped to container uid 0 when rootless (runc uses the effective uid).</summary>
    public uint HostUid { get; init; }

    /// <summary>Host gid mapped to container gid 0 when rootless (runc uses the effective gid).</summary>
    public uint HostGid { get; init; }
}
