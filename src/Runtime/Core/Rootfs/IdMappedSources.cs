using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>
/// Idmapped bind mounts ("idmap", "ridmap"). Idmapping a mount of a host filesystem needs
/// CAP_SYS_ADMIN over that filesystem, which init, inside the container's user namespace,
/// lacks: the runtime makes each source a detached mount idmapped with the container's user
/// namespace and hands the fds to init, which attaches them in config order (as runc does).
/// </summary>
public static unsafe class IdMappedSources
{
    public static List<Mount> Of(RuntimeConfig config) =>
        (config.Mounts ?? []).Where(m => m.Type != "cgroup" && MountOptions.Parse(m.Options, m.Type).IdMap).ToList();

    /// <summary>The idmapped mounts, once what runcs cannot idmap yet is refused (before anything is made).</summary>
    public static List<Mount> Check(RuntimeConfig config)
    {
        var linux = config.Linux;
        var mounts = Of(config);
        foreach (var m in mounts)
        {
            if (!MountOptions.Parse(m.Options, m.Type).IsBind)
                throw new RuntimeException($"mount {m.Destination}: idmapped mounts need the \"bind\" or \"rbind\" option");
            if (linux?.Namespaces?.Any(n => n.Type == LinuxNamespaceTypes.User) != true)
                throw new RuntimeException($"mount {m.Destination}: idmapped mounts without a container user namespace are not supported by runcs yet");
            if (m.UidMappings is not null && !Same(m.UidMappings, linux.UidMappings))
                throw new RuntimeException($"mount {m.Destination}: uidMappings that differ from the container's user namespace are not supported by runcs yet");
            if (m.GidMappings is not null && !Same(m.GidMappings, linux.GidMappings))
                throw new RuntimeException($"mount {m.Destination}: gidMappings that differ from the container's user namespace are not supported by runcs yet");
        }
        return mounts;
    }

    /// <summary>One detached idmapped mount per idmapped config mount, in order; init's user namespace is the mapping.</summary>
    public static List<Fd> Create(IReadOnlyList<Mount> mounts, string bundle, int initPid)
    {
        var created = new List<Fd>();
        if (mounts.Count == 0)
            return created;
        try
        {
            using var userns = Fd.Open($"/proc/{initPid}/ns/user", LibC.O_RDONLY);
            foreach (var m in mounts)
                created.Add(Create(m, bundle, userns));
            return created;
        }
        catch
        {
            created.ForEach(f => f.Dispose());
            throw;
        }
    }

    private static Fd Create(Mount m, string bundle, Fd userns)
    {
        var opts = MountOptions.Parse(m.Options, m.Type);
        var source = Mounter.HostSource(m.Source, bundle)
            ?? throw new RuntimeException($"mount {m.Destination}: a bind mount needs a source");
        var tree = LibC.open_tree(LibC.AT_FDCWD, source,
            LibC.OPEN_TREE_CLONE | LibC.OPEN_TREE_CLOEXEC | (opts.IsRecursiveBind ? LibC.AT_RECURSIVE : 0));
        Syscalls.Check(tree, "open_tree", source);
        var fd = new Fd(tree);
        var attr = new LibC.MountAttr { AttrSet = MOUNT_ATTR_IDMAP, UsernsFd = (ulong)userns.Value };
        if (LibC.mount_setattr(fd.Value, "", LibC.AT_EMPTY_PATH | (opts.RecursiveIdMap ? LibC.AT_RECURSIVE : 0), &attr) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            fd.Dispose();
            throw new RuntimeException(errno == Errno.EINVAL
                ? $"mount {m.Destination}: the filesystem of {source} does not support idmapped mounts"
                : $"mount {m.Destination}: idmap {source}: {Errno.Describe(errno)}");
        }
        return fd;
    }

    private static bool Same(List<IdMapping> a, List<IdMapping>? b) =>
        b is not null && a.Count == b.Count &&
        a.Zip(b).All(p => p.First.ContainerId == p.Second.ContainerId && p.First.HostId == p.Second.HostId && p.First.Size == p.Second.Size);
}
