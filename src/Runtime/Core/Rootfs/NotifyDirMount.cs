using Runc.Sharp.Runtime.SdNotify;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>Init's half of the sd_notify directory: attaches the runtime's detached mount at /run/notify.</summary>
public static class NotifyDirMount
{
    /// <summary>After the config's mounts, as runc appends its mount; the target is made inside the rootfs.</summary>
    public static void Attach(Fd tree, MountContext ctx)
    {
        using (tree)
        using (var target = ctx.Root.MkdirAll(ContainerNotifyDir.ContainerDir))
            Syscalls.Check(LibC.move_mount(tree.Value, target.Value), "move_mount", ContainerNotifyDir.ContainerDir);
    }
}
