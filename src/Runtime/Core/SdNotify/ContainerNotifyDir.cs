using Runc.Sharp.Runtime.Sys;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;
using SpecProcess = Runc.Sharp.Spec.Model.Process;

namespace Runc.Sharp.Runtime.SdNotify;

/// <summary>
/// The container's end of sd_notify, laid out as runc does: a directory `notify` in the state
/// directory, mounted read-only, nosuid, nodev, noexec at /run/notify after the config's mounts,
/// with NOTIFY_SOCKET pointing at the socket `notify.sock` that `start` (or `run`) binds in it.
/// The directory goes away with the state directory.
/// </summary>
public static unsafe class ContainerNotifyDir
{
    public const string DirName = "notify";
    public const string SocketName = "notify.sock";
    public const string ContainerDir = "/run/notify";
    public const string ContainerSocket = ContainerDir + "/" + SocketName;

    private const uint DirMode = 0b111_101_101;

    /// <summary>
    /// `create` with NOTIFY_SOCKET set: makes the directory, sets the variable in the process,
    /// and returns the directory as a detached read-only mount for init to attach. Made here,
    /// not by init: the state root is closed to a container's user namespace (runc likewise
    /// opens bind sources on the host side).
    /// </summary>
    public static Fd Prepare(string stateDir, SpecProcess process)
    {
        var dir = Path.Combine(stateDir, DirName);
        Syscalls.Check(LibC.mkdirat(LibC.AT_FDCWD, dir, DirMode), "mkdir", dir);
        // Searchable by every container user whatever our umask.
        Syscalls.Check(LibC.fchmodat(LibC.AT_FDCWD, dir, DirMode, 0), "chmod", dir);
        var tree = LibC.open_tree(LibC.AT_FDCWD, dir, LibC.OPEN_TREE_CLONE | LibC.OPEN_TREE_CLOEXEC);
        Syscalls.Check(tree, "open_tree", dir);
        var fd = new Fd(tree);
        var attr = new LibC.MountAttr { AttrSet = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC };
        if (LibC.mount_setattr(fd.Value, "", LibC.AT_EMPTY_PATH, &attr) < 0)
        {
            var e = SyscallException.FromLastError("mount_setattr", dir);
            fd.Dispose();
            throw e;
        }
        SetVariable(process);
        return fd;
    }

    /// <summary>NOTIFY_SOCKET for the container, replacing any in process.env (runc appends it, and the last one wins there).</summary>
    public static void SetVariable(SpecProcess process)
    {
        var prefix = NotifySocketVariable.Name + "=";
        var env = (process.Env ?? []).Where(e => !e.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        env.Add(prefix + ContainerSocket);
        process.Env = env;
    }
}
