using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>
/// runc's rules for a rootless container's cgroups. Without a configured cgroupsPath, a cgroup
/// it has no permission to create or join is left out, and the container stays in the
/// caller's cgroup there; a limit for such a controller is then a clear error. Device rules
/// are not expected to work and their errors are ignored.
/// </summary>
/// <param name="Joined">For a later command: the controllers ("" for cgroup2) the container was
/// put into at create; null when create joined every one.</param>
public sealed record CgroupRootless(bool Enabled, bool TolerateNoPermission, IReadOnlyCollection<string>? Joined = null)
{
    public static readonly CgroupRootless Off = new(false, false);

    /// <summary>For create: rootless cgroups tolerate missing permission only without a configured path.</summary>
    public static CgroupRootless ForCreate(bool rootless, string? cgroupsPath) =>
        new(rootless, rootless && string.IsNullOrEmpty(cgroupsPath));

    /// <summary>runc's isIgnorableError: a permission error in the loose sense (EPERM, EACCES, EROFS).</summary>
    public bool Ignores(Exception e) =>
        TolerateNoPermission && e is CgroupFileException { Errno: Errno.EPERM or Errno.EACCES or Errno.EROFS };

    public bool WasJoined(string controller) => Joined is null || Joined.Contains(controller);

    /// <summary>runc's wording for a limit on a controller the container could not be put into.</summary>
    public static string NotJoinedError(string controller) =>
        $"cannot set {controller} limit: container could not join or create cgroup";

    public const string NoFreezerError = "cannot toggle freezer: cgroups not configured for container";
}
