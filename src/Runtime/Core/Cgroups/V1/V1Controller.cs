using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>
/// A cgroup v1 controller (runc's fs subsystem). By default it creates its directory and joins;
/// controllers with limits override Set and say through IsRequested whether a resource set needs them.
/// </summary>
internal abstract class V1Controller
{
    /// <summary>The controller name as in /proc/self/cgroup ("cpu", "name=systemd").</summary>
    public abstract string Name { get; }

    /// <summary>Whether Set would write anything for these resources (an error when the host lacks the controller).</summary>
    public virtual bool IsRequested(LinuxResources r) => false;

    public virtual void Apply(V1Cgroup cg, LinuxResources? r, int pid)
    {
        cg.Ensure();
        cg.Join(pid);
    }

    public virtual void Set(V1Cgroup cg, LinuxResources r)
    {
    }

    public virtual void Stats(V1Cgroup cg, CgroupStats stats)
    {
    }
}

/// <summary>Controllers that only group processes: perf_event and named hierarchies such as name=systemd.</summary>
internal sealed class JoinOnlyV1(string name) : V1Controller
{
    public override string Name => name;
}
