namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>Knobs that change how strictly <see cref="SemanticValidator"/> judges a config.</summary>
public sealed record SemanticOptions
{
    public static SemanticOptions Default { get; } = new();

    /// <summary>
    /// The systemd cgroup driver is in use (<c>--systemd-cgroup</c>): <c>linux.cgroupsPath</c>
    /// must then be of the form <c>slice:prefix:name</c>.
    /// </summary>
    public bool SystemdCgroup { get; init; }

    /// <summary>
    /// The config is about to be used to create a container, so <c>process</c> is required
    /// (runtime-spec: REQUIRED when start is called).
    /// </summary>
    public bool RequireProcess { get; init; } = true;

    /// <summary>
    /// The container will be started without pivot_root (<c>--no-pivot</c>), which makes a
    /// private rootfs propagation unsafe (runc refuses it).
    /// </summary>
    public bool NoPivotRoot { get; init; }

    /// <summary>
    /// Report relative mount destinations as errors. Off by default: the spec only
    /// deprecates them for Linux and runc accepts them with a warning.
    /// </summary>
    public bool StrictMountDestinations { get; init; }
}
