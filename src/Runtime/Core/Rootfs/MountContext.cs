using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>What every mount step needs: the rootfs (as fd), the bundle, and namespace facts.</summary>
public sealed class MountContext(SafePath root, string bundle, bool inUserNamespace, bool newCgroupNamespace)
{
    public SafePath Root { get; } = root;
    public string Bundle { get; } = bundle;
    public bool InUserNamespace { get; } = inUserNamespace;
    public bool NewCgroupNamespace { get; } = newCgroupNamespace;

    /// <summary>Detached idmapped mounts the runtime made, one per idmapped config mount, in order.</summary>
    public Queue<Fd> IdMappedSources { get; init; } = new();

    public Fd NextIdMappedSource(string destination) =>
        IdMappedSources.TryDequeue(out var fd) ? fd
            : throw new Diagnostics.RuntimeException($"mount {destination}: the runtime sent no idmapped source for it");

    /// <summary>Flags the kernel locks on a mount inside a user namespace; a remount must keep them.</summary>
    public unsafe ulong LockedFlags(Fd target)
    {
        if (!InUserNamespace)
            return 0;
        LibC.Statfs st;
        return LibC.fstatfs(target.Value, &st) == 0 ? (ulong)st.Flags & MountFlags.LockableMask : 0;
    }
}
