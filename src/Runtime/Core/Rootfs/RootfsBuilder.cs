using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Sys;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>
/// The container's filesystem, in runc's order: propagation of "/", the rootfs made a mount
/// point, config.json mounts, /dev, the root switch, then masked and read-only paths and a
/// read-only root.
/// </summary>
public static class RootfsBuilder
{
    /// <param name="idMappedSources">Fds of the detached idmapped mounts the runtime made, in config order.</param>
    public static void Prepare(InitConfig cfg, IReadOnlyList<int> idMappedSources)
    {
        var linux = cfg.Config.Linux;
        // Nothing we mount may propagate back to the host.
        Syscalls.Mount(null, "/", null, PropagationFlag(linux?.RootfsPropagation) ?? (MS_SLAVE | MS_REC), null, "/");
        Syscalls.Mount(cfg.Rootfs, cfg.Rootfs, null, MS_BIND | MS_REC, null, cfg.Rootfs);

        using var root = SafePath.OpenRoot(cfg.Rootfs);
        var ctx = new MountContext(root, cfg.Bundle, cfg.InUserNamespace, cfg.NewCgroupNamespace)
        {
            IdMappedSources = new Queue<Fd>(idMappedSources.Select(fd => new Fd(fd))),
        };
        var mounts = cfg.Config.Mounts ?? [];
        try
        {
            foreach (var mount in mounts)
                Mounter.Apply(mount, ctx);
            if (cfg.NotifyDirFd >= 0)
                NotifyDirMount.Attach(new Fd(cfg.NotifyDirFd), ctx);
        }
        finally
        {
            foreach (var unused in ctx.IdMappedSources)
                unused.Dispose();
        }

        var devIsPrivate = mounts.Any(m => m.Destination.TrimEnd('/') == "/dev" && !MountOptions.Parse(m.Options, m.Type).IsBind);
        DeviceNodes.Create(linux?.Devices, ctx, devIsPrivate);
        if (mounts.Any(m => m.Destination.TrimEnd('/') == "/dev/pts" && m.Type == "devpts"))
            DeviceNodes.LinkPtmx(ctx);
    }

    public static void SwitchRoot(InitConfig cfg)
    {
        if (cfg.NoPivot)
            RootSwitch.MoveRoot(cfg.Rootfs);
        else
            RootSwitch.PivotRoot(cfg.Rootfs);
    }

    public static void Finish(InitConfig cfg)
    {
        var linux = cfg.Config.Linux;
        if (PropagationFlag(linux?.RootfsPropagation) is { } flag)
            Syscalls.Mount(null, "/", null, flag, null, "/");
        using var root = new SafePath(Fd.Open("/", LibC.O_PATH | LibC.O_DIRECTORY), "/");
        var ctx = new MountContext(root, cfg.Bundle, cfg.InUserNamespace, cfg.NewCgroupNamespace);
        PathMasking.MakeReadonly(linux?.ReadonlyPaths, root, ctx);
        PathMasking.Mask(linux?.MaskedPaths, root);
        if (cfg.Config.Root?.Readonly == true)
        {
            using var self = Fd.Open("/", LibC.O_PATH | LibC.O_DIRECTORY);
            Syscalls.Mount(null, "/", null, MS_BIND | MS_REMOUNT | MS_RDONLY | ctx.LockedFlags(self), null, "/");
        }
    }

    public static ulong? PropagationFlag(string? name) => name switch
    {
        null or "" => null,
        "shared" => MS_SHARED,
        "rshared" => MS_SHARED | MS_REC,
        "slave" => MS_SLAVE,
        "rslave" => MS_SLAVE | MS_REC,
        "private" => MS_PRIVATE,
        "rprivate" => MS_PRIVATE | MS_REC,
        "unbindable" => MS_UNBINDABLE,
        "runbindable" => MS_UNBINDABLE | MS_REC,
        _ => throw new Diagnostics.RuntimeException($"invalid rootfsPropagation {name}"),
    };
}
