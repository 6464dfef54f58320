namespace Runc.Sharp.Runtime.Sys;

/// <summary>
/// A procfs of our own pid namespace that is mounted nowhere and shows only processes
/// (subset=pid: no /proc/sys, no kcore, nothing host-wide). Another process reaching it
/// through /proc/PID/fd sees nothing its own /proc does not already show.
/// </summary>
public static class ProcFsInstance
{
    private const uint MOUNT_ATTR_NOSUID = 0x2, MOUNT_ATTR_NODEV = 0x4, MOUNT_ATTR_NOEXEC = 0x8;
    public const long ProcSuperMagic = 0x9fa0;

    public static Fd OpenPidsOnly()
    {
        var fs = LibC.fsopen("proc", LibC.FSOPEN_CLOEXEC);
        Syscalls.Check(fs, "fsopen", "proc");
        using var context = new Fd(fs);
        Syscalls.Check(LibC.fsconfig(context.Value, LibC.FSCONFIG_SET_STRING, "subset", "pid"), "fsconfig", "proc subset=pid");
        Syscalls.Check(LibC.fsconfig(context.Value, LibC.FSCONFIG_CMD_CREATE, null, null), "fsconfig", "create proc");
        var mount = LibC.fsmount(context.Value, LibC.FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
        Syscalls.Check(mount, "fsmount", "proc");
        return new Fd(mount);
    }

    /// <summary>True when fd is on a procfs.</summary>
    public static unsafe bool IsProcFs(Fd fd)
    {
        LibC.Statfs st;
        return LibC.fstatfs(fd.Value, &st) == 0 && st.Type == ProcSuperMagic;
    }
}
